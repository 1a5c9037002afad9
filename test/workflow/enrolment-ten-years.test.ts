import type { temporal } from '@temporalio/proto';
import { CaseDriver } from '../support/case-driver';
import { dibaoApplication, idNumber, waitFor } from '../support/fixtures';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();

/** One elderly woman living alone, no one able to work, a pension the county does not count: reviewed yearly, at a steady amount. */
const elderlyAlone = () =>
  dibaoApplication({
    members: [
      {
        name: '李凤英',
        idNumber: idNumber('1948-05-20', 28),
        relation: 'APPLICANT',
        labourCapacity: 'NONE',
        health: 'CHRONIC',
      },
    ] as ReturnType<typeof dibaoApplication>['members'],
  });

const PENSION = [{ memberIndex: 0, kind: 'basicPension', amountYuan: 203, period: 'monthly' }];

/** Every run of a workflow id, newest first, found by following each run's continued-from link. */
async function runsOf(workflowId: string, latestRunId: string) {
  const runs: { runId: string; events: number }[] = [];
  let runId: string | null | undefined = latestRunId;
  while (runId) {
    const handle = harness.env.client.workflow.getHandle(workflowId, runId);
    const events: temporal.api.history.v1.IHistoryEvent[] = (await handle.fetchHistory()).events ?? [];
    runs.push({ runId, events: events.length });
    runId = events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || null;
  }
  return runs;
}

describe('an enrolment over ten years', () => {
  test("ten yearly reviews: continue-as-new after each, every run's history small, every month paid once", async () => {
    const c = await CaseDriver.file(harness.env, harness.db, elderlyAlone());
    await c.accept();
    await c.reach('investigation');
    await c.investigate(PENSION);
    await c.reach('appraisal');
    await c.appraise();
    await c.reach('townshipReview');
    await c.reviewInTownship();
    await c.reach('publicNotice');
    await c.passTime(8 * 24 * 3600 * 1000);
    await c.reach('countyApproval');
    // Standard 560, pension not counted: 560, + the elderly add-on 10 % = 56.
    expect((await c.view()).monthlyAmount).toBe(616);
    await c.approveInCounty(616);
    const e = await c.enrolment();
    await waitFor(async () => (await e.row()).nextReviewAt, 'enrolment started');
    const { benefitStartMonth } = await e.enrolmentState();

    for (let year = 1; year <= 10; year++) {
      await e.toNextReview();
      const run = await e.runId();
      const view = await e.recertify(PENSION);
      expect(view).toMatchObject({ status: 'ENROLLED', monthlyAmount: 616 });
      await e.nextRunAfter(run);
    }

    expect((await e.enrolmentState()).cycle).toBe(11);
    const runs = await runsOf(e.handle.workflowId, await e.runId());
    expect(runs).toHaveLength(11);
    const closedRuns = runs.slice(1);
    for (const run of closedRuns) {
      const { status } = await harness.env.client.workflow
        .getHandle(e.handle.workflowId, run.runId)
        .describe();
      expect(status.name).toBe('CONTINUED_AS_NEW');
    }
    // A year of the household's life (12 payments, one review) fits in one small run, and the
    // tenth year's run is no bigger than the second's: the history does not grow with age.
    const sizes = closedRuns.map((r) => r.events);
    expect(Math.max(...sizes)).toBeLessThan(400);
    expect(Math.abs(sizes[0]! - sizes[sizes.length - 2]!)).toBeLessThanOrEqual(20);

    const paid = await e.payments();
    expect(paid.length).toBeGreaterThanOrEqual(120);
    expect(new Set(paid.map((p) => p.month)).size).toBe(paid.length);
    expect(paid[0]!.month).toBe(benefitStartMonth);
    expect(paid.every((p) => p.amountYuan === 616)).toBe(true);
    expect((await e.eventsOf('reviewCompleted')).map((ev) => ev.decision)).toEqual(
      Array(10).fill('continue'),
    );
    await e.discard();
  }, 600_000);
});
