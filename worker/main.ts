import { NativeConnection } from '@temporalio/worker';
import { connectDatabase } from '../platform/database';
import { loadEnv, requireDatabaseUrl } from '../platform/env';
import { createLogger } from '../platform/logger';
import { createSmtpMailer } from '../platform/mailer';
import { createCaseWorker } from './create-worker';
import { startMailOutbox } from './mail-outbox';

/** The worker process: runs case workflows and their activities until SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const env = loadEnv();
  const log = createLogger('worker', env.LOG_LEVEL);
  const db = connectDatabase(requireDatabaseUrl(env));
  const mailer = createSmtpMailer(env.SMTP_URL, env.MAIL_FROM);
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const worker = await createCaseWorker({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    db,
    mailer,
  });
  // The SDK shuts the worker down gracefully on SIGINT/SIGTERM: it stops polling and
  // lets running activities finish before run() resolves.
  const stopOutbox = startMailOutbox(db, mailer, log);
  log.info({ taskQueue: env.TEMPORAL_TASK_QUEUE, address: env.TEMPORAL_ADDRESS }, 'worker started');
  await worker.run();
  await stopOutbox();
  await connection.close();
  mailer.close();
  await db.$disconnect();
  log.info('worker stopped');
}

main().catch((error) => {
  createLogger('worker').fatal({ err: error }, 'worker failed');
  process.exit(1);
});
