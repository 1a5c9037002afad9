import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Database } from '../../platform/database';
import { fileApplication } from '../../api/case-intake';
import { caseWorkflowInput } from '../../api/case-workflows';
import { monthOf } from '../../domain/benefit-months';
import { enrolmentWorkflowId } from '../../workflows/definitions';
import { dibaoEnrolment } from '../../workflows/dibao-enrolment';
import { CaseDriver } from '../support/case-driver';
import { actorFor, dibaoApplication, waitFor } from '../support/fixtures';
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
  // One message per mail: a kill between the SMTP server's 250 and the outbox marking it sent
  // delivers it again after the lease, under the same Message-ID (RFC 5322), which mail
  // clients keep once. So: as many distinct Message-IDs as outbox rows, each one of them.
  const received = inbox.received.filter((m) => m.subject.includes(caseNo));
  const ids = new Set(received.map((m) => m.messageId));
  expect(ids.size).toBe(outbox.length);
  expect([...ids].sort()).toEqual(outbox.map((m) => m.messageId ?? `<${m.id}@jiuzhu.local>`).sort());
  // Real seconds: a killed worker's tasks are handed on only after their timeouts.
}, 300_000);

test('a worker killed twice mid-recertification: the review completes, its letter and payment once', async () => {
  worker ??= await startWorkerProcess();
  // The enrolment as the county's approval starts it (the 7-day notice cannot pass on a real
  // clock): benefit from this month, so its first month is paid at once.
  const filer = await actorFor(db, 'cun.xizhou');
  const { caseId } = await fileApplication(db, filer, dibaoApplication(), undefined);
  const { workflowId: _application, ...caseInput } = await caseWorkflowInput(db, caseId);
  const thisMonth = monthOf(Date.now());
  await env.client.workflow.start(dibaoEnrolment, {
    workflowId: enrolmentWorkflowId(caseInput.caseNo),
    taskQueue: TEST_TASK_QUEUE,
    args: [
      { case: caseInput, approved: { monthlyAmountYuan: 1660, benefitStartMonth: thisMonth, incomes: [] } },
    ],
  });
  const e = CaseDriver.attach(env, db, caseId, enrolmentWorkflowId(caseInput.caseNo));
  await waitFor(async () => (await e.row()).status === 'ENROLLED', 'enrolment started', 60_000);
  await e.act('reportChange', 'cun.xizhou', {
    reportedOn: '2026-11-29',
    kind: 'employment',
    description: '申请人原务工单位停工，已无工资收入',
  });
  await reachInDatabase(e, 'recertInvestigation');

  // Killed as the investigation's consequences are written: the assessment, the next step.
  await e.reinvestigate([]);
  await kill(worker);
  worker = await startWorkerProcess();
  await reachInDatabase(e, 'recertReview');

  // And again as the increase is written, its letter stored and mailed.
  await e.confirmReview();
  await kill(worker);
  worker = await startWorkerProcess();
  const { caseNo } = await e.row();
  const subject = `【最低生活保障金额变更通知书】${caseNo}`;
  await waitFor(
    async () => inbox.received.filter((m) => m.subject === subject).length >= 2,
    'the adjustment letter mailed',
    120_000,
  );
  await waitFor(async () => (await e.row()).monthlyAmount?.toNumber() === 1960, 'the new amount', 60_000);

  const types = await e.eventTypes();
  const count = (type: string) => types.filter((t) => t === type).length;
  expect(count('reviewStarted')).toBe(1);
  expect(count('stepDecided:recertInvestigation')).toBe(1);
  expect(count('assessmentComputed:recertInvestigation')).toBe(1);
  expect(count('stepOpened:recertReview')).toBe(1);
  expect(count('stepDecided:recertReview')).toBe(1);
  expect(count('reviewCompleted')).toBe(1);
  expect((await e.letters()).map((l) => l.kind)).toEqual(['adjustment']);
  const received = inbox.received.filter((m) => m.subject === subject);
  // Two mails (the township and the village), each one Message-ID however often a kill resent it.
  expect(new Set(received.map((m) => m.messageId)).size).toBe(2);
  expect(await e.payments()).toEqual([{ month: thisMonth, amountYuan: 1660 }]);
  await e.discard();
}, 300_000);

test('case workflows carry search attributes that visibility queries find', async () => {
  worker ??= await startWorkerProcess();
  const c = await CaseDriver.file(env, db);
  const query = `CaseCounty = '532901' AND CaseTownship = '532901003' AND CaseOverdue = false AND CaseProgramme = 'DIBAO_RURAL' AND WorkflowId = '${c.handle.workflowId}'`;
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
