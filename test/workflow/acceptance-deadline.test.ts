import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { fileApplication } from '../../api/case-intake';
import { caseWorkflowId } from '../../api/case-workflows';
import { addWorkingDays } from '../../domain/working-days';
import { loadCountyRules } from '../../activities/county-rules';
import type { Database } from '../../platform/database';
import { caseStateQuery, stepUpdates, type CaseWorkflowInput } from '../../workflows/definitions';
import { actorFor, dibaoApplication, waitFor } from '../support/fixtures';
import { createTestWorker, startTimeSkippingServer, TEST_TASK_QUEUE } from '../support/temporal';
import { SmtpInbox } from '../support/smtp-inbox';
import { createTestDatabase } from '../support/test-database';

let env: TestWorkflowEnvironment;
let db: Database;
let worker: Worker;
let running: Promise<void>;
let inbox: SmtpInbox;

beforeAll(async () => {
  env = await startTimeSkippingServer();
  ({ db } = await createTestDatabase());
  inbox = await SmtpInbox.start();
  worker = await createTestWorker(env, db, inbox.mailer);
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await db?.$disconnect();
  await inbox?.stop();
  await env?.teardown();
});

async function startCase() {
  const filer = await actorFor(db, 'cun.xizhou');
  const { caseId } = await fileApplication(db, filer, dibaoApplication(), undefined);
  const row = await db.case.findUniqueOrThrow({
    where: { id: caseId },
    include: { household: { include: { village: true } } },
  });
  const input: CaseWorkflowInput = {
    caseId,
    caseNo: row.caseNo,
    programme: 'DIBAO_RURAL',
    countyId: row.countyId,
    townshipId: row.townshipId,
    villageId: row.villageId,
    villagePath: row.household.village.path,
    relativeOfStaff: row.relativeOfStaff,
  };
  const handle = await env.client.workflow.start('dibaoApplication', {
    workflowId: caseWorkflowId(row.caseNo),
    taskQueue: TEST_TASK_QUEUE,
    args: [input],
  });
  return { caseId, handle };
}

describe('acceptance step 受理', () => {
  test('the 3-working-day deadline passes by time skipping and the case is marked overdue in Postgres', async () => {
    const startedAt = await env.currentTimeMs();
    const { caseId, handle } = await startCase();
    const opened = await waitFor(
      async () => (await db.case.findUniqueOrThrow({ where: { id: caseId } })).dueAt,
      'step opened',
    );

    const { calendar, policy } = await loadCountyRules(db, '532901');
    expect(policy.stepLimits.acceptance).toEqual({ days: 3, unit: 'working' });
    const expectedDue = addWorkingDays(startedAt, 3, calendar);
    expect(opened.toISOString()).toBe(expectedDue.toISOString());
    // However the weekends fall, three working days are at least three calendar days away.
    expect(expectedDue.getTime() - startedAt).toBeGreaterThan(2 * 24 * 3600 * 1000);

    await env.sleep(expectedDue.getTime() - (await env.currentTimeMs()) - 60_000);
    expect((await handle.query(caseStateQuery)).overdue).toBe(false);
    expect((await db.case.findUniqueOrThrow({ where: { id: caseId } })).overdue).toBe(false);

    await env.sleep(120_000);
    await waitFor(
      async () => (await db.case.findUniqueOrThrow({ where: { id: caseId } })).overdue,
      'overdue flag',
    );
    const events = await db.caseEvent.findMany({ where: { caseId }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => e.type)).toEqual(['applicationReceived', 'stepOpened', 'stepOverdue']);

    // Overdue, the step still waits for its decision.
    const officer = await actorFor(db, 'xiang.xizhou');
    const view = await handle.executeUpdate(stepUpdates.acceptance, {
      args: [{ actor: officer, payload: { decision: 'accept' } }],
    });
    expect(view.currentStep).toBe('acceptance');
    // Decided, the case moves on to the investigation with a fresh deadline and no overdue flag.
    const row = await waitFor(async () => {
      const current = await db.case.findUniqueOrThrow({ where: { id: caseId } });
      return current.currentStep === 'investigation' && current;
    }, 'investigation opened');
    expect(row).toMatchObject({ status: 'INVESTIGATING', overdue: false });
    await waitFor(
      async () => ((await handle.describe()).raw.pendingActivities?.length ?? 0) === 0,
      'activities done',
    );
    await handle.terminate('test done');
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
        async () => (await db.case.findUniqueOrThrow({ where: { id: caseId } })).dueAt,
        'step opened',
      );
      const actor = await actorFor(db, username);
      const failure = await handle
        .executeUpdate(stepUpdates.acceptance, { args: [{ actor, payload }] })
        .catch((e) => e);
      expect(failure.name).toBe('WorkflowUpdateFailedError');
      expect(failure.cause.type).toBe(failureType);
      const events = await db.caseEvent.count({ where: { caseId, type: 'stepDecided' } });
      expect(events).toBe(0);
      await handle.terminate('test done');
    },
  );

  test('a decision for a step that is not open is refused as WrongStep', async () => {
    const { caseId, handle } = await startCase();
    await waitFor(
      async () => (await db.case.findUniqueOrThrow({ where: { id: caseId } })).dueAt,
      'step opened',
    );
    const approver = await actorFor(db, 'xian.dali');
    const failure = await handle
      .executeUpdate(stepUpdates.countyApproval, {
        args: [{ actor: approver, payload: { decision: 'approve' } }],
      })
      .catch((e) => e);
    expect(failure.cause.type).toBe('WrongStep');
    await handle.terminate('test done');
  });
});
