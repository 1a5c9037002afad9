import type { WorkflowHandle } from '@temporalio/client';
import { buildRollChunk, openPaymentRoll, startRollBuild } from '../../activities/payment-roll';
import { reallocateFunds, recordRepayment } from '../../activities/funds';
import { paymentRollWorkflowId } from '../../domain/payment-roll';
import type { Actor } from '../../domain/staff-roles';
import { approveRollUpdate, paymentRoll, rebuildRollUpdate } from '../../workflows/payment-roll';
import { actorFor, waitFor } from '../support/fixtures';
import { completedOnHeldClock } from '../support/held-clock';
import {
  budget,
  DALI,
  DALIZHEN,
  fraudExit,
  pay,
  rollCase,
  rollHousehold,
  XIZHOU,
} from '../support/roll-fixtures';
import { TEST_TASK_QUEUE } from '../support/temporal';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const M0 = '2026-12';
const M1 = '2027-01';
const M2 = '2027-02';
const M3 = '2027-03';
const DAY_MS = 24 * 60 * 60 * 1000;

let approver: Actor;

beforeAll(async () => {
  approver = await actorFor(harness.db, 'xian.dali');
});

async function startRoll(month: string): Promise<WorkflowHandle<typeof paymentRoll>> {
  const county = await harness.db.orgUnit.findUniqueOrThrow({ where: { id: DALI } });
  return harness.env.client.workflow.start(paymentRoll, {
    workflowId: paymentRollWorkflowId(DALI, month),
    taskQueue: TEST_TASK_QUEUE,
    args: [{ countyId: DALI, countyPath: county.path, month }],
  });
}

function inReview(month: string) {
  return waitFor(
    async () => {
      const roll = await harness.db.paymentRoll.findUnique({
        where: { countyId_month: { countyId: DALI, month } },
      });
      return roll?.status === 'REVIEW' && roll;
    },
    `the ${month} roll in review`,
    60_000,
  );
}

/** The roll's lines by household name and programme: amount (regular/adjustment/requeued). */
async function linesOf(month: string) {
  const roll = await harness.db.paymentRoll.findUniqueOrThrow({
    where: { countyId_month: { countyId: DALI, month } },
  });
  const lines = await harness.db.paymentRollLine.findMany({ where: { rollId: roll.id } });
  return Object.fromEntries(
    lines
      .map((l) => [
        `${l.payeeName} ${l.programmeCode}`,
        `${Number(l.amountYuan)} (${Number(l.regularYuan)}/${Number(l.adjustmentYuan)}/${Number(l.requeuedYuan)})`,
      ])
      .sort(([a], [b]) => a!.localeCompare(b!)),
  );
}

async function rollRow(month: string) {
  const roll = await harness.db.paymentRoll.findUniqueOrThrow({
    where: { countyId_month: { countyId: DALI, month } },
  });
  return { ...roll, totalYuan: Number(roll.totalYuan) };
}

async function rejectionOf(promise: Promise<unknown>): Promise<{ type?: string; message?: string }> {
  try {
    await promise;
  } catch (error) {
    return ((error as { cause?: { type?: string; message?: string } }).cause ?? {}) as {
      type?: string;
      message?: string;
    };
  }
  throw new Error('expected a rejection');
}

test('three monthly rolls across an approval, an adjustment, a phase-out, an exit and a fraud recovery', async () => {
  const db = harness.db;
  const a = await rollHousehold(db, { name: '杨甲', townshipId: XIZHOU });
  const b = await rollHousehold(db, { name: '李乙', townshipId: DALIZHEN });
  const c = await rollHousehold(db, { name: '王丙', townshipId: XIZHOU });
  const d = await rollHousehold(db, { name: '赵丁', townshipId: DALIZHEN });
  const e = await rollHousehold(db, { name: '陈戊', townshipId: XIZHOU, account: false });

  const aDibao = await rollCase(db, a, 'DIBAO_RURAL');
  const bDibao = await rollCase(db, b, 'DIBAO_RURAL', 'PHASING_OUT');
  const cTekun = await rollCase(db, c, 'TEKUN', 'EXITED');
  const dDibao = await rollCase(db, d, 'DIBAO_URBAN', 'EXITED');
  // Month 1: every enrolment pays; the fraud exit's household was also paid the month before
  // any roll existed (that month is never put on a roll, but it is recovered).
  await pay(db, aDibao, M1, 1000);
  await pay(db, bDibao, M1, 800);
  await pay(db, cTekun, M1, 900);
  await pay(db, dDibao, M0, 600);
  await pay(db, dDibao, M1, 600);
  await fraudExit(db, dDibao, { fromMonth: M0, months: [M0, M1], totalYuan: 1200 });
  // Month 2: an increase from its month (1000 → 1200), two temporary grants of one household
  // (one line), the phase-out's last month; the exit and the fraud exit pay no more.
  await pay(db, aDibao, M2, 1200);
  await pay(db, await rollCase(db, a, 'TEMPORARY', 'CLOSED'), M2, 300);
  await pay(db, await rollCase(db, a, 'TEMPORARY', 'CLOSED'), M2, 200);
  await pay(db, bDibao, M2, 800);
  // Month 3: the phase-out has ended.
  await pay(db, aDibao, M3, 1200);

  const rural = await budget(db, 'DIBAO_RURAL', 100_000);
  await budget(db, 'DIBAO_URBAN', 100_000);
  await budget(db, 'TEKUN', 100_000);
  const temporary = await budget(db, 'TEMPORARY', 500);

  // ── Month 1, rebuilt once before approval ──
  const first = await startRoll(M1);
  await inReview(M1);
  expect(await linesOf(M1)).toEqual({
    '杨甲 DIBAO_RURAL': '1000 (1000/0/0)',
    '李乙 DIBAO_RURAL': '800 (800/0/0)',
    '王丙 TEKUN': '900 (900/0/0)',
    '赵丁 DIBAO_URBAN': '600 (600/0/0)',
  });
  expect(await rollRow(M1)).toMatchObject({ linesDone: 4, linesTotal: 4, totalYuan: 3300 });

  // A grant recorded while the roll is under review: the county has it rebuilt.
  await pay(db, await rollCase(db, e, 'TEMPORARY', 'CLOSED'), M1, 400);
  await first.executeUpdate(rebuildRollUpdate, { args: [{ actor: approver }] });
  await inReview(M1);
  expect(await linesOf(M1)).toEqual({
    '杨甲 DIBAO_RURAL': '1000 (1000/0/0)',
    '李乙 DIBAO_RURAL': '800 (800/0/0)',
    '王丙 TEKUN': '900 (900/0/0)',
    '赵丁 DIBAO_URBAN': '600 (600/0/0)',
    '陈戊 TEMPORARY': '400 (400/0/0)',
  });
  expect(await rollRow(M1)).toMatchObject({ linesDone: 5, totalYuan: 3700 });
  // The household without an account is on the roll with none (the bank file leaves it out).
  expect(
    await db.paymentRollLine.findFirstOrThrow({
      where: { householdId: e.householdId },
      select: { accountNo: true },
    }),
  ).toEqual({ accountNo: null });

  // Only the county's approver approves.
  const township = await actorFor(db, 'xiang.xizhou');
  expect(
    await rejectionOf(first.executeUpdate(approveRollUpdate, { args: [{ actor: township }] })),
  ).toMatchObject({
    type: 'RollForbidden',
  });
  const approved = await first.executeUpdate(approveRollUpdate, { args: [{ actor: approver }] });
  expect(approved.totalYuan).toBe(3700);
  expect(
    (await completedOnHeldClock<typeof paymentRoll>(harness.env, first.workflowId)).result,
  ).toMatchObject({ status: 'APPROVED' });
  expect(Number((await db.fundBudgetLine.findUniqueOrThrow({ where: { id: temporary } })).drawnYuan)).toBe(
    400,
  );

  // After approval: the bank could not pay 杨甲's line (re-queued next month), and a late grant
  // for month 1 is recorded (an adjustment next month, never an edit of the frozen roll).
  const roll1 = await rollRow(M1);
  await db.paymentRollLine.updateMany({
    where: { rollId: roll1.id, householdId: a.householdId },
    data: { status: 'FAILED', failureReason: '账户已冻结' },
  });
  await pay(db, await rollCase(db, b, 'TEMPORARY', 'CLOSED'), M1, 150);

  // ── Month 2: adjustment, re-queued line, phase-out; the fraud exit's overpayment owed ──
  const second = await startRoll(M2);
  await inReview(M2);
  expect(await linesOf(M2)).toEqual({
    '杨甲 DIBAO_RURAL': '2200 (1200/0/1000)',
    '杨甲 TEMPORARY': '500 (500/0/0)',
    '李乙 DIBAO_RURAL': '800 (800/0/0)',
    '李乙 TEMPORARY': '150 (0/150/0)',
  });
  expect(await rollRow(M2)).toMatchObject({ linesDone: 4, totalYuan: 3650 });
  expect(await linesOf(M1)).toHaveProperty(['陈戊 TEMPORARY'], '400 (400/0/0)');
  const recovery = await db.overpaymentRecovery.findUniqueOrThrow({ where: { caseId: dDibao } });
  expect({
    owed: Number(recovery.owedYuan),
    repaid: Number(recovery.repaidYuan),
    from: recovery.fromMonth,
  }).toEqual({ owed: 1200, repaid: 0, from: M0 });

  // The temporary line has 100 left for 650: refused, naming the line; nothing drawn.
  const refused = await rejectionOf(second.executeUpdate(approveRollUpdate, { args: [{ actor: approver }] }));
  expect(refused.type).toBe('Overspend');
  expect(refused.message).toContain('TEMPORARY');
  expect(refused.message).toContain('上级转移支付');
  expect(Number((await db.fundBudgetLine.findUniqueOrThrow({ where: { id: rural } })).drawnYuan)).toBe(1800);
  expect(await rollRow(M2)).toMatchObject({ status: 'REVIEW' });
  // The county reallocates (recorded, with its reason) and approves.
  await reallocateFunds(db, {
    fromLineId: rural,
    toLineId: temporary,
    amountYuan: 1000,
    reason: '临时救助支出增加，从低保资金调剂',
    username: approver.username,
  });
  await second.executeUpdate(approveRollUpdate, { args: [{ actor: approver }] });
  expect(
    (await completedOnHeldClock<typeof paymentRoll>(harness.env, second.workflowId)).result,
  ).toMatchObject({ status: 'APPROVED' });
  await recordRepayment(db, { recoveryId: recovery.id, amountYuan: 500 });

  // ── Month 3: only 杨甲 is paid; the review goes overdue, then is approved ──
  const third = await startRoll(M3);
  await inReview(M3);
  expect(await linesOf(M3)).toEqual({ '杨甲 DIBAO_RURAL': '1200 (1200/0/0)' });
  expect(await rollRow(M3)).toMatchObject({ linesDone: 1, totalYuan: 1200, overdue: false });
  await harness.env.sleep(6 * DAY_MS);
  await waitFor(async () => (await rollRow(M3)).overdue, 'the review overdue');
  await third.executeUpdate(approveRollUpdate, { args: [{ actor: approver }] });
  expect(await rollRow(M3)).toMatchObject({ status: 'APPROVED', overdue: false });
  await expect(recordRepayment(db, { recoveryId: recovery.id, amountYuan: 800 })).rejects.toThrow('尚欠');
  expect(await recordRepayment(db, { recoveryId: recovery.id, amountYuan: 700 })).toEqual({
    owedYuan: 1200,
    repaidYuan: 1200,
  });

  // Drawn per line: rural 1000+800 | 2200+800 | 1200; the temporary line 400 | 650.
  const drawn = async (id: string) =>
    Number((await db.fundBudgetLine.findUniqueOrThrow({ where: { id } })).drawnYuan);
  expect(await drawn(rural)).toBe(6000);
  expect(await drawn(temporary)).toBe(1050);
  // Never two lines for a household and programme, on any roll.
  const dup = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM (SELECT 1 FROM "PaymentRollLine" GROUP BY "rollId", "householdId", "programmeCode" HAVING count(*) > 1) x`;
  expect(Number(dup[0]!.n)).toBe(0);
});

test('a chunk retried after its commit (a worker killed before it answered) writes no second line', async () => {
  const db = harness.db;
  const month = '2027-09';
  const people = await Promise.all(
    ['周一', '周二', '周三', '周四', '周五'].map((name) => rollHousehold(db, { name })),
  );
  for (const p of people) await pay(db, await rollCase(db, p, 'DIBAO_RURAL'), month, 500);
  const { rollId } = await openPaymentRoll(db, { countyId: DALI, month, workflowId: 'retried-chunk' });
  expect(await startRollBuild(db, { rollId })).toEqual({ linesTotal: 5 });
  const first = await buildRollChunk(db, { rollId, afterHouseholdId: null, households: 3 });
  // The same activity task again, as Temporal retries it when no answer came back.
  const retried = await buildRollChunk(db, { rollId, afterHouseholdId: null, households: 3 });
  expect(retried.linesDone).toBe(3);
  expect(first.linesDone).toBe(3);
  const rest = await buildRollChunk(db, { rollId, afterHouseholdId: retried.lastHouseholdId, households: 3 });
  expect(rest.linesDone).toBe(5);
  expect(await buildRollChunk(db, { rollId, afterHouseholdId: rest.lastHouseholdId, households: 3 })).toEqual(
    {
      lastHouseholdId: null,
      linesDone: 5,
    },
  );
  // Rebuilt from the start: still five lines, each payment on exactly one of them.
  await startRollBuild(db, { rollId });
  let after: string | null = null;
  for (;;) {
    const chunk: { lastHouseholdId: string | null } = await buildRollChunk(db, {
      rollId,
      afterHouseholdId: after,
      households: 2,
    });
    if (!chunk.lastHouseholdId) break;
    after = chunk.lastHouseholdId;
  }
  const lines = await db.paymentRollLine.findMany({ where: { rollId } });
  expect(lines).toHaveLength(5);
  expect(lines.every((l) => Number(l.amountYuan) === 500)).toBe(true);
  const taken = await db.benefitPayment.count({
    where: { month, rollLineId: { in: lines.map((l) => l.id) } },
  });
  expect(taken).toBe(5);
});
