import type { Prisma } from '@prisma/client';
import { ApplicationFailure } from '@temporalio/common';
import { budgetYearOf, drawSource, FUND_SOURCES, type FundSource } from '../domain/funds';
import { drawsByProgramme } from '../domain/payment-roll';
import type { ProgrammeCode } from '../domain/programmes';
import type { Database } from '../platform/database';

type Tx = Prisma.TransactionClient;

/** A refused draw names the budget line, so the county can reallocate to it first. */
export interface RefusedDraw {
  countyId: string;
  year: number;
  programmeCode: string;
  source: FundSource | null;
  budgetLineId: string | null;
  allocatedYuan: number;
  drawnYuan: number;
  requestedYuan: number;
}

export const OVERSPEND = 'Overspend';

/**
 * Draws an approved roll's programme sums on the county's budget lines, inside the approval's
 * transaction. The draw is a conditional update (drawn + amount ≤ allocated) and the table's
 * CHECK says the same, so no two approvals together can overspend a line. A draw that would
 * fails the approval (nothing is drawn) naming the line.
 */
export async function drawForRoll(
  tx: Tx,
  roll: { id: string; countyId: string; month: string },
  named: Partial<Record<string, FundSource>>,
): Promise<{ budgetLineId: string; programmeCode: string; source: string; amountYuan: number }[]> {
  const lines = await tx.paymentRollLine.groupBy({
    by: ['programmeCode'],
    where: { rollId: roll.id },
    _sum: { amountYuan: true },
  });
  const year = budgetYearOf(roll.month);
  const draws = drawsByProgramme(
    lines.map((l) => ({ programmeCode: l.programmeCode, amountYuan: Number(l._sum.amountYuan ?? 0) })),
  );
  const done = [];
  for (const draw of draws) {
    const budget = await tx.fundBudgetLine.findMany({
      where: { countyId: roll.countyId, year, programmeCode: draw.programmeCode as ProgrammeCode },
    });
    const source = drawSource(
      budget.map((b) => b.source),
      named[draw.programmeCode],
    );
    const line = budget.find((b) => b.source === source);
    const refused = (b: typeof line): RefusedDraw => ({
      countyId: roll.countyId,
      year,
      programmeCode: draw.programmeCode,
      source,
      budgetLineId: b?.id ?? null,
      allocatedYuan: Number(b?.allocatedYuan ?? 0),
      drawnYuan: Number(b?.drawnYuan ?? 0),
      requestedYuan: draw.amountYuan,
    });
    if (!line) throw overspend(refused(undefined));
    const updated = await tx.$executeRaw`
      UPDATE "FundBudgetLine" SET "drawnYuan" = "drawnYuan" + ${draw.amountYuan}::numeric, "updatedAt" = now()
      WHERE id = ${line.id} AND "drawnYuan" + ${draw.amountYuan}::numeric <= "allocatedYuan"`;
    if (updated !== 1) {
      const now = await tx.fundBudgetLine.findUnique({ where: { id: line.id } });
      throw overspend(refused(now ?? line));
    }
    await tx.fundDraw.create({
      data: { budgetLineId: line.id, rollId: roll.id, month: roll.month, amountYuan: draw.amountYuan },
    });
    done.push({
      budgetLineId: line.id,
      programmeCode: draw.programmeCode,
      source: line.source,
      amountYuan: draw.amountYuan,
    });
  }
  return done;
}

function overspend(line: RefusedDraw): ApplicationFailure {
  const name = `${line.countyId} ${line.year} 年 ${line.programmeCode} ${line.source ? FUND_SOURCES[line.source] : '（无预算）'}`;
  const message = line.budgetLineId
    ? `预算不足：${name} 已安排 ${line.allocatedYuan} 元，已支出 ${line.drawnYuan} 元，本次需 ${line.requestedYuan} 元，请先调整预算 (the draw would overspend the budget line)`
    : `没有预算：${name}，本次需 ${line.requestedYuan} 元，请先安排预算 (no budget line for the draw)`;
  return ApplicationFailure.create({ message, type: OVERSPEND, nonRetryable: true, details: [line] });
}

/** Approves a roll under review (once): draws on the budget and freezes the roll. */
export async function approvePaymentRoll(
  db: Database,
  input: { rollId: string; username: string; fundSources: Partial<Record<string, FundSource>> },
): Promise<{ approvedAt: string; totalYuan: number }> {
  return db.$transaction(async (tx) => {
    const [roll] = await tx.$queryRaw<
      {
        id: string;
        countyId: string;
        month: string;
        status: string;
        approvedAt: Date | null;
        totalYuan: string;
      }[]
    >`SELECT id, "countyId", month, status::text AS status, "approvedAt", "totalYuan"::text AS "totalYuan"
      FROM "PaymentRoll" WHERE id = ${input.rollId} FOR UPDATE`;
    if (!roll) throw ApplicationFailure.nonRetryable(`no payment roll ${input.rollId}`, 'NoSuchRoll');
    // A retried approval after its commit finds its own work done.
    if (roll.status === 'APPROVED')
      return { approvedAt: roll.approvedAt!.toISOString(), totalYuan: Number(roll.totalYuan) };
    if (roll.status !== 'REVIEW')
      throw ApplicationFailure.nonRetryable(
        '发放名册尚未生成完毕 (the roll is still building)',
        'RollNotReady',
      );
    await drawForRoll(tx, roll, input.fundSources);
    const approvedAt = new Date();
    await tx.paymentRoll.update({
      where: { id: roll.id },
      data: { status: 'APPROVED', approvedAt, approvedBy: input.username, overdue: false },
    });
    return { approvedAt: approvedAt.toISOString(), totalYuan: Number(roll.totalYuan) };
  });
}

/** Why a reallocation or a repayment was refused: the API answers 409 with it. */
export class FundsConflict extends Error {
  constructor(
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }
}

/**
 * Moves allocation between two of a county's lines of the same year, recorded with its reason.
 * The source keeps at least what it has drawn (a conditional update, and the table's CHECK).
 */
export async function reallocateFunds(
  db: Database,
  input: { fromLineId: string; toLineId: string; amountYuan: number; reason: string; username: string },
): Promise<{ reallocationId: string }> {
  return db.$transaction(async (tx) => {
    const [from, to] = await Promise.all([
      tx.fundBudgetLine.findUnique({ where: { id: input.fromLineId } }),
      tx.fundBudgetLine.findUnique({ where: { id: input.toLineId } }),
    ]);
    if (!from || !to || from.countyId !== to.countyId || from.year !== to.year || from.id === to.id)
      throw new FundsConflict(
        '调出与调入预算须为同一县（市）同一年度的两条不同预算 (two lines of one county and year)',
        {
          fromLineId: input.fromLineId,
          toLineId: input.toLineId,
        },
      );
    const taken = await tx.$executeRaw`
      UPDATE "FundBudgetLine" SET "allocatedYuan" = "allocatedYuan" - ${input.amountYuan}::numeric, "updatedAt" = now()
      WHERE id = ${from.id} AND "allocatedYuan" - ${input.amountYuan}::numeric >= "drawnYuan"`;
    if (taken !== 1)
      throw new FundsConflict(
        `调出预算余额不足：已安排 ${Number(from.allocatedYuan)} 元，已支出 ${Number(from.drawnYuan)} 元 (the source line has not that much left)`,
        {
          budgetLineId: from.id,
          allocatedYuan: Number(from.allocatedYuan),
          drawnYuan: Number(from.drawnYuan),
        },
      );
    await tx.$executeRaw`
      UPDATE "FundBudgetLine" SET "allocatedYuan" = "allocatedYuan" + ${input.amountYuan}::numeric, "updatedAt" = now()
      WHERE id = ${to.id}`;
    const moved = await tx.fundReallocation.create({
      data: {
        fromLineId: from.id,
        toLineId: to.id,
        amountYuan: input.amountYuan,
        reason: input.reason,
        byUsername: input.username,
      },
    });
    return { reallocationId: moved.id };
  });
}

/** A repayment of an overpayment (追回), never beyond what is still owed. */
export async function recordRepayment(
  db: Database,
  input: { recoveryId: string; amountYuan: number },
): Promise<{ owedYuan: number; repaidYuan: number }> {
  const updated = await db.$queryRaw<{ owed: string; repaid: string }[]>`
    UPDATE "OverpaymentRecovery" SET "repaidYuan" = "repaidYuan" + ${input.amountYuan}::numeric
    WHERE id = ${input.recoveryId} AND "repaidYuan" + ${input.amountYuan}::numeric <= "owedYuan"
    RETURNING "owedYuan"::text AS owed, "repaidYuan"::text AS repaid`;
  const row = updated[0];
  if (!row) {
    const now = await db.overpaymentRecovery.findUnique({ where: { id: input.recoveryId } });
    throw new FundsConflict('还款超过尚欠金额 (more than is still owed)', {
      recoveryId: input.recoveryId,
      owedYuan: Number(now?.owedYuan ?? 0),
      repaidYuan: Number(now?.repaidYuan ?? 0),
    });
  }
  return { owedYuan: Number(row.owed), repaidYuan: Number(row.repaid) };
}
