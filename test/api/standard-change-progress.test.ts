import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import {
  finishStandardChangeReviews,
  openStandardChangeReviews,
  requestStandardChangeReviewPage,
} from '../../activities/standard-change';
import type { Database } from '../../platform/database';
import { writeEnrolledCases } from '../support/enrolled-cases';
import { createTestDatabase } from '../support/test-database';

/**
 * The standard change's progress row (activities/standard-change.ts) under races: two openings
 * at once make one row; the same page run twice at once (a retry overlapping the attempt it
 * replaces) signals twice — which the enrolment ignores by request id — but counts its cases
 * once; an enrolment already ended is counted as ended; finishing twice keeps the first time.
 */

let db: Database;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
});
afterAll(() => db?.$disconnect());

/** A client whose signals are recorded; the enrolments in `ended` have finished. */
function signalRecorder(ended: Set<string>) {
  const signals: { workflowId: string; requestId: string }[] = [];
  const temporal = {
    workflow: {
      getHandle: (workflowId: string) => ({
        signal: async (_signal: unknown, request: { requestId: string }) => {
          await new Promise((r) => setTimeout(r, 1));
          if (ended.has(workflowId)) throw new WorkflowNotFoundError('ended', workflowId, undefined);
          signals.push({ workflowId, requestId: request.requestId });
        },
      }),
    },
  } as unknown as Client;
  return { temporal, signals };
}

const noHeartbeat = () => undefined;

test('openings and pages at once count every case once; ended enrolments are counted apart', async () => {
  await writeEnrolledCases(db, { count: 25, prefix: 'RACE' });
  const standard = await db.assistanceStandard.create({
    data: {
      countyId: '532901',
      programmeCode: 'DIBAO_RURAL',
      monthlyYuan: 640,
      effectiveFrom: new Date('2027-03-01'),
      createdBy: 'u-test',
    },
  });
  const standardId = standard.id;

  const opened = await Promise.all([
    openStandardChangeReviews(db, { standardId }),
    openStandardChangeReviews(db, { standardId }),
    openStandardChangeReviews(db, { standardId }),
  ]);
  expect(opened).toEqual([
    { cursor: null, signalled: 0, total: 25 },
    { cursor: null, signalled: 0, total: 25 },
    { cursor: null, signalled: 0, total: 25 },
  ]);
  expect(await db.standardChangeProgress.count({ where: { standardId } })).toBe(1);

  const { temporal, signals } = signalRecorder(new Set(['enrolment-RACE-000003']));
  const page = (after: string | null) =>
    requestStandardChangeReviewPage(
      db,
      temporal,
      { standardId, after, pageSize: 10, concurrency: 4 },
      noHeartbeat,
    );
  const [first, again] = await Promise.all([page(null), page(null)]);
  expect(first).toEqual({ last: 'RACE-000010', signalled: 9, ended: 1 });
  expect(again).toEqual(first);
  expect(signals).toHaveLength(18);
  expect(new Set(signals.map((s) => s.requestId))).toEqual(new Set([`standard-${standardId}`]));
  expect(await db.standardChangeProgress.findUniqueOrThrow({ where: { standardId } })).toMatchObject({
    cursor: 'RACE-000010',
    signalled: 9,
    ended: 1,
  });

  // A fan-out started again resumes where the row stands.
  expect(await openStandardChangeReviews(db, { standardId })).toEqual({
    cursor: 'RACE-000010',
    signalled: 9,
    total: 25,
  });
  expect(await page('RACE-000010')).toEqual({ last: 'RACE-000020', signalled: 10, ended: 0 });
  expect(await page('RACE-000020')).toEqual({ last: 'RACE-000025', signalled: 5, ended: 0 });
  expect(await page('RACE-000025')).toEqual({ last: null, signalled: 0, ended: 0 });

  const [done, doneAgain] = await Promise.all([
    finishStandardChangeReviews(db, { standardId }),
    finishStandardChangeReviews(db, { standardId }),
  ]);
  expect(done).toEqual({ signalled: 24 });
  expect(doneAgain).toEqual({ signalled: 24 });
  const row = await db.standardChangeProgress.findUniqueOrThrow({ where: { standardId } });
  expect(row).toMatchObject({ total: 25, signalled: 24, ended: 1, cursor: 'RACE-000025' });
  const finishedAt = row.finishedAt!;
  await finishStandardChangeReviews(db, { standardId });
  expect((await db.standardChangeProgress.findUniqueOrThrow({ where: { standardId } })).finishedAt).toEqual(
    finishedAt,
  );
  const standardRow = await db.assistanceStandard.findUniqueOrThrow({ where: { id: standardId } });
  expect(standardRow.reviewsRequestedAt).toEqual(finishedAt);
});
