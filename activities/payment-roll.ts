import { Prisma } from '@prisma/client';
import { ApplicationFailure } from '@temporalio/common';
import { partOf, rollLines, type RollItem } from '../domain/payment-roll';
import type { Database } from '../platform/database';

/**
 * The payment roll's writes (发放名册). A roll is built in chunks of households, each chunk one
 * transaction that upserts its lines on the unique (roll, household, programme) and marks the
 * roster rows and failed lines it took up; a chunk retried after its commit (a worker killed
 * between the commit and the answer) recomputes the same lines, so no line is ever written twice.
 */

export interface RollRef {
  rollId: string;
}

type Tx = Prisma.TransactionClient;

/** Opens the county's roll for the month (once), or finds it. Answers its id and status. */
export async function openPaymentRoll(
  db: Database,
  input: { countyId: string; month: string; workflowId: string },
): Promise<{ rollId: string; status: string }> {
  const roll = await db.paymentRoll.upsert({
    where: { countyId_month: { countyId: input.countyId, month: input.month } },
    create: { countyId: input.countyId, month: input.month, workflowId: input.workflowId },
    update: {},
  });
  return { rollId: roll.id, status: roll.status };
}

async function lockRoll(tx: Tx, rollId: string) {
  const [roll] = await tx.$queryRaw<{ id: string; countyId: string; month: string; status: string }[]>`
    SELECT id, "countyId", month, status::text AS status FROM "PaymentRoll" WHERE id = ${rollId} FOR UPDATE`;
  if (!roll) throw ApplicationFailure.nonRetryable(`no payment roll ${rollId}`, 'NoSuchRoll');
  if (roll.status === 'APPROVED')
    throw ApplicationFailure.nonRetryable(
      '发放名册已审核，不能修改 (the roll is approved and frozen)',
      'RollFrozen',
    );
  return roll;
}

/**
 * Starts a build (or a rebuild before approval): lets go of everything the roll's lines took
 * up, deletes the lines, recovers the overpayments of fraud exits, and counts the lines to come.
 */
export async function startRollBuild(db: Database, { rollId }: RollRef): Promise<{ linesTotal: number }> {
  return db.$transaction(async (tx) => {
    const roll = await lockRoll(tx, rollId);
    await tx.$executeRaw`
      UPDATE "BenefitPayment" SET "rollLineId" = NULL
      WHERE "rollLineId" IN (SELECT id FROM "PaymentRollLine" WHERE "rollId" = ${rollId})`;
    await tx.$executeRaw`
      UPDATE "PaymentRollLine" SET "requeuedToLineId" = NULL
      WHERE "requeuedToLineId" IN (SELECT id FROM "PaymentRollLine" WHERE "rollId" = ${rollId})`;
    await tx.paymentRollLine.deleteMany({ where: { rollId } });
    await recordRecoveries(tx, roll.countyId);
    const [counted] = await tx.$queryRaw<{ total: bigint }[]>`
      SELECT count(*) AS total FROM (
        SELECT c."householdId", c."programmeCode" FROM "BenefitPayment" bp JOIN "Case" c ON c.id = bp."caseId"
        WHERE ${payableWhere(roll)}
        UNION
        SELECT l."householdId", l."programmeCode" FROM "PaymentRollLine" l JOIN "PaymentRoll" r ON r.id = l."rollId"
        WHERE ${requeueWhere(roll)}
      ) k`;
    const linesTotal = Number(counted?.total ?? 0);
    await tx.paymentRoll.update({
      where: { id: rollId },
      data: { status: 'BUILDING', linesDone: 0, linesTotal, totalYuan: 0, overdue: false },
    });
    return { linesTotal };
  });
}

interface RollKey {
  id: string;
  countyId: string;
  month: string;
}

/**
 * Roster rows this roll pays: the month's own, and earlier months' recorded after their roll
 * was approved; free, or already taken up by this roll (a retried chunk).
 */
function payableWhere(roll: RollKey): Prisma.Sql {
  return Prisma.sql`c."countyId" = ${roll.countyId}
    AND (bp.month = ${roll.month} OR bp.month IN (
      SELECT month FROM "PaymentRoll" WHERE "countyId" = ${roll.countyId} AND status = 'APPROVED' AND month < ${roll.month}))
    AND (bp."rollLineId" IS NULL OR bp."rollLineId" IN (SELECT id FROM "PaymentRollLine" WHERE "rollId" = ${roll.id}))`;
}

/** Failed lines of earlier approved rolls, not yet re-queued elsewhere. */
function requeueWhere(roll: RollKey): Prisma.Sql {
  return Prisma.sql`r."countyId" = ${roll.countyId} AND r.status = 'APPROVED' AND r.month < ${roll.month}
    AND l.status = 'FAILED'
    AND (l."requeuedToLineId" IS NULL OR l."requeuedToLineId" IN (SELECT id FROM "PaymentRollLine" WHERE "rollId" = ${roll.id}))`;
}

/** Overpayments stated at fraud exits (the exit notice's event), recorded once per case. */
async function recordRecoveries(tx: Tx, countyId: string): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "OverpaymentRecovery" (id, "caseId", "householdId", "countyId", "programmeCode", "fromMonth", "owedYuan")
    SELECT gen_random_uuid()::text, c.id, c."householdId", c."countyId", c."programmeCode",
           e.payload->'overpayment'->>'fromMonth', (e.payload->'overpayment'->>'totalYuan')::numeric
    FROM "CaseEvent" e JOIN "Case" c ON c.id = e."caseId"
    WHERE c."countyId" = ${countyId} AND e.type = 'exitNotified'
      AND jsonb_typeof(e.payload->'overpayment') = 'object'
      AND (e.payload->'overpayment'->>'totalYuan')::numeric > 0
    ON CONFLICT ("caseId") DO NOTHING`;
}

/**
 * Builds the lines of the next chunk of households after `afterHouseholdId` (in id order), in
 * one transaction. Answers the last household done (null when none was left) and the progress.
 */
export async function buildRollChunk(
  db: Database,
  input: { rollId: string; afterHouseholdId: string | null; households: number },
): Promise<{ lastHouseholdId: string | null; linesDone: number }> {
  return db.$transaction(
    async (tx) => {
      const roll = await lockRoll(tx, input.rollId);
      const after = input.afterHouseholdId ?? '';
      const households = (
        await tx.$queryRaw<{ hid: string }[]>`
          SELECT hid FROM (
            SELECT c."householdId" AS hid FROM "BenefitPayment" bp JOIN "Case" c ON c.id = bp."caseId"
            WHERE ${payableWhere(roll)} AND c."householdId" > ${after}
            UNION
            SELECT l."householdId" FROM "PaymentRollLine" l JOIN "PaymentRoll" r ON r.id = l."rollId"
            WHERE ${requeueWhere(roll)} AND l."householdId" > ${after}
          ) h ORDER BY hid LIMIT ${input.households}`
      ).map((r) => r.hid);
      if (households.length === 0) return { lastHouseholdId: null, linesDone: await linesOf(tx, roll.id) };

      const payments = await tx.$queryRaw<
        { id: string; month: string; amount: string; householdId: string; programmeCode: string }[]
      >`
        SELECT bp.id, bp.month, bp."amountYuan"::text AS amount, c."householdId", c."programmeCode"::text AS "programmeCode"
        FROM "BenefitPayment" bp JOIN "Case" c ON c.id = bp."caseId"
        WHERE ${payableWhere(roll)} AND c."householdId" = ANY(${households})`;
      const failed = await tx.$queryRaw<
        { id: string; amount: string; householdId: string; programmeCode: string }[]
      >`
        SELECT l.id, l."amountYuan"::text AS amount, l."householdId", l."programmeCode"::text AS "programmeCode"
        FROM "PaymentRollLine" l JOIN "PaymentRoll" r ON r.id = l."rollId"
        WHERE ${requeueWhere(roll)} AND l."householdId" = ANY(${households})`;
      const items: RollItem[] = [
        ...payments.map((p) => ({
          sourceId: p.id,
          householdId: p.householdId,
          programmeCode: p.programmeCode,
          part: partOf(p.month, roll.month),
          amountYuan: Number(p.amount),
        })),
        ...failed.map((l) => ({
          sourceId: l.id,
          householdId: l.householdId,
          programmeCode: l.programmeCode,
          part: 'requeued' as const,
          amountYuan: Number(l.amount),
        })),
      ];
      const drafts = rollLines(items);
      const yuan = (fen: number) => (fen / 100).toFixed(2);
      const written = await tx.$queryRaw<{ id: string; householdId: string; programmeCode: string }[]>`
        INSERT INTO "PaymentRollLine" (id, "rollId", "householdId", "programmeCode", "townshipId",
          "regularYuan", "adjustmentYuan", "requeuedYuan", "amountYuan", "payeeName", "payeeIdNumber", "bankName", "accountNo")
        SELECT gen_random_uuid()::text, ${roll.id}, d.hid, d.prog::"ProgrammeCode", h."townshipId",
          d.regular::numeric, d.adjustment::numeric, d.requeued::numeric, d.amount::numeric,
          COALESCE(a."holderName", m.name, ''), COALESCE(m."idNumber", ''), a."bankName", a."accountNo"
        FROM unnest(${drafts.map((d) => d.householdId)}::text[], ${drafts.map((d) => d.programmeCode)}::text[],
                    ${drafts.map((d) => yuan(d.regularFen))}::text[], ${drafts.map((d) => yuan(d.adjustmentFen))}::text[],
                    ${drafts.map((d) => yuan(d.requeuedFen))}::text[], ${drafts.map((d) => yuan(d.amountFen))}::text[])
             AS d(hid, prog, regular, adjustment, requeued, amount)
        JOIN "Household" h ON h.id = d.hid
        LEFT JOIN LATERAL (
          SELECT name, "idNumber" FROM "HouseholdMember" WHERE "householdId" = d.hid
          ORDER BY (relation = 'APPLICANT') DESC, id LIMIT 1) m ON true
        LEFT JOIN "HouseholdBankAccount" a ON a."householdId" = d.hid
        ON CONFLICT ("rollId", "householdId", "programmeCode") DO UPDATE SET
          "regularYuan" = EXCLUDED."regularYuan", "adjustmentYuan" = EXCLUDED."adjustmentYuan",
          "requeuedYuan" = EXCLUDED."requeuedYuan", "amountYuan" = EXCLUDED."amountYuan",
          "payeeName" = EXCLUDED."payeeName", "payeeIdNumber" = EXCLUDED."payeeIdNumber",
          "bankName" = EXCLUDED."bankName", "accountNo" = EXCLUDED."accountNo"
        RETURNING id, "householdId", "programmeCode"::text AS "programmeCode"`;
      const lineIdOf = new Map(written.map((w) => [`${w.householdId}|${w.programmeCode}`, w.id]));
      const paymentIds: string[] = [];
      const paymentLines: string[] = [];
      const failedIds: string[] = [];
      const failedLines: string[] = [];
      for (const d of drafts) {
        const lineId = lineIdOf.get(`${d.householdId}|${d.programmeCode}`)!;
        paymentIds.push(...d.paymentIds);
        paymentLines.push(...d.paymentIds.map(() => lineId));
        failedIds.push(...d.requeuedLineIds);
        failedLines.push(...d.requeuedLineIds.map(() => lineId));
      }
      await tx.$executeRaw`
        UPDATE "BenefitPayment" bp SET "rollLineId" = u.line
        FROM unnest(${paymentIds}::text[], ${paymentLines}::text[]) AS u(id, line) WHERE bp.id = u.id`;
      if (failedIds.length > 0)
        await tx.$executeRaw`
          UPDATE "PaymentRollLine" l SET "requeuedToLineId" = u.line
          FROM unnest(${failedIds}::text[], ${failedLines}::text[]) AS u(id, line) WHERE l.id = u.id`;
      const linesDone = await linesOf(tx, roll.id);
      await tx.paymentRoll.update({ where: { id: roll.id }, data: { linesDone } });
      return { lastHouseholdId: households.at(-1)!, linesDone };
    },
    { timeout: 60_000 },
  );
}

async function linesOf(tx: Tx, rollId: string): Promise<number> {
  return tx.paymentRollLine.count({ where: { rollId } });
}

/** The build is done: the roll waits for the county's review, with the review's deadline. */
export async function finishRollBuild(
  db: Database,
  input: { rollId: string; reviewDueAt: string },
): Promise<{ linesDone: number; totalYuan: number }> {
  return db.$transaction(async (tx) => {
    await lockRoll(tx, input.rollId);
    const [sums] = await tx.$queryRaw<{ lines: bigint; total: string | null }[]>`
      SELECT count(*) AS lines, sum("amountYuan")::text AS total FROM "PaymentRollLine" WHERE "rollId" = ${input.rollId}`;
    const lines = Number(sums?.lines ?? 0);
    const totalYuan = Number(sums?.total ?? 0);
    await tx.paymentRoll.update({
      where: { id: input.rollId },
      data: {
        status: 'REVIEW',
        linesDone: lines,
        linesTotal: lines,
        totalYuan,
        reviewDueAt: new Date(input.reviewDueAt),
      },
    });
    return { linesDone: lines, totalYuan };
  });
}

/** The review's deadline passed: the roll is marked overdue (the dashboard and console show it). */
export async function markRollOverdue(db: Database, { rollId }: RollRef): Promise<void> {
  await db.paymentRoll.updateMany({ where: { id: rollId, status: 'REVIEW' }, data: { overdue: true } });
}

/** Every county, for the month's run: each builds its own roll. */
export async function listRollCounties(db: Database): Promise<{ id: string; path: string }[]> {
  return db.orgUnit.findMany({
    where: { level: 'COUNTY' },
    select: { id: true, path: true },
    orderBy: { id: 'asc' },
  });
}
