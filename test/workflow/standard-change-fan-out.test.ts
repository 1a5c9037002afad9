import { enrolmentWorkflowId } from '../../workflows/definitions';
import { standardChange, standardChangeWorkflowId } from '../../workflows/standard-change';
import { startEnrolments, writeEnrolledCases } from '../support/enrolled-cases';
import { waitFor } from '../support/fixtures';
import { completedOnHeldClock } from '../support/held-clock';
import { TEST_TASK_QUEUE, terminateOnTestServer } from '../support/temporal';
import { useWorkflowHarness } from '../support/workflow-harness';

/**
 * 标准调整 at scale: a standard change asks a few hundred enrolments for a review, page by page
 * with continue-as-new, while a page fails once after it has signalled everyone on it (the
 * retry resends the page): every enrolment gets one review request, opens one review with its
 * due date, and the progress row counts each case once.
 */
const CASES = 300;
const PAGE_SIZE = 40;
const PAGES_PER_RUN = 2;

let pageCalls = 0;
let failedOnce = false;
const harness = useWorkflowHarness({
  wrapActivities: (activities) => ({
    ...activities,
    requestStandardChangeReviewPage: async (input) => {
      const page = await activities.requestStandardChangeReviewPage(input);
      // The third page: its signals are out and the progress row moved on, then the activity fails.
      if (++pageCalls === 3 && !failedOnce) {
        failedOnce = true;
        throw new Error('worker lost midway through the fan-out (test)');
      }
      return page;
    },
  }),
});

async function countOf(sql: Promise<{ n: bigint }[]>): Promise<number> {
  const [row] = await sql;
  return Number(row?.n ?? 0);
}

test('a standard change asks every enrolment once, in pages, and a retried page asks nobody twice', async () => {
  const { env, db } = harness;
  const cases = await writeEnrolledCases(db, { count: CASES, prefix: 'STORM' });
  await startEnrolments(env.client, TEST_TASK_QUEUE, cases, { now: await env.currentTimeMs() });
  // One household's enrolment has ended (its row not yet updated): it is counted, not reviewed.
  const gone = cases[7]!.caseNo;
  await terminateOnTestServer(env, env.client.workflow.getHandle(enrolmentWorkflowId(gone)), 'test: ended');

  const standard = await db.assistanceStandard.create({
    data: {
      countyId: '532901',
      programmeCode: 'DIBAO_RURAL',
      monthlyYuan: 620,
      effectiveFrom: new Date('2027-01-01'),
    },
  });
  const handle = await env.client.workflow.start(standardChange, {
    workflowId: standardChangeWorkflowId(standard.id),
    taskQueue: TEST_TASK_QUEUE,
    args: [{ standardId: standard.id, pageSize: PAGE_SIZE, pagesPerRun: PAGES_PER_RUN }],
  });

  const opened = () =>
    db.case.count({ where: { caseNo: { startsWith: 'STORM-' }, currentStep: 'recertInvestigation' } });
  await waitFor(async () => (await opened()) === CASES - 1, 'every review open', 240_000);
  expect(failedOnce).toBe(true);
  const progress = await waitFor(
    () =>
      db.standardChangeProgress.findFirst({ where: { standardId: standard.id, finishedAt: { not: null } } }),
    'the fan-out finished',
  );
  expect(progress).toMatchObject({ total: CASES, signalled: CASES - 1, ended: 1, cursor: 'STORM-000300' });
  const row = await db.assistanceStandard.findUniqueOrThrow({ where: { id: standard.id } });
  expect(row.reviewsRequestedAt).not.toBeNull();

  // Continued as new every two pages: the last run's history is a handful of pages, not 300 signals.
  const ended = await completedOnHeldClock<typeof standardChange>(env, handle.workflowId);
  expect(ended.runId).not.toBe(handle.firstExecutionRunId);
  expect(ended.result.signalled).toBe(CASES - 1);

  // Each enrolment: one request (the resent page's signals were counted once), one review opened.
  const perCase = (type: string) =>
    countOf(
      db.$queryRaw`SELECT count(*) AS n FROM (
        SELECT e."caseId" FROM "CaseEvent" e JOIN "Case" c ON c.id = e."caseId"
        WHERE c."caseNo" LIKE 'STORM-%' AND e.type = ${type}
        GROUP BY e."caseId" HAVING count(*) = 1) once`,
    );
  const allOf = (type: string) =>
    countOf(
      db.$queryRaw`SELECT count(*) AS n FROM "CaseEvent" e JOIN "Case" c ON c.id = e."caseId"
        WHERE c."caseNo" LIKE 'STORM-%' AND e.type = ${type}`,
    );
  expect(await perCase('reviewRequested')).toBe(CASES - 1);
  expect(await allOf('reviewRequested')).toBe(CASES - 1);
  expect(await allOf('reviewStarted')).toBe(CASES - 1);
  const [requested] = await db.caseEvent.findMany({ where: { type: 'reviewRequested' }, take: 1 });
  expect(requested).toMatchObject({ decision: 'standardChange' });
  expect(requested!.reasons).toContain('每人每月 620 元');

  // Each review opened with its due date, not yet passed, nobody overdue.
  const now = await env.currentTimeMs();
  const reviews = await db.case.findMany({
    where: { caseNo: { startsWith: 'STORM-' }, currentStep: 'recertInvestigation' },
    select: { dueAt: true, overdue: true, status: true, assigneeUnitId: true, townshipId: true },
  });
  for (const r of reviews) {
    expect(r.dueAt!.getTime()).toBeGreaterThan(now);
    expect(r).toMatchObject({ overdue: false, status: 'RECERTIFYING', assigneeUnitId: r.townshipId });
  }

  // The same standard's fan-out started again (an operator, the API's reconciler): it resumes
  // after the last case on the progress row and asks nobody.
  const again = await env.client.workflow.start(standardChange, {
    workflowId: standardChangeWorkflowId(standard.id),
    taskQueue: TEST_TASK_QUEUE,
    args: [{ standardId: standard.id, pageSize: PAGE_SIZE, pagesPerRun: PAGES_PER_RUN }],
  });
  expect((await completedOnHeldClock<typeof standardChange>(env, again.workflowId)).result.signalled).toBe(
    CASES - 1,
  );
  expect(await allOf('reviewRequested')).toBe(CASES - 1);

  for (const c of cases) {
    if (c.caseNo === gone) continue;
    await terminateOnTestServer(
      env,
      env.client.workflow.getHandle(enrolmentWorkflowId(c.caseNo)),
      'test: done',
    );
  }
});
