import fs from 'node:fs';
import { Client } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { connectDatabase } from '../platform/database';
import { loadEnv, requireDatabaseUrl } from '../platform/env';
import { createLogger } from '../platform/logger';
import { createSmtpMailer } from '../platform/mailer';
import { createCaseWorker } from './create-worker';
import { startWorkerHeartbeat } from './heartbeat';
import { workerIdentity } from './identity';
import { startMailOutbox } from './mail-outbox';
import { ensurePaymentRollSchedule } from './payment-roll-schedule';
import { ensureRandomCheckSchedule } from './random-check-schedule';

/** The worker process: runs case workflows and their activities until SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const env = loadEnv();
  const log = createLogger('worker', env.LOG_LEVEL);
  // Until the worker runs there is nothing to drain: a stop signal then ends the process at
  // once (the SDK's own handler, installed with its runtime, would only stop a running worker).
  let running = false;
  const stopBeforeRunning = () => {
    if (!running) process.exit(0);
  };
  process.once('SIGINT', stopBeforeRunning);
  process.once('SIGTERM', stopBeforeRunning);

  const db = connectDatabase(requireDatabaseUrl(env));
  const mailer = createSmtpMailer(env.SMTP_URL, env.MAIL_FROM);
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const identity = workerIdentity();
  const worker = await createCaseWorker({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    identity,
    db,
    mailer,
    maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS,
    ...(env.JIUZHU_WORKFLOW_BUNDLE
      ? { workflowBundle: { code: fs.readFileSync(env.JIUZHU_WORKFLOW_BUNDLE, 'utf8') } }
      : {}),
  });
  const scheduler = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  await ensurePaymentRollSchedule(scheduler, env.TEMPORAL_TASK_QUEUE, log);
  await ensureRandomCheckSchedule(scheduler, env.TEMPORAL_TASK_QUEUE, log);
  // The SDK shuts the worker down gracefully on SIGINT/SIGTERM: it stops polling and
  // lets running activities finish before run() resolves.
  running = true;
  const run = worker.run();
  const stopHeartbeat = startWorkerHeartbeat(
    db,
    { identity, taskQueue: env.TEMPORAL_TASK_QUEUE, polling: () => worker.getState() === 'RUNNING' },
    log,
  );
  const stopOutbox = startMailOutbox(db, mailer, log);
  log.info({ taskQueue: env.TEMPORAL_TASK_QUEUE, address: env.TEMPORAL_ADDRESS, identity }, 'worker started');
  try {
    await run;
  } finally {
    await stopHeartbeat();
    await stopOutbox();
    await connection.close();
    mailer.close();
    await db.$disconnect();
  }
  log.info('worker stopped');
}

main().catch((error) => {
  createLogger('worker').fatal({ err: error }, 'worker failed');
  process.exit(1);
});
