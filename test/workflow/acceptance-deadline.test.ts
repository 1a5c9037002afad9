import { fileApplication } from '../../api/case-intake';
import { caseWorkflowInput } from '../../api/case-workflows';
import { addWorkingDays } from '../../domain/working-days';
import { loadCountyRules } from '../../activities/county-rules';
import { caseStateQuery, stepUpdates } from '../../workflows/definitions';
import { dibaoApplication } from '../../workflows/dibao-application';
import { actorFor, dibaoApplication as application, waitFor } from '../support/fixtures';
import { TEST_TASK_QUEUE, terminateOnTestServer } from '../support/temporal';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();

async function startCase() {
  const filer = await actorFor(harness.db, 'cun.xizhou');
  const { caseId } = await fileApplication(harness.db, filer, application(), undefined);
  const { workflowId, ...input } = await caseWorkflowInput(harness.db, caseId);
  const handle = await harness.env.client.workflow.start(dibaoApplication, {
    workflowId,
    taskQueue: TEST_TASK_QUEUE,
    args: [input],
  });
  return { caseId, handle };
}

describe('acceptance step 受理', () => {
  test('the 3-working-day deadline passes by time skipping and the case is marked overdue in Postgres', async () => {
    const startedAt = await harness.env.currentTimeMs();
    const { caseId, handle } = await startCase();
    const opened = await waitFor(
      async () => (await harness.db.case.findUniqueOrThrow({ where: { id: caseId } })).dueAt,
      'step opened',
    );

    const { calendar, policy } = await loadCountyRules(harness.db, '532901');
    expect(policy.stepLimits.acceptance).toEqual({ days: 3, unit: 'working' });
    const expectedDue = addWorkingDays(startedAt, 3, calendar);
    expect(opened.toISOString()).toBe(expectedDue.toISOString());
    // However the weekends fall, three working days are at least three calendar days away.
    expect(expectedDue.getTime() - startedAt).toBeGreaterThan(2 * 24 * 3600 * 1000);

    await harness.env.sleep(expectedDue.getTime() - (await harness.env.currentTimeMs()) - 60_000);
    expect((await handle.query(caseStateQuery)).overdue).toBe(false);
    expect((await harness.db.case.findUniqueOrThrow({ where: { id: caseId } })).overdue).toBe(false);

    await harness.env.sleep(120_000);
    await waitFor(
      async () => (await harness.db.case.findUniqueOrThrow({ where: { id: caseId } })).overdue,
      'overdue flag',
    );
    const events = await harness.db.caseEvent.findMany({ where: { caseId }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => e.type)).toEqual(['applicationReceived', 'stepOpened', 'stepOverdue']);

    // Overdue, the step still waits for its decision.
    const officer = await actorFor(harness.db, 'xiang.xizhou');
    const view = await handle.executeUpdate(stepUpdates.acceptance, {
      args: [{ actor: officer, payload: { decision: 'accept' } }],
    });
    // Decided, the case moves on to the investigation with a fresh deadline and no overdue flag:
    // the answer is the case as the write of the decision and the opening left it.
    expect(view).toMatchObject({ status: 'INVESTIGATING', currentStep: 'investigation', overdue: false });
    const row = await waitFor(async () => {
      const current = await harness.db.case.findUniqueOrThrow({ where: { id: caseId } });
      return current.currentStep === 'investigation' && current;
    }, 'investigation opened');
    expect(row).toMatchObject({ status: 'INVESTIGATING', overdue: false });
    await waitFor(
      async () => ((await handle.describe()).raw.pendingActivities?.length ?? 0) === 0,
      'activities done',
    );
    await terminateOnTestServer(harness.env, handle, 'test done');
  });

  test.each([
    ['a village assistant (wrong role)', 'cun.xizhou', { decision: 'accept' }, 'Forbidden'],
    [
      'a township officer with a refusal but no reasons',
      'xiang.xizhou',
      { decision: 'reject' },
      'InvalidPayload',
    ],
    ['a county approver (wrong role)', 'xian.dali', { decision: 'accept' }, 'Forbidden'],
  ])(
    'the Update validator rejects %s and nothing is recorded',
    async (_label, username, payload, failureType) => {
      const { caseId, handle } = await startCase();
      await waitFor(
        async () => (await harness.db.case.findUniqueOrThrow({ where: { id: caseId } })).dueAt,
        'step opened',
      );
      const actor = await actorFor(harness.db, username);
      const failure = await handle
        .executeUpdate(stepUpdates.acceptance, { args: [{ actor, payload }] })
        .catch((e) => e);
      expect(failure.name).toBe('WorkflowUpdateFailedError');
      expect(failure.cause.type).toBe(failureType);
      const events = await harness.db.caseEvent.count({ where: { caseId, type: 'stepDecided' } });
      expect(events).toBe(0);
      await terminateOnTestServer(harness.env, handle, 'test done');
    },
  );

  test('a decision for a step that is not open is refused as WrongStep', async () => {
    const { caseId, handle } = await startCase();
    await waitFor(
      async () => (await harness.db.case.findUniqueOrThrow({ where: { id: caseId } })).dueAt,
      'step opened',
    );
    const approver = await actorFor(harness.db, 'xian.dali');
    const failure = await handle
      .executeUpdate(stepUpdates.countyApproval, {
        args: [{ actor: approver, payload: { decision: 'approve' } }],
      })
      .catch((e) => e);
    expect(failure.cause.type).toBe('WrongStep');
    await terminateOnTestServer(harness.env, handle, 'test done');
  });
});
