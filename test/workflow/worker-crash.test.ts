import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Database } from '../../platform/database';
import { CaseDriver } from '../support/case-driver';
import { waitFor } from '../support/fixtures';
import { SmtpInbox } from '../support/smtp-inbox';
import { startDevServer, TEST_TASK_QUEUE } from '../support/temporal';
import { createTestDatabase } from '../support/test-database';

let env: TestWorkflowEnvironment;
let db: Database;
let databaseUrl: string;
let inbox: SmtpInbox;
let worker: ChildProcess | undefined;

const ROOT = path.resolve(__dirname, '..', '..');

function startWorkerProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/worker-process.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: env.address,
      DATABASE_URL: databaseUrl,
      SMTP_URL: inbox.url,
      TEMPORAL_TASK_QUEUE: TEST_TASK_QUEUE,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`worker process exited early (${code})`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('worker running')) resolve(child);
    });
  });
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** Waits on the read model, which is what staff see. */
function reachInDatabase(c: CaseDriver, step: string) {
  return waitFor(async () => (await c.row()).currentStep === step, `step ${step} in the database`, 120_000);
}

beforeAll(async () => {
  env = await startDevServer();
  ({ db, url: databaseUrl } = await createTestDatabase());
  inbox = await SmtpInbox.start();
});

afterAll(async () => {
  if (worker) await kill(worker);
  await db?.$disconnect();
  await inbox?.stop();
  await env?.teardown();
});

test('a worker killed twice mid-procedure is replaced and the case goes on: no event, letter or mail twice', async () => {
  worker = await startWorkerProcess();
  const c = await CaseDriver.file(env, db);
  const caseNo = (await c.row()).caseNo;

  // Killed as the acceptance's letter and mail are being written and sent.
  await c.accept();
  await kill(worker);
  worker = await startWorkerProcess();
  await reachInDatabase(c, 'investigation');
  await c.investigate();
  await reachInDatabase(c, 'appraisal');
  await c.appraise();
  await reachInDatabase(c, 'townshipReview');

  // And again as the approval sets off the notice: its event, letter and mail.
  await c.reviewInTownship();
  await kill(worker);
  worker = await startWorkerProcess();
  await reachInDatabase(c, 'publicNotice');

  const types = await c.eventTypes();
  const count = (type: string) => types.filter((t) => t === type).length;
  expect(count('stepDecided:acceptance')).toBe(1);
  expect(count('stepOpened:investigation')).toBe(1);
  expect(count('stepDecided:townshipReview')).toBe(1);
  expect(count('noticeStarted:publicNotice')).toBe(1);
  expect((await c.letters()).map((l) => l.kind)).toEqual(['acceptance', 'publicNotice']);

  const outbox = await waitFor(
    async () => {
      const rows = await db.outboundMail.findMany({ where: { caseId: c.caseId } });
      return rows.length >= 4 && rows.every((m) => m.status === 'SENT') && rows;
    },
    'mail sent',
    120_000,
  );
  await waitFor(
    async () => inbox.received.filter((m) => m.subject.includes(caseNo)).length >= outbox.length,
    'mail received',
  );
  const received = inbox.received.filter((m) => m.subject.includes(caseNo));
  expect(received).toHaveLength(outbox.length);
  expect(new Set(received.map((m) => m.messageId)).size).toBe(received.length);
  // Real seconds: a killed worker's tasks are handed on only after their timeouts.
}, 300_000);

test('case workflows carry search attributes that visibility queries find', async () => {
  worker ??= await startWorkerProcess();
  const c = await CaseDriver.file(env, db);
  const query = `CaseCounty = '532901' AND CaseTownship = '532901003' AND CaseStep = 'acceptance' AND CaseOverdue = false AND CaseProgramme = 'DIBAO_RURAL' AND WorkflowId = '${c.handle.workflowId}'`;
  const found = await waitFor(
    async () => {
      const ids: string[] = [];
      for await (const wf of env.client.workflow.list({ query })) ids.push(wf.workflowId);
      return ids.length > 0 && ids;
    },
    'visibility',
    30_000,
  );
  expect(found).toEqual([c.handle.workflowId]);
  await c.discard();
});
