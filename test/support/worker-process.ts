import fs from 'node:fs';
import { NativeConnection, Runtime, DefaultLogger } from '@temporalio/worker';
import { z } from 'zod';
import { connectDatabase } from '../../platform/database';
import { createSmtpMailer } from '../../platform/mailer';
import { createCaseWorker } from '../../worker/create-worker';
import { startMailOutbox } from '../../worker/mail-outbox';

/**
 * A case worker in a process of its own, so a test can kill it (SIGKILL, no goodbye) in the
 * middle of a procedure and start another.
 */
const argsSchema = z.object({
  TEMPORAL_ADDRESS: z.string().min(1),
  DATABASE_URL: z.string().min(1),
  SMTP_URL: z.string().min(1),
  JIUZHU_WORKFLOW_BUNDLE: z.string().min(1),
  TEMPORAL_TASK_QUEUE: z.string().min(1),
});

async function main(): Promise<void> {
  const env = argsSchema.parse(process.env);
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const db = connectDatabase(env.DATABASE_URL);
  const mailer = createSmtpMailer(env.SMTP_URL, 'Jiuzhu Test <jiuzhu@localhost>');
  startMailOutbox(db, mailer);
  const worker = await createCaseWorker({
    connection,
    namespace: 'default',
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    db,
    mailer,
    workflowBundle: { code: fs.readFileSync(env.JIUZHU_WORKFLOW_BUNDLE, 'utf8') },
  });
  const running = worker.run();
  process.stdout.write('worker running\n');
  await running;
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
