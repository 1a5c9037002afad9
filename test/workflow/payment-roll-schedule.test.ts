import fs from 'node:fs';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { monthOf } from '../../domain/benefit-months';
import type { Database } from '../../platform/database';
import { createCaseWorker } from '../../worker/create-worker';
import { ensurePaymentRollSchedule, PAYMENT_ROLL_SCHEDULE_ID } from '../../worker/payment-roll-schedule';
import { waitFor } from '../support/fixtures';
import { SmtpInbox } from '../support/smtp-inbox';
import { startDevServer } from '../support/temporal';
import { createTestDatabase } from '../support/test-database';
import { pay, rollCase, rollHousehold } from '../support/roll-fixtures';

// Schedules exist on a real Temporal server only: this file runs the CLI's dev server.

const QUEUE = 'jiuzhu-roll-schedule';
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

test('the monthly schedule is created once, and a run builds every county’s roll for the month', async () => {
  // Started twice (a worker restarted): one schedule.
  expect(await ensurePaymentRollSchedule(env.client, QUEUE, quiet)).toBe('created');
  expect(await ensurePaymentRollSchedule(env.client, QUEUE, quiet)).toBe('exists');
  const handle = env.client.schedule.getHandle(PAYMENT_ROLL_SCHEDULE_ID);
  const described = await handle.describe();
  expect(described.spec.calendars?.[0]).toMatchObject({ dayOfMonth: [{ start: 1, end: 1, step: 1 }] });

  // A household paid this month in 大理市: its roll has the line; the eleven others none.
  const month = monthOf(Date.now());
  const h = await rollHousehold(db, { name: '苏甲' });
  await pay(db, await rollCase(db, h, 'DIBAO_RURAL'), month, 700);
  await handle.trigger();
  const rolls = await waitFor(
    async () => {
      const rows = await db.paymentRoll.findMany({ where: { month, status: 'REVIEW' } });
      return rows.length === 12 && rows;
    },
    'twelve rolls in review',
    90_000,
  );
  const dali = rolls.find((r) => r.countyId === '532901')!;
  expect({ lines: dali.linesTotal, total: Number(dali.totalYuan) }).toEqual({ lines: 1, total: 700 });
  expect(rolls.filter((r) => r.linesTotal === 0)).toHaveLength(11);
  await handle.delete();
}, 180_000);
