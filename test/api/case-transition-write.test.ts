import { recordTransition, recordTransitions, type TransitionInput } from '../../activities/case-records';
import type { Database } from '../../platform/database';
import { fileCase } from '../support/supervision-fixtures';
import { createTestDatabase } from '../support/test-database';

/**
 * The hot keyed write (activities/case-records.ts): the case row and its event in one
 * statement, once per key. The row holds exactly what the transition says (dates in UTC as
 * Prisma writes them, the amount, the programme's facts), a retried key changes nothing, an
 * unknown case is an error, and a final status frees the case's people.
 */

let db: Database;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
});
afterAll(() => db?.$disconnect());

const VILLAGE = '532901003001';

function opened(caseId: string, key: string): TransitionInput {
  return {
    key,
    caseId,
    programme: 'DIBAO_RURAL',
    event: {
      type: 'stepOpened',
      step: 'investigation',
      actor: {
        userId: 'u-1',
        username: 'xiang.test',
        displayName: '赵乡镇经办',
        role: 'TOWNSHIP_OFFICER',
        unitId: '532901003',
        unitPath: '/5329/532901/532901003/',
      },
      decision: null,
      reasons: null,
      payload: { limit: { workingDays: 10 }, note: '入户' },
    },
    change: {
      status: 'INVESTIGATING',
      currentStep: 'investigation',
      assigneeUnitId: '532901003',
      dueAt: '2026-12-14T15:59:59.999Z',
      overdue: false,
      overallDueAt: '2027-01-10T15:59:59.999Z',
      overallOverdue: false,
      monthlyAmount: 1660.5,
      nextReviewAt: null,
    },
  };
}

test('one keyed write: the row and the event as given, once however often it is retried', async () => {
  const filed = await fileCase(db, { villageId: VILLAGE, name: '杨一写' });
  const input = opened(filed.id, `test/${filed.id}/1`);
  expect(await recordTransition(db, input)).toEqual({ written: true, queuedMail: 0 });
  expect(await recordTransition(db, input)).toEqual({ written: false, queuedMail: 0 });
  await recordTransitions(db, { countyId: '532901', writes: [input] });

  const row = await db.case.findUniqueOrThrow({ where: { id: filed.id } });
  expect(row).toMatchObject({
    status: 'INVESTIGATING',
    currentStep: 'investigation',
    assigneeUnitId: '532901003',
    dueAt: new Date('2026-12-14T15:59:59.999Z'),
    overdue: false,
    overallDueAt: new Date('2027-01-10T15:59:59.999Z'),
    nextReviewAt: null,
    closedAt: null,
    lastEventSeq: filed.lastEventSeq + 1,
  });
  expect(row.monthlyAmount?.toNumber()).toBe(1660.5);
  expect(row.updatedAt.getTime()).toBeGreaterThanOrEqual(filed.updatedAt.getTime());
  const events = await db.caseEvent.findMany({ where: { idempotencyKey: input.key } });
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({
    seq: filed.lastEventSeq + 1,
    type: 'stepOpened',
    step: 'investigation',
    actorId: 'u-1',
    actorRole: 'TOWNSHIP_OFFICER',
    actorName: '赵乡镇经办',
    decision: null,
    reasons: null,
    payload: { limit: { workingDays: 10 }, note: '入户' },
  });
});

test('an event without a change moves only the sequence; a final status closes the case and frees its people', async () => {
  const filed = await fileCase(db, { villageId: VILLAGE, name: '杨二写' });
  expect(await db.openClaim.count({ where: { caseId: filed.id } })).toBeGreaterThan(0);
  await recordTransition(db, {
    key: `test/${filed.id}/note`,
    caseId: filed.id,
    event: { type: 'stepOpened', step: null },
    change: null,
  });
  const noted = await db.case.findUniqueOrThrow({ where: { id: filed.id } });
  expect(noted).toMatchObject({ status: filed.status, lastEventSeq: filed.lastEventSeq + 1 });
  const [event] = await db.caseEvent.findMany({ where: { idempotencyKey: `test/${filed.id}/note` } });
  expect(event?.payload).toBeNull();

  await recordTransition(db, {
    ...opened(filed.id, `test/${filed.id}/end`),
    change: { ...opened(filed.id, '').change!, status: 'WITHDRAWN', currentStep: null, monthlyAmount: null },
  });
  const closed = await db.case.findUniqueOrThrow({ where: { id: filed.id } });
  expect(closed.status).toBe('WITHDRAWN');
  expect(closed.closedAt).not.toBeNull();
  expect(closed.monthlyAmount).toBeNull();
  expect(await db.openClaim.count({ where: { caseId: filed.id } })).toBe(0);
});

test('a write for a case that does not exist fails and writes nothing', async () => {
  const key = 'test/no-such-case/1';
  await expect(recordTransition(db, opened('no-such-case', key))).rejects.toThrow(/not found/);
  expect(await db.caseEvent.count({ where: { idempotencyKey: key } })).toBe(0);
});
