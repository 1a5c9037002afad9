import { Prisma } from '@prisma/client';
import { FundsConflict, reallocateFunds, recordRepayment } from '../activities/funds';
import { maskedAccount } from '../domain/bank-accounts';
import { FUND_SOURCES, type FundSource } from '../domain/funds';
import { isWithinJurisdiction, type Actor, type StaffRole } from '../domain/staff-roles';
import type { Database } from '../platform/database';
import { audit } from './audit';
import { HttpError } from './http-error';
import { countyInJurisdiction, readableCounties, requireRole } from './payment-rolls';

/**
 * Funds by source 资金: a county's yearly budget lines per programme and source, set and
 * reallocated (with a reason) by the county's approver; spending against budget read by county
 * approvers, supervisors and administrators for the counties in their jurisdiction — the
 * prefecture's for all twelve, by county, programme and month.
 */

export const FUND_READERS: readonly StaffRole[] = ['COUNTY_APPROVER', 'SUPERVISOR', 'ADMINISTRATOR'];
export const FUND_KEEPERS: readonly StaffRole[] = ['COUNTY_APPROVER'];

const money = (v: unknown) => Number(v ?? 0);

function lineView(l: Awaited<ReturnType<Database['fundBudgetLine']['findUniqueOrThrow']>>) {
  return {
    budgetLineId: l.id,
    countyId: l.countyId,
    year: l.year,
    programmeCode: l.programmeCode,
    source: l.source,
    sourceName: FUND_SOURCES[l.source as FundSource],
    allocatedYuan: money(l.allocatedYuan),
    drawnYuan: money(l.drawnYuan),
    remainingYuan: Math.round((money(l.allocatedYuan) - money(l.drawnYuan)) * 100) / 100,
  };
}

export async function listBudget(db: Database, actor: Actor, q: { countyId?: string; year: number }) {
  requireRole(actor, FUND_READERS, '资金信息仅供县民政局、监督和管理人员查看');
  const counties = q.countyId
    ? [await countyInJurisdiction(db, actor, q.countyId, 'query.countyId')]
    : await readableCounties(db, actor);
  const lines = await db.fundBudgetLine.findMany({
    where: { countyId: { in: counties.map((c) => c.id) }, year: q.year },
    orderBy: [{ countyId: 'asc' }, { programmeCode: 'asc' }, { source: 'asc' }],
  });
  const reallocations = await db.fundReallocation.findMany({
    where: {
      OR: [{ fromLineId: { in: lines.map((l) => l.id) } }, { toLineId: { in: lines.map((l) => l.id) } }],
    },
    orderBy: { createdAt: 'asc' },
  });
  return {
    year: q.year,
    lines: lines.map(lineView),
    reallocations: reallocations.map((r) => ({
      reallocationId: r.id,
      fromLineId: r.fromLineId,
      toLineId: r.toLineId,
      amountYuan: money(r.amountYuan),
      reason: r.reason,
      by: r.byUsername,
      at: r.createdAt.toISOString(),
    })),
  };
}

/** Sets a line's allocation (creating the line); never below what it has drawn (409). */
export async function setBudgetLine(
  db: Database,
  actor: Actor,
  body: { countyId: string; year: number; programmeCode: string; source: FundSource; allocatedYuan: number },
) {
  requireRole(actor, FUND_KEEPERS, '预算仅由县民政局审批人员安排');
  await countyInJurisdiction(db, actor, body.countyId, 'body.countyId');
  const key = {
    countyId: body.countyId,
    year: body.year,
    programmeCode: body.programmeCode as Prisma.FundBudgetLineCreateInput['programmeCode'],
    source: body.source,
  };
  const updated = await db.$executeRaw`
    UPDATE "FundBudgetLine" SET "allocatedYuan" = ${body.allocatedYuan}::numeric, "updatedAt" = now()
    WHERE "countyId" = ${key.countyId} AND year = ${key.year} AND "programmeCode"::text = ${body.programmeCode}
      AND source::text = ${key.source} AND "drawnYuan" <= ${body.allocatedYuan}::numeric`;
  if (updated === 0) {
    const existing = await db.fundBudgetLine.findUnique({
      where: { countyId_year_programmeCode_source: key },
    });
    if (existing)
      throw new HttpError(
        409,
        'below_drawn',
        `预算不能少于已支出的 ${money(existing.drawnYuan)} 元 (below what is drawn)`,
        [{ field: 'body.allocatedYuan', message: `at least ${money(existing.drawnYuan)}` }],
      );
    await db.fundBudgetLine.createMany({
      data: [{ ...key, allocatedYuan: body.allocatedYuan }],
      skipDuplicates: true,
    });
  }
  const line = await db.fundBudgetLine.findUniqueOrThrow({
    where: { countyId_year_programmeCode_source: key },
  });
  await audit(db, actor, 'setBudget', 'FundBudgetLine', line.id, { allocatedYuan: body.allocatedYuan });
  return lineView(line);
}

export async function reallocate(
  db: Database,
  actor: Actor,
  body: { fromLineId: string; toLineId: string; amountYuan: number; reason: string },
) {
  requireRole(actor, FUND_KEEPERS, '预算调剂仅由县民政局审批人员办理');
  const from = await db.fundBudgetLine.findUnique({ where: { id: body.fromLineId } });
  const county = from && (await db.orgUnit.findUnique({ where: { id: from.countyId } }));
  if (!from || !county || !isWithinJurisdiction(actor.unitPath, county.path))
    throw new HttpError(404, 'not_found', '没有这条预算 (no such budget line)');
  try {
    const done = await reallocateFunds(db, { ...body, username: actor.username });
    await audit(db, actor, 'reallocateFunds', 'FundReallocation', done.reallocationId, body);
    return done;
  } catch (error) {
    if (error instanceof FundsConflict)
      throw new HttpError(409, 'funds_conflict', error.message, error.details);
    throw error;
  }
}

export async function repay(db: Database, actor: Actor, recoveryId: string, amountYuan: number) {
  requireRole(actor, FUND_KEEPERS, '追回款仅由县民政局审批人员登记');
  const recovery = await db.overpaymentRecovery.findUnique({ where: { id: recoveryId } });
  const county = recovery && (await db.orgUnit.findUnique({ where: { id: recovery.countyId } }));
  if (!recovery || !county || !isWithinJurisdiction(actor.unitPath, county.path))
    throw new HttpError(404, 'not_found', '没有这笔追回款 (no such recovery)');
  try {
    const done = await recordRepayment(db, { recoveryId, amountYuan });
    await audit(db, actor, 'recordRepayment', 'OverpaymentRecovery', recoveryId, { amountYuan });
    return {
      recoveryId,
      ...done,
      outstandingYuan: Math.round((done.owedYuan - done.repaidYuan) * 100) / 100,
    };
  } catch (error) {
    if (error instanceof FundsConflict)
      throw new HttpError(409, 'funds_conflict', error.message, error.details);
    throw error;
  }
}

/**
 * Spending against budget per county and programme: the year's allocation (all sources), and
 * what approved rolls drew, month by month.
 */
export async function spending(db: Database, actor: Actor, q: { year: number; countyId?: string }) {
  requireRole(actor, FUND_READERS, '资金信息仅供县民政局、监督和管理人员查看');
  const counties = q.countyId
    ? [await countyInJurisdiction(db, actor, q.countyId, 'query.countyId')]
    : await readableCounties(db, actor);
  const ids = counties.map((c) => c.id);
  const [budget, draws] = await Promise.all([
    db.fundBudgetLine.groupBy({
      by: ['countyId', 'programmeCode'],
      where: { countyId: { in: ids }, year: q.year },
      _sum: { allocatedYuan: true, drawnYuan: true },
    }),
    db.$queryRaw<{ countyId: string; programmeCode: string; month: string; amount: string }[]>`
      SELECT b."countyId", b."programmeCode"::text AS "programmeCode", d.month, sum(d."amountYuan")::text AS amount
      FROM "FundDraw" d JOIN "FundBudgetLine" b ON b.id = d."budgetLineId"
      WHERE b."countyId" = ANY(${ids}) AND b.year = ${q.year}
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  ]);
  const months = Array.from({ length: 12 }, (_, i) => `${q.year}-${String(i + 1).padStart(2, '0')}`);
  const rows = budget.map((b) => {
    const byMonth = Object.fromEntries(months.map((m) => [m, 0]));
    for (const d of draws)
      if (d.countyId === b.countyId && d.programmeCode === b.programmeCode)
        byMonth[d.month] = Number(d.amount);
    const allocated = money(b._sum.allocatedYuan);
    const drawn = money(b._sum.drawnYuan);
    return {
      countyId: b.countyId,
      countyName: counties.find((c) => c.id === b.countyId)?.name ?? b.countyId,
      programmeCode: b.programmeCode,
      allocatedYuan: allocated,
      drawnYuan: drawn,
      share: allocated > 0 ? Math.round((drawn / allocated) * 10000) / 10000 : null,
      byMonth,
    };
  });
  rows.sort((a, b) => a.countyId.localeCompare(b.countyId) || a.programmeCode.localeCompare(b.programmeCode));
  return { year: q.year, months, rows };
}

/** A household's bank account, changed by township or county staff of its place, with an audit entry. */
export async function setBankAccount(
  db: Database,
  actor: Actor,
  householdId: string,
  body: { holderName: string; bankName: string; accountNo: string },
) {
  requireRole(actor, ['TOWNSHIP_OFFICER', 'COUNTY_APPROVER'], '银行账户由乡镇经办或县民政局审批人员登记');
  const household = await db.household.findUnique({
    where: { id: householdId },
    select: { id: true, village: { select: { path: true } } },
  });
  if (!household || !isWithinJurisdiction(actor.unitPath, household.village.path))
    throw new HttpError(404, 'not_found', '没有这户家庭 (no such household)');
  const before = await db.householdBankAccount.findUnique({ where: { householdId } });
  const saved = await db.householdBankAccount.upsert({
    where: { householdId },
    create: { householdId, ...body, updatedBy: actor.username },
    update: { ...body, updatedBy: actor.username },
  });
  const masked = maskedAccount;
  await audit(db, actor, 'setBankAccount', 'Household', householdId, {
    before: before && { bankName: before.bankName, accountNo: masked(before.accountNo) },
    after: { bankName: saved.bankName, accountNo: masked(saved.accountNo) },
  });
  return {
    householdId,
    holderName: saved.holderName,
    bankName: saved.bankName,
    accountNo: masked(saved.accountNo),
    updatedAt: saved.updatedAt.toISOString(),
  };
}
