import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CaseDriver, NOTICE_DAYS_MS } from '../support/case-driver';
import { waitFor } from '../support/fixtures';
import { DEPARTMENT_OFFICERS, ReferralDriver } from '../support/referral-driver';
import { careItems, tekunApplication, TekunDriver } from '../support/tekun-driver';
import { useWorkflowHarness } from '../support/workflow-harness';

/**
 * Determinism: histories of whole procedures, recorded now and committed earlier under
 * histories/, replay against the current workflow code without a mismatch. A workflow change
 * that breaks a committed history needs a patch (workflow versioning), not a new recording.
 * `RECORD_HISTORIES=1 npx jest replay` writes this run's histories there (protobuf binary);
 * `RECORD_HISTORIES=<shape>` writes them as `<scenario>.<shape>.binpb`, beside the others. Each
 * shape of the code that running workflows may hold keeps its own files (`*.one-write.binpb`:
 * recorded once transitions were written in one transaction).
 */
const COMMITTED = path.join(__dirname, 'histories');
const RECORDED_SHAPE =
  process.env.RECORD_HISTORIES && process.env.RECORD_HISTORIES !== '1'
    ? `.${process.env.RECORD_HISTORIES}`
    : '';

const harness = useWorkflowHarness();

async function enrolled(): Promise<CaseDriver> {
  const c = await CaseDriver.file(harness.env, harness.db);
  await c.toNotice();
  await c.act('recordObjection', 'cun.xizhou', { receivedOn: '2026-12-05', content: '家中另有收入未申报' });
  await c.reach('objectionReview');
  await c.decide('objectionReview', 'xiang.xizhou', { decision: 'dismiss', reasons: '经核实无此收入' });
  await c.reach('publicNotice');
  await c.passTime(NOTICE_DAYS_MS);
  await c.reach('countyApproval');
  await c.approveInCounty(1660);
  await c.completed();
  await waitFor(async () => (await c.eventTypes()).includes('enrolmentStarted'), 'enrolment');
  await (await c.enrolment()).discard();
  return c;
}

async function overdueAndExtended(): Promise<CaseDriver> {
  const c = await CaseDriver.file(harness.env, harness.db);
  await c.accept();
  const opened = await c.reach('investigation');
  await c.passTime(new Date(opened.dueAt!).getTime() - (await harness.env.currentTimeMs()) + 60_000);
  await waitFor(async () => (await c.row()).overdue, 'overdue');
  await c.act('extendStepDeadline', 'jiandu.dali', { workingDays: 3, reasons: '入户调查需等待申请人出院' });
  await c.investigate();
  await c.reach('appraisal');
  await c.discard();
  return c;
}

/** A household's enrolment that proposed referrals, and one referral served to its end. */
async function enrolmentWithReferrals(): Promise<CaseDriver> {
  const c = await CaseDriver.file(harness.env, harness.db);
  const e = await c.toEnrolment();
  const [education] = await ReferralDriver.ofCase(e, 2, { source: 'proposed' });
  await education!.act('confirm', 'xiang.xizhou', {});
  await education!.serve(DEPARTMENT_OFFICERS.EDUCATION, '免除学杂费、教科书费', 1250);
  await waitFor(async () => (await education!.handle.describe()).status.name === 'COMPLETED', 'referral end');
  await waitFor(
    async () => (await e.enrolmentState()).openReferrals.length === 1,
    'outcome at the enrolment',
  );
  await e.discard();
  servedReferral = education!.handle.workflowId;
  return e;
}
let servedReferral = '';

/** A 特困 application: an objection dismissed, then the county's confirmation. */
async function tekunConfirmed(): Promise<CaseDriver> {
  const c = await TekunDriver.file(harness.env, harness.db);
  await TekunDriver.investigated(c);
  await c.reach('publicNotice');
  await c.act('recordObjection', 'cun.xizhou', { receivedOn: '2026-12-05', content: '其子有赡养能力' });
  await c.reach('objectionReview');
  await c.decide('objectionReview', 'xiang.xizhou', { decision: 'dismiss', reasons: '其子重度残疾' });
  await c.reach('countyApproval');
  await TekunDriver.confirm(c, 1028);
  await c.completed();
  const support = await c.enrolment();
  await waitFor(async () => (await support.row()).nextReviewAt, 'support started');
  await support.discard();
  return c;
}

/** 特困 support in a care home: a care change reassessed, then death, its notice, the bed freed. */
async function tekunSupportToTermination(): Promise<CaseDriver> {
  const c = await TekunDriver.support(harness.env, harness.db, {
    application: tekunApplication({ birthDate: '1938-08-08', serial: 501 }),
    careLevel: 'selfCare',
    supportMode: { mode: 'centralised', preferredHomeId: '532901003-JLY' },
  });
  await waitFor(async () => (await c.eventTypes()).includes('placed'), 'placed');
  await c.act('reportCareChange', 'cun.xizhou', { description: '中风后行走不便' });
  await c.reach('careReassessment');
  await c.decide('careReassessment', 'xiang.xizhou', {
    items: careItems('partialLoss'),
    assessedOn: '2026-12-03',
    assessors: ['赵乡镇经办', '何医生'],
    reasons: '中风后两项不能自理',
  });
  await c.act('requestExit', 'xiang.xizhou', { reason: 'death', dateOfDeath: '2026-12-10', details: '病故' });
  await c.reach('publicNotice');
  await c.passTime(NOTICE_DAYS_MS + 32 * 24 * 3600_000);
  await c.completed();
  return c;
}

test('recorded histories of whole procedures replay without nondeterminism', async () => {
  const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'jiuzhu-histories-'));
  const cases: string[] = [];
  for (const scenario of [
    enrolled,
    overdueAndExtended,
    enrolmentWithReferrals,
    tekunConfirmed,
    tekunSupportToTermination,
  ]) {
    const c = await scenario();
    cases.push(`${scenario.name}${RECORDED_SHAPE}=${c.handle.workflowId}`);
  }
  cases.push(`servedReferral${RECORDED_SHAPE}=${servedReferral}`);
  const folders = [fresh, ...(fs.existsSync(COMMITTED) ? [COMMITTED] : [])];
  const args = {
    bundle: process.env.JIUZHU_WORKFLOW_BUNDLE,
    address: harness.env.address,
    fetch: cases.join(','),
    fetchInto: process.env.RECORD_HISTORIES ? COMMITTED : fresh,
    folders: [...new Set(process.env.RECORD_HISTORIES ? [COMMITTED] : folders)].join(','),
  };
  if (process.env.RECORD_HISTORIES) fs.mkdirSync(COMMITTED, { recursive: true });
  const replay = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'test/support/replay-histories.ts', JSON.stringify(args)],
    {
      cwd: path.resolve(__dirname, '..', '..'),
      encoding: 'utf8',
    },
  );
  expect(replay.stderr).toBe('');
  const results = replay.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { history: string; error: string | null });
  const committed = fs.readdirSync(COMMITTED).filter((f) => f.endsWith('.binpb'));
  expect(committed.length).toBeGreaterThan(0);
  expect(results.map((r) => r.history)).toEqual(
    expect.arrayContaining(committed.map((f) => `histories/${f}`)),
  );
  expect(results.length).toBeGreaterThanOrEqual(cases.length);
  expect(results.filter((r) => r.error)).toEqual([]);
  fs.rmSync(fresh, { recursive: true, force: true });
});
