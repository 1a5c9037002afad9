import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { Database } from '../../platform/database';
import { SmtpInbox } from './smtp-inbox';
import { createTestWorker, startTimeSkippingServer, TEST_TASK_QUEUE } from './temporal';
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

/**
 * One test file's world: the time-skipping server, a fresh database, a real SMTP inbox and a
 * worker running the bundled workflows with the real activities. Set up before the file's
 * tests and torn down after; the returned object is filled in by then.
 */
export function useWorkflowHarness(): WorkflowHarness {
  const harness = {} as WorkflowHarness;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let stopOutbox: (() => Promise<void>) | undefined;
  let stopHeartbeat: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    harness.env = await startTimeSkippingServer();
    ({ db: harness.db, url: harness.databaseUrl } = await createTestDatabase());
    harness.inbox = await SmtpInbox.start();
    worker = await createTestWorker(harness.env, harness.db, harness.inbox.mailer);
    running = worker.run();
    // Like the worker process, so /api/health finds a worker polling the test queue.
    // From the start: `run()` reaches RUNNING a moment later, and the next beat is 5 s away.
    stopHeartbeat = startWorkerHeartbeat(harness.db, {
      identity: 'harness-worker',
      taskQueue: TEST_TASK_QUEUE,
      polling: () => ['INITIALIZED', 'RUNNING'].includes(worker?.getState() ?? 'STOPPED'),
    });
    await waitFor(async () => (await liveWorkers(harness.db, TEST_TASK_QUEUE)) > 0, 'the worker heartbeat');
    stopOutbox = startMailOutbox(harness.db, harness.inbox.mailer);
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await stopHeartbeat?.();
    await stopOutbox?.();
    await harness.db?.$disconnect();
    await harness.inbox?.stop();
    await harness.env?.teardown();
  });
  return harness;
}
