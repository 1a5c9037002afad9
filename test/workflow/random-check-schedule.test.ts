import fs from 'node:fs';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { quarterOfLocalDate } from '../../domain/random-checks';
import { localDateOf } from '../../domain/working-days';
import type { Database } from '../../platform/database';
import { createCaseWorker } from '../../worker/create-worker';
import { ensureRandomCheckSchedule, RANDOM_CHECK_SCHEDULE_ID } from '../../worker/random-check-schedule';
import { waitFor } from '../support/fixtures';
import { SmtpInbox } from '../support/smtp-inbox';
import { startDevServer } from '../support/temporal';
import { createTestDatabase } from '../support/test-database';

// Schedules exist on a real Temporal server only: this file runs the CLI's dev server.

const QUEUE = 'jiuzhu-random-check-schedule';
let env: TestWorkflowEnvironment;
let db: Database;
let inbox: SmtpInbox;
let worker: Worker;
let running: Promise<void>;
const quiet = { info: () => undefined, warn: () => undefined };

beforeAll(async () => {
  env = await startDevServer();
  ({ db } = await createTestDatabase());
  inbox = await SmtpInbox.start();
  worker = await createCaseWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue: QUEUE,
    db,
    mailer: inbox.mailer,
    workflowBundle: { code: fs.readFileSync(process.env.JIUZHU_WORKFLOW_BUNDLE!, 'utf8') },
  });
  running = worker.run();
}, 120_000);

afterAll(async () => {
  worker?.shutdown();
  await running;
  await db?.$disconnect();
  await inbox?.stop();
  await env?.teardown();
});

test('the quarterly schedule is created once, and a run draws every county’s quarter once', async () => {
  expect(await ensureRandomCheckSchedule(env.client, QUEUE, quiet)).toBe('created');
  expect(await ensureRandomCheckSchedule(env.client, QUEUE, quiet)).toBe('exists');
  const handle = env.client.schedule.getHandle(RANDOM_CHECK_SCHEDULE_ID);
  const described = await handle.describe();
  expect(described.spec.calendars?.[0]).toMatchObject({
    month: [
      { start: 'JANUARY', end: 'JANUARY', step: 1 },
      { start: 'APRIL', end: 'APRIL', step: 1 },
      { start: 'JULY', end: 'JULY', step: 1 },
      { start: 'OCTOBER', end: 'OCTOBER', step: 1 },
    ],
    dayOfMonth: [{ start: 1, end: 1, step: 1 }],
  });
  expect(described.spec.timezone).toBe('Asia/Shanghai');

  // Triggered (as on the first day of the quarter): one draw per county, none with cases here.
  const quarter = quarterOfLocalDate(localDateOf(Date.now()));
  await handle.trigger();
  await waitFor(async () => (await db.randomCheckDraw.count({ where: { quarter } })) === 12, 'twelve draws');
  await handle.trigger();
  await new Promise((resolve) => setTimeout(resolve, 2000));
  expect(await db.randomCheckDraw.count({ where: { quarter } })).toBe(12);
  await handle.delete();
}, 180_000);
