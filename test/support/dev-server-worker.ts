import fs from 'node:fs';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { Database } from '../../platform/database';
import { createCaseWorker } from '../../worker/create-worker';
import { SmtpInbox } from './smtp-inbox';
import { startDevServer } from './temporal';
import { createTestDatabase } from './test-database';

export interface DevServerWorld {
  env: TestWorkflowEnvironment;
  db: Database;
  inbox: SmtpInbox;
}

/**
 * The CLI's dev server (Schedules exist on a real Temporal server only), a database of the file's
 * own, an SMTP inbox and the case worker polling `taskQueue`, set up and torn down around a test
 * file. Read the returned world inside tests, once `beforeAll` has run.
 */
export function useDevServerWorker(taskQueue: string): DevServerWorld {
  const world = {} as DevServerWorld;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  beforeAll(async () => {
    world.env = await startDevServer();
    ({ db: world.db } = await createTestDatabase());
    world.inbox = await SmtpInbox.start();
    worker = await createCaseWorker({
      connection: world.env.nativeConnection,
      namespace: world.env.namespace ?? 'default',
      taskQueue,
      db: world.db,
      mailer: world.inbox.mailer,
      workflowBundle: { code: fs.readFileSync(process.env.JIUZHU_WORKFLOW_BUNDLE!, 'utf8') },
    });
    running = worker.run();
  }, 120_000);
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await world.db?.$disconnect();
    await world.inbox?.stop();
    await world.env?.teardown();
  });
  return world;
}
