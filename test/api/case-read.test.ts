import { Prisma } from '@prisma/client';
import { fileApplication } from '../../api/case-intake';
import { readCaseSnapshot } from '../../api/case-read';
import { householdCases } from '../../api/household-cases';
import { findVisibleCase, presentCase } from '../../api/routes/cases';
import type { Actor } from '../../domain/staff-roles';
import type { Database } from '../../platform/database';
import { actorFor, dibaoApplication, idNumber } from '../support/fixtures';
import { createTestDatabase } from '../support/test-database';

/**
 * GET /api/cases/:id reads its case in one statement (api/case-read.ts). It must answer what
 * the Prisma reads it replaced answer (findVisibleCase and householdCases, still used by the
 * writes and the case page): the same fields, values, types and order, and the same 404s.
 */
let db: Database;
let filer: Actor;
const caseNos: Record<string, string> = {};

async function caseNoOf(caseId: string) {
  return (await db.case.findUniqueOrThrow({ where: { id: caseId } })).caseNo;
}

async function both(actor: Actor, ref: string) {
  const settle = <T>(p: Promise<T>) =>
    p.then(
      (value) => ({ value }),
      (error: { status?: number }) => ({ status: error.status }),
    );
  const before = await settle(
    findVisibleCase(db, actor, ref).then(async (found) => ({
      found,
      others: await householdCases(
        db,
        actor,
        found.id,
        found.household.members.map((m) => m.idNumber),
      ),
    })),
  );
  const after = await settle(readCaseSnapshot(db, actor, ref));
  return { before, after };
}

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  filer = await actorFor(db, 'cun.xizhou');
  const members = dibaoApplication().members;
  // A closed case of the household, then a new application of the same people (一户一档).
  const first = await fileApplication(db, filer, dibaoApplication({ members }), undefined);
  await db.case.update({
    where: { id: first.caseId },
    data: { status: 'REJECTED', closedAt: new Date('2026-03-04T05:06:07.008Z'), currentStep: null },
  });
  // As closing a case does (activities/case-records.ts): its people may apply again.
  await db.openClaim.deleteMany({ where: { caseId: first.caseId } });
  const second = await fileApplication(db, filer, dibaoApplication({ members }), undefined);
  // Someone of the same name and birth date under another ID number (疑似重复 of the second).
  const lookalike = dibaoApplication();
  lookalike.members[0] = { ...members[0]!, idNumber: idNumber('1975-03-14', 998) };
  const third = await fileApplication(db, filer, lookalike, undefined);
  // Figures a case collects on its way: an amount, a decision event with a payload, a cleared flag.
  await db.case.update({
    where: { id: second.caseId },
    data: { monthlyAmount: new Prisma.Decimal('412.50'), dueAt: new Date('2026-12-01T16:00:00.120Z') },
  });
  await db.caseEvent.create({
    data: {
      caseId: second.caseId,
      seq: 100,
      type: 'stepDecided',
      step: 'acceptance',
      actorName: '乡镇经办',
      actorRole: 'TOWNSHIP_OFFICER',
      decision: 'accept',
      reasons: '材料齐全',
      payload: { nested: { amount: 1.5, list: [1, 'two', null] }, flag: true },
      idempotencyKey: 'case-read-test-decision',
      occurredAt: new Date('2026-11-30T01:02:03.400Z'),
    },
  });
  const flag = await db.possibleDuplicate.findFirstOrThrow({ where: { caseId: third.caseId } });
  await db.possibleDuplicate.update({
    where: { id: flag.id },
    data: { status: 'CLEARED', reasons: '身份证号码核实无误', resolvedAt: new Date('2026-11-30T08:00:00Z') },
  });
  caseNos.closed = await caseNoOf(first.caseId);
  caseNos.reapplied = await caseNoOf(second.caseId);
  caseNos.flagged = await caseNoOf(third.caseId);
  caseNos.reappliedId = second.caseId;
});

afterAll(async () => {
  await db.$disconnect();
});

describe('readCaseSnapshot', () => {
  test.each([
    ['the township', 'xiang.xizhou', 'reapplied'],
    ['the county supervisor', 'jiandu.dali', 'reapplied'],
    ['the village assistant, by id', 'cun.xizhou', 'reappliedId'],
    ['the township, a flagged case', 'xiang.xizhou', 'flagged'],
    ['the township, the closed case', 'xiang.xizhou', 'closed'],
  ])('answers %s what the Prisma reads answered', async (_who, username, which) => {
    const actor = await actorFor(db, username);
    const { before, after } = await both(actor, caseNos[which]!);
    if (!('value' in before) || !('value' in after)) throw new Error('expected both to find the case');
    // Every field the snapshot carries, as Prisma read it (types too: Dates, Decimal, JSON).
    expect(before.value.found).toMatchObject(after.value.found as unknown as Record<string, unknown>);
    expect(after.value.householdCases).toEqual(before.value.others);
    // And the answer GET /api/cases/:id sends, byte for byte.
    expect(JSON.stringify(presentCase(after.value.found))).toBe(
      JSON.stringify(presentCase(before.value.found)),
    );
  });

  test('the figures it reads are there (not an empty case matching an empty case)', async () => {
    const { after } = await both(await actorFor(db, 'xiang.xizhou'), caseNos.reapplied!);
    if (!('value' in after)) throw new Error('expected the case');
    expect(after.value.found.household.members).toHaveLength(3);
    expect(after.value.found.events.map((e) => e.type)).toEqual(['applicationReceived', 'stepDecided']);
    expect(Number(after.value.found.monthlyAmount)).toBe(412.5);
    expect(after.value.householdCases.map((o) => o.caseNo)).toEqual([caseNos.closed]);
    const flagged = await both(await actorFor(db, 'xiang.xizhou'), caseNos.flagged!);
    if (!('value' in flagged.after)) throw new Error('expected the case');
    // Each of its three people looks like one of the reapplied case's; one flag was cleared.
    const flags = flagged.after.value.found.possibleDuplicates;
    expect(flags).toHaveLength(3);
    expect(flags.map((f) => f.otherCase.caseNo)).toEqual(Array(3).fill(caseNos.reapplied));
    expect(flags.filter((f) => f.status === 'CLEARED')).toEqual([
      expect.objectContaining({
        reasons: '身份证号码核实无误',
        resolvedAt: new Date('2026-11-30T08:00:00Z'),
      }),
    ]);
  });

  test.each([
    ['a department officer', 'bumen.renshe.dali', 'reapplied'],
    ['another county', 'another county', 'reapplied'],
    ['no such case', 'xiang.xizhou', 'DB-532901-2026-999999'],
    ['no such id', 'xiang.xizhou', '00000000-0000-4000-8000-000000000000'],
  ])('refuses %s with 404 as before', async (_who, username, which) => {
    // 漾濞县's township officer: the same role one county over (no such account is seeded).
    const actor =
      username === 'another county'
        ? { ...(await actorFor(db, 'xiang.xizhou')), unitPath: '/5329/532922/532922100/' }
        : await actorFor(db, username);
    const { before, after } = await both(actor, caseNos[which] ?? which);
    expect(before).toEqual({ status: 404 });
    expect(after).toEqual({ status: 404 });
  });
});
