import { Prisma } from '@prisma/client';
import type { Database } from '../../platform/database';
import { fileCase, moveCase, useReadModelApp } from '../support/supervision-fixtures';

/**
 * The tallies the dashboard sums are kept by triggers as cases, members, placements, decisions
 * and referrals change: after every kind of change they equal what
 * rebuild_supervision_tallies() counts again from the rows.
 */
const http = useReadModelApp();

const TABLES = [
  'OpenCaseTally',
  'DecisionTally',
  'CountyDecisionTally',
  'ReferralBureauSummary',
  'LateCaseTally',
  'CountyOverdueTally',
] as const;

async function snapshot(db: Database) {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    // Rows counted down to nothing stay in a kept tally; a rebuilt one has none.
    const rows = await db.$queryRaw<Record<string, unknown>[]>(
      Prisma.sql`SELECT * FROM ${Prisma.raw(`"${table}"`)} ORDER BY 1, 2, 3, 4`,
    );
    out[table] = rows.filter((r) => !('cases' in r) || r.cases !== 0 || r.members !== 0 || r.placed !== 0);
  }
  return out;
}

async function expectTalliesAsRebuilt(db: Database) {
  const kept = await snapshot(db);
  await db.$executeRaw`SELECT rebuild_supervision_tallies()`;
  expect(await snapshot(db)).toEqual(kept);
}

test('every kind of change leaves the tallies as a recount finds them', async () => {
  const { db } = http;
  const a = await fileCase(db, { villageId: '532901003001', name: '何计数甲' });
  const b = await fileCase(db, { villageId: '532901003002', programme: 'TEKUN', name: '何计数乙' });
  const c = await fileCase(db, { villageId: '532922001001', name: '何计数丙' });
  await expectTalliesAsRebuilt(db);

  // Steps, a decision, an enrolment, a refusal that closes the case.
  await moveCase(db, a.id, {
    status: 'INVESTIGATING',
    currentStep: 'investigation',
    assigneeUnitId: '532901003',
  });
  await moveCase(
    db,
    b.id,
    { status: 'ENROLLED' },
    { type: 'caseClosed', step: 'countyApproval', decision: 'enrolled' },
  );
  await moveCase(
    db,
    c.id,
    { status: 'REFUSED' },
    { type: 'caseClosed', step: 'countyApproval', decision: 'refused' },
  );
  await expectTalliesAsRebuilt(db);

  // A member joins the 特困 household; the person moves into a care home, then leaves it.
  await db.householdMember.create({
    data: {
      householdId: b.householdId,
      name: '何计数丁',
      idNumber: '532901195001020999',
      relation: 'SIBLING',
      birthDate: new Date('1950-01-02T00:00:00Z'),
      sex: 'male',
      labourCapacity: 'NONE',
      health: 'HEALTHY',
    },
  });
  const person = await db.householdMember.findFirstOrThrow({ where: { householdId: b.householdId } });
  const bed = await db.careHomeBed.findFirstOrThrow({ where: { homeId: '532901003-JLY' } });
  const placement = await db.carePlacement.create({
    data: {
      caseId: b.id,
      personId: person.id,
      homeId: bed.homeId,
      bedId: bed.id,
      careLevel: bed.careLevel,
      idempotencyKey: 'tallies/placement',
    },
  });
  await expectTalliesAsRebuilt(db);
  await db.carePlacement.update({
    where: { id: placement.id },
    data: { status: 'ENDED', endedAt: new Date(), endReason: 'returnedToDispersed' },
  });
  await expectTalliesAsRebuilt(db);

  // Referrals sent, accepted, completed: the bureau's figures follow.
  const sent = new Date('2026-11-02T01:00:00Z');
  for (const n of [1, 2]) {
    await db.referral.create({
      data: {
        referralNo: `${a.caseNo}-Z0${n}`,
        caseId: a.id,
        department: 'EDUCATION',
        receivingUnitId: '532901-JY',
        countyId: '532901',
        villagePath: '/532900/532901/532901003/532901003001/',
        kind: 'studentAid',
        reason: '子女就读高中',
        source: 'manual',
        status: 'SENT',
        sentAt: sent,
        workflowId: `referral-${a.caseNo}-Z0${n}`,
      },
    });
  }
  await expectTalliesAsRebuilt(db);
  await db.referral.update({
    where: { referralNo: `${a.caseNo}-Z01` },
    data: { status: 'ACCEPTED', acceptedAt: new Date('2026-11-02T11:30:00Z') },
  });
  await db.referral.update({
    where: { referralNo: `${a.caseNo}-Z01` },
    data: { status: 'COMPLETED', endedAt: new Date('2026-11-12T11:30:00Z') },
  });
  await db.referral.update({ where: { referralNo: `${a.caseNo}-Z02` }, data: { overdue: true } });
  await expectTalliesAsRebuilt(db);
  const [bureau] = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT * FROM "ReferralBureauSummary" WHERE "receivingUnitId" = '532901-JY'`;
  expect(bureau).toMatchObject({
    received: 2,
    open: 1,
    overdue: 1,
    completed: 1,
    medianHoursToAccept: 10.5,
    medianHoursToComplete: 240,
  });

  // The enrolled household exits: no longer open.
  await moveCase(db, b.id, { status: 'EXITED' }, { type: 'enrolmentEnded' });
  await expectTalliesAsRebuilt(db);
  const [open] = await db.$queryRaw<[{ cases: number }]>`
    SELECT coalesce(sum(cases), 0)::int AS cases FROM "OpenCaseTally" WHERE "programmeCode" = 'TEKUN'`;
  expect(open.cases).toBe(0);
});

test('the late tallies follow a step going overdue, moving on, the overall limit and the end, and keep no empty group', async () => {
  const { db } = http;
  const first = await fileCase(db, { villageId: '532901003001', name: '何逾期甲' });
  const second = await fileCase(db, { villageId: '532901003002', name: '何逾期乙' });
  const due = '2026-11-20T09:00:00.000Z'; // 2026-11-20 17:00 in UTC+8
  const lateAtInvestigation = {
    status: 'INVESTIGATING' as const,
    currentStep: 'investigation' as const,
    assigneeUnitId: '532901003',
    dueAt: due,
    overdue: true,
  };
  const lateTallies = async () => ({
    late: await db.$queryRaw<Record<string, unknown>[]>`
      SELECT "townshipId", "programmeCode"::text AS programme, step, overdue, "overallOverdue", late
      FROM "LateCaseTally" WHERE "countyId" = '532901' ORDER BY 1, 2, 3`,
    byDueDate: await db.$queryRaw<Record<string, unknown>[]>`
      SELECT "programmeCode"::text AS programme, to_char("dueDate", 'YYYY-MM-DD') AS "dueDate", overdue
      FROM "CountyOverdueTally" WHERE "countyId" = '532901' ORDER BY 1, 2`,
  });
  const before = await lateTallies();
  expect(before).toEqual({ late: [], byDueDate: [] });

  // Both steps overdue, due the same local day: one group each.
  await moveCase(db, first.id, lateAtInvestigation);
  await moveCase(db, second.id, lateAtInvestigation);
  await expectTalliesAsRebuilt(db);
  const atInvestigation = { townshipId: '532901003', programme: 'DIBAO_RURAL', step: 'investigation' };
  expect(await lateTallies()).toEqual({
    late: [{ ...atInvestigation, overdue: 2, overallOverdue: 0, late: 2 }],
    byDueDate: [{ programme: 'DIBAO_RURAL', dueDate: '2026-11-20', overdue: 2 }],
  });

  // One moves on to a step not yet due but past the whole procedure's limit; the other's step
  // is given a later deadline, still overdue.
  await moveCase(db, first.id, {
    status: 'TOWNSHIP_REVIEW',
    currentStep: 'townshipReview',
    assigneeUnitId: '532901003',
    dueAt: '2026-12-20T09:00:00.000Z',
    overallOverdue: true,
  });
  await moveCase(db, second.id, { ...lateAtInvestigation, dueAt: '2026-11-23T01:00:00.000Z' });
  await expectTalliesAsRebuilt(db);
  expect(await lateTallies()).toEqual({
    late: [
      { ...atInvestigation, overdue: 1, overallOverdue: 0, late: 1 },
      { ...atInvestigation, step: 'townshipReview', overdue: 0, overallOverdue: 1, late: 1 },
    ],
    byDueDate: [{ programme: 'DIBAO_RURAL', dueDate: '2026-11-23', overdue: 1 }],
  });

  // Refused (closed) and back on time: neither is late, and no group is left behind.
  await moveCase(db, first.id, { status: 'REFUSED' }, { type: 'caseClosed', decision: 'refused' });
  await moveCase(db, second.id, { ...lateAtInvestigation, overdue: false });
  await expectTalliesAsRebuilt(db);
  expect(await lateTallies()).toEqual(before);
});
