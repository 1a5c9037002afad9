import { maskedAccount } from '../domain/bank-accounts';
import { maskIdCard } from '../domain/id-card';
import { outstandingYuan, rollTotals } from '../domain/payment-roll';
import { isWithinJurisdiction, type Actor, type StaffRole } from '../domain/staff-roles';
import type { Database } from '../platform/database';
import type { BankFile, RowProblem } from './bank-files';
import type { BankReturnRow } from './schemas/payment-rolls';
import { HttpError } from './http-error';

/**
 * The payment roll 发放名册 as staff read and act on it. County approvers, supervisors and
 * administrators read the rolls of the counties in their jurisdiction (a prefecture-level user:
 * all twelve); only the county's approver starts, rebuilds, approves, exports (the bank file
 * holds full ID numbers, so every export is audited) and imports the bank's answer. Lists show
 * ID numbers masked and accounts by their last four digits.
 */

export const ROLL_READERS: readonly StaffRole[] = ['COUNTY_APPROVER', 'SUPERVISOR', 'ADMINISTRATOR'];
export const ROLL_ACTORS: readonly StaffRole[] = ['COUNTY_APPROVER'];

export function requireRole(actor: Actor, roles: readonly StaffRole[], what: string): void {
  if (!roles.includes(actor.role)) throw new HttpError(403, 'forbidden', `${what} (role not allowed)`);
}

/** A county named in a query or body: unknown → 422, outside the jurisdiction → 403. */
export async function countyInJurisdiction(db: Database, actor: Actor, countyId: string, field: string) {
  const county = await db.orgUnit.findUnique({ where: { id: countyId } });
  if (!county || county.level !== 'COUNTY') {
    const message = `县（市）${countyId} 不存在 (no such county)`;
    throw new HttpError(422, 'unknown_county', `${field}: ${message}`, [{ field, message }]);
  }
  if (!isWithinJurisdiction(actor.unitPath, county.path))
    throw new HttpError(403, 'forbidden', '该县（市）不在您的管辖范围内 (county outside your jurisdiction)', [
      { field, message: 'outside your jurisdiction' },
    ]);
  return county;
}

/** The counties a reader sees: those at or below the reader's unit, or the one containing it. */
export async function readableCounties(db: Database, actor: Actor) {
  const counties = await db.orgUnit.findMany({ where: { level: 'COUNTY' }, orderBy: { id: 'asc' } });
  return counties.filter((c) => isWithinJurisdiction(actor.unitPath, c.path));
}

/** A roll the actor may read; another county's answers 404 like none at all. */
export async function rollFor(db: Database, actor: Actor, rollId: string) {
  requireRole(actor, ROLL_READERS, '发放名册仅供县民政局、监督和管理人员查看');
  const roll = await db.paymentRoll.findUnique({ where: { id: rollId } });
  const county = roll && (await db.orgUnit.findUnique({ where: { id: roll.countyId } }));
  if (!roll || !county || !isWithinJurisdiction(actor.unitPath, county.path))
    throw new HttpError(404, 'not_found', '没有这份发放名册 (no such roll)');
  return { roll, county };
}

const money = (v: unknown) => Number(v ?? 0);

export async function listRolls(db: Database, actor: Actor, q: { countyId?: string; month?: string }) {
  requireRole(actor, ROLL_READERS, '发放名册仅供县民政局、监督和管理人员查看');
  const counties = q.countyId
    ? [await countyInJurisdiction(db, actor, q.countyId, 'query.countyId')]
    : await readableCounties(db, actor);
  const names = new Map(counties.map((c) => [c.id, c.name]));
  const rolls = await db.paymentRoll.findMany({
    where: { countyId: { in: [...names.keys()] }, ...(q.month && { month: q.month }) },
    orderBy: [{ month: 'desc' }, { countyId: 'asc' }],
    take: 500,
  });
  return { items: rolls.map((r) => summaryOf(r, names.get(r.countyId) ?? r.countyId)) };
}

type RollRow = Awaited<ReturnType<Database['paymentRoll']['findUniqueOrThrow']>>;

export function summaryOf(roll: RollRow, countyName: string) {
  return {
    rollId: roll.id,
    countyId: roll.countyId,
    countyName,
    month: roll.month,
    status: roll.status,
    progress: { done: roll.linesDone, total: roll.linesTotal },
    totalYuan: money(roll.totalYuan),
    reviewDueAt: roll.reviewDueAt?.toISOString() ?? null,
    overdue: roll.overdue,
    approvedAt: roll.approvedAt?.toISOString() ?? null,
    approvedBy: roll.approvedBy,
  };
}

const lastFour = maskedAccount;

/** The roll with its totals per township and programme, one page of lines, and amounts owed. */
export async function rollView(
  db: Database,
  roll: RollRow,
  countyName: string,
  page: { offset?: number; limit?: number },
) {
  const [units, programmes, groups, lines, recoveries] = await Promise.all([
    db.orgUnit.findMany({ where: { parentId: roll.countyId }, select: { id: true, name: true } }),
    db.programme.findMany({ select: { code: true, name: true } }),
    db.paymentRollLine.groupBy({
      by: ['townshipId', 'programmeCode'],
      where: { rollId: roll.id },
      _sum: { amountYuan: true },
      _count: true,
    }),
    db.paymentRollLine.findMany({
      where: { rollId: roll.id },
      orderBy: [{ townshipId: 'asc' }, { payeeName: 'asc' }, { id: 'asc' }],
      skip: page.offset ?? 0,
      take: page.limit ?? 200,
    }),
    db.overpaymentRecovery.findMany({ where: { countyId: roll.countyId }, orderBy: { recordedAt: 'asc' } }),
  ]);
  const township = new Map(units.map((u) => [u.id, u.name]));
  const programme = new Map(programmes.map((p) => [p.code as string, p.name]));
  const totals = rollTotals(
    groups.map((g) => ({
      townshipId: g.townshipId,
      programmeCode: g.programmeCode,
      amountYuan: money(g._sum.amountYuan),
    })),
  );
  const counted = new Map(groups.map((g) => [`${g.townshipId}|${g.programmeCode}`, g._count]));
  const owed = await Promise.all(
    recoveries
      .map((r) => ({
        r,
        outstanding: outstandingYuan({ owedYuan: money(r.owedYuan), repaidYuan: money(r.repaidYuan) }),
      }))
      .filter((x) => x.outstanding > 0)
      .map(async ({ r, outstanding }) => {
        const c = await db.case.findUnique({
          where: { id: r.caseId },
          select: { caseNo: true, applicantName: true },
        });
        return {
          recoveryId: r.id,
          caseNo: c?.caseNo ?? null,
          name: c?.applicantName ?? null,
          programmeCode: r.programmeCode,
          fromMonth: r.fromMonth,
          owedYuan: money(r.owedYuan),
          repaidYuan: money(r.repaidYuan),
          outstandingYuan: outstanding,
        };
      }),
  );
  return {
    ...summaryOf(roll, countyName),
    totals: {
      lines: roll.status === 'APPROVED' || roll.status === 'REVIEW' ? roll.linesTotal : roll.linesDone,
      amountYuan: totals.amountYuan,
      byTownshipAndProgramme: totals.rows.map((t) => ({
        townshipId: t.townshipId,
        township: township.get(t.townshipId) ?? t.townshipId,
        programmeCode: t.programmeCode,
        programme: programme.get(t.programmeCode) ?? t.programmeCode,
        lines: counted.get(`${t.townshipId}|${t.programmeCode}`) ?? 0,
        amountYuan: t.amountYuan,
      })),
    },
    lines: lines.map((l) => ({
      lineId: l.id,
      householdId: l.householdId,
      townshipId: l.townshipId,
      township: township.get(l.townshipId) ?? l.townshipId,
      programmeCode: l.programmeCode,
      payeeName: l.payeeName,
      idNumber: maskIdCard(l.payeeIdNumber),
      bankName: l.bankName,
      accountNo: lastFour(l.accountNo),
      regularYuan: money(l.regularYuan),
      adjustmentYuan: money(l.adjustmentYuan),
      requeuedYuan: money(l.requeuedYuan),
      amountYuan: money(l.amountYuan),
      status: l.status,
      failureReason: l.failureReason,
    })),
    owed,
  };
}

/** The bank's file: every line with an account and something to pay, full ID numbers. */
export async function bankFileOf(
  db: Database,
  roll: RollRow,
): Promise<BankFile & { withoutAccount: number }> {
  const [units, programmes, lines] = await Promise.all([
    db.orgUnit.findMany({ where: { parentId: roll.countyId }, select: { id: true, name: true } }),
    db.programme.findMany({ select: { code: true, name: true } }),
    db.paymentRollLine.findMany({
      where: { rollId: roll.id },
      orderBy: [{ townshipId: 'asc' }, { programmeCode: 'asc' }, { payeeName: 'asc' }, { id: 'asc' }],
    }),
  ]);
  const township = new Map(units.map((u) => [u.id, u.name]));
  const programme = new Map(programmes.map((p) => [p.code as string, p.name]));
  const payable = lines.filter((l) => l.accountNo && money(l.amountYuan) > 0);
  const totals = rollTotals(
    payable.map((l) => ({
      townshipId: l.townshipId,
      programmeCode: l.programmeCode,
      amountYuan: money(l.amountYuan),
    })),
  );
  return {
    lines: payable.map((l) => ({
      lineId: l.id,
      township: township.get(l.townshipId) ?? l.townshipId,
      programme: programme.get(l.programmeCode) ?? l.programmeCode,
      payeeName: l.payeeName,
      idNumber: l.payeeIdNumber,
      bankName: l.bankName ?? '',
      accountNo: l.accountNo ?? '',
      amountYuan: money(l.amountYuan),
    })),
    totals: totals.rows.map((t) => ({
      township: township.get(t.townshipId) ?? t.townshipId,
      programme: programme.get(t.programmeCode) ?? t.programmeCode,
      lines: t.lines,
      amountYuan: t.amountYuan,
    })),
    total: { lines: totals.lines, amountYuan: totals.amountYuan },
    withoutAccount: lines.filter((l) => !l.accountNo && money(l.amountYuan) > 0).length,
  };
}

/**
 * The bank's return file applied to an approved roll, all rows or none: each line paid or
 * failed with its reason (a failed line is re-queued into the next month's roll). A line of
 * another roll, or one already answered otherwise, is a problem named by its row and column.
 */
export async function importBankReturn(
  db: Database,
  roll: RollRow,
  rows: (BankReturnRow & { row: number })[],
): Promise<{ paid: number; failed: number }> {
  if (roll.status !== 'APPROVED')
    throw new HttpError(409, 'not_approved', '发放名册审核后方可导入银行回盘 (the roll is not approved yet)');
  return db.$transaction(async (tx) => {
    const lines = await tx.paymentRollLine.findMany({
      where: { rollId: roll.id, id: { in: rows.map((r) => r.lineId) } },
      select: { id: true, status: true, requeuedToLineId: true, accountNo: true },
    });
    const byId = new Map(lines.map((l) => [l.id, l]));
    const problems: RowProblem[] = [];
    for (const r of rows) {
      const line = byId.get(r.lineId);
      if (!line)
        problems.push({
          row: r.row,
          column: 'lineId',
          message: '不是本发放名册的明细 (not a line of this roll)',
        });
      else if (line.status !== 'PENDING' && line.status !== r.result)
        problems.push({
          row: r.row,
          column: 'result',
          message: `该明细已登记为 ${line.status} (already recorded otherwise)`,
        });
    }
    if (problems.length > 0)
      throw new HttpError(
        422,
        'invalid_rows',
        problems.map((p) => `第 ${p.row} 行 ${p.column}: ${p.message}`).join('; '),
        problems,
      );
    let paid = 0;
    let failed = 0;
    for (const r of rows) {
      const { count } = await tx.paymentRollLine.updateMany({
        where: { id: r.lineId, status: 'PENDING' },
        data:
          r.result === 'PAID' ? { status: 'PAID' } : { status: 'FAILED', failureReason: r.reason ?? null },
      });
      if (r.result === 'PAID') paid += count;
      else failed += count;
    }
    return { paid, failed };
  });
}
