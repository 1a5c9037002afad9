import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Database } from '../../platform/database';
import { SmtpInbox } from './smtp-inbox';
import { createTestWorker, startTimeSkippingServer, TEST_TASK_QUEUE, type CaseActivities } from './temporal';
import { createTestDatabase } from './test-database';
import { liveWorkers, startWorkerHeartbeat } from '../../worker/heartbeat';
import { waitFor } from './fixtures';
import { startMailOutbox } from '../../worker/mail-outbox';

export interface WorkflowHarness {
  env: TestWorkflowEnvironment;
  db: Database;
  /** The test database's URL, for what opens its own connections (the session store). */
  databaseUrl: string;
  inbox: SmtpInbox;
}

export interface HarnessOptions {
  /** Wraps the worker's activities (a test holding one back); the real ones as they are otherwise. */
  wrapActivities?: (activities: CaseActivities) => CaseActivities;
}

/**
 * One world: the time-skipping server, a fresh database, a real SMTP inbox and a worker running
 * the bundled workflows with the real activities. Needs the jest global setup's environment
 * (a bench calls the global setup itself). Fills in `harness` as it goes, so `stop` tears down
 * whatever was started, also after a failed start.
 */
export async function startWorkflowHarness(
  harness = {} as WorkflowHarness,
  options: HarnessOptions = {},
): Promise<{ harness: WorkflowHarness; stop: () => Promise<void> }> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s();
  };
  try {
    harness.env = await startTimeSkippingServer();
    stops.push(() => harness.env.teardown());
    ({ db: harness.db, url: harness.databaseUrl } = await createTestDatabase());
    stops.push(() => harness.db.$disconnect());
    harness.inbox = await SmtpInbox.start();
    stops.push(() => harness.inbox.stop());
    const worker = await createTestWorker(
      harness.env,
      harness.db,
      harness.inbox.mailer,
      options.wrapActivities,
    );
    const running = worker.run();
    stops.push(async () => {
      worker.shutdown();
      await running;
    });
    // Like the worker process, so /api/health finds a worker polling the test queue; from the
    // start (`run()` reaches RUNNING a moment later, and the next beat is 5 s away).
    stops.push(
      startWorkerHeartbeat(harness.db, {
        identity: 'harness-worker',
        taskQueue: TEST_TASK_QUEUE,
        polling: () => ['INITIALIZED', 'RUNNING'].includes(worker.getState()),
      }),
    );
    await waitFor(async () => (await liveWorkers(harness.db, TEST_TASK_QUEUE)) > 0, 'the worker heartbeat');
    stops.push(startMailOutbox(harness.db, harness.inbox.mailer));
  } catch (error) {
    await stop();
    throw error;
  }
  return { harness, stop };
}

/** One test file's world, set up before the file's tests and torn down after them. */
export function useWorkflowHarness(options: HarnessOptions = {}): WorkflowHarness {
  const harness = {} as WorkflowHarness;
  let stop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ({ stop } = await startWorkflowHarness(harness, options));
  });
  afterAll(async () => {
    await stop?.();
  });
  return harness;
}
