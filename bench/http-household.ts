import { CaseDriver } from '../test/support/case-driver';
import { enrolmentWorkflowId } from '../workflows/definitions';
import {
  enrolWithoutNotice,
  STOP_MONTH_SHORTCUT_REASON,
  terminateWhenIdle,
  type HouseholdContext,
} from './household-lifecycle';
import { DEMO_PASSWORD } from '../prisma/seed/seed';
import { dibaoApplication } from '../test/support/fixtures';
import type { Measurements } from './measurements';
import type { ReadModelWatch, WatchedRow } from './read-model-watch';

const basic = (username: string) => `Basic ${Buffer.from(`${username}:${DEMO_PASSWORD}`).toString('base64')}`;

const WAGES = (memberId: string) => [{ memberId, kind: 'wages', amountYuan: 300, period: 'monthly' }];

export interface HttpHousehold {
  caseNo: string;
  /** Requests sent, in order. */
  requests: string[];
}

/**
 * One household from application to exit through the real HTTP API, as staff's clients
 * would: HTTP Basic per user, an Idempotency-Key on every submission, the application's
 * four decisions, the enrolment, two reported changes with their reviews, a voluntary exit. Each request is timed; the time from its answer until
 * the read model shows the next step is polled in Postgres, not through the server measured.
 */
export interface HttpDriving {
  /** The read model's watch all households share. */
  watch: ReadModelWatch;
  /** How long a household waits for the next step before it is counted failed. */
  stepTimeoutMs: number;
  /** 503s answered and retried, per request kind. */
  retried: Map<string, number>;
}

/** A 503 (an overload: no pooled connection, the Update past the request deadline) is retried this often. */
const MAX_RETRIES = 10;

export async function runHttpHousehold(
  base: string,
  world: Pick<HouseholdContext, 'env' | 'db' | 'taskQueue'>,
  m: Measurements,
  n: number,
  driving: HttpDriving,
): Promise<HttpHousehold> {
  const { db } = world;
  const requests: string[] = [];
  /**
   * As a client should: a 503 is sent again after its Retry-After with the same
   * Idempotency-Key (the same Update id), so it takes effect once; the time measured runs from
   * the first send to the final answer.
   */
  const send = async (kind: string, user: string, path: string, body: unknown) => {
    const started = performance.now();
    const key = `bench-${n}-${requests.length}-${kind}`;
    requests.push(kind);
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { authorization: basic(user), 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(body),
      });
      const answer = (await response.json()) as Record<string, unknown>;
      if (response.status === 503 && attempt < MAX_RETRIES) {
        driving.retried.set(kind, (driving.retried.get(kind) ?? 0) + 1);
        const after = Number(response.headers.get('retry-after') ?? '1');
        await new Promise((resolve) => setTimeout(resolve, Math.max(after, 1) * 1000));
        continue;
      }
      m.update(kind, performance.now() - started);
      if (!response.ok) throw new Error(`${kind}: ${response.status} ${JSON.stringify(answer)}`);
      return answer;
    }
  };
  const row = (caseNo: string) => db.case.findUniqueOrThrow({ where: { caseNo } });
  /** Times the answer of `kind` until the read model shows `ready`. */
  const next = async (kind: string, caseNo: string, ready: (r: WatchedRow) => boolean) => {
    const answered = performance.now();
    await driving.watch.until(caseNo, ready, `${caseNo} after ${kind}`, driving.stepTimeoutMs);
    m.stepToStep(kind, performance.now() - answered);
  };
  const atStep = (step: string) => (r: { currentStep: string | null }) => r.currentStep === step;
  // The bench's own stand-ins (the county approval, the stop month) wait as patiently as a step,
  // asking Temporal every 200 ms and the read model through the one watch.
  const patience = {
    timeoutMs: driving.stepTimeoutMs,
    intervalMs: 200,
    enrolled: (no: string) =>
      driving.watch.until(no, (r) => r.status === 'ENROLLED', `${no} enrolled`, driving.stepTimeoutMs),
  };

  const filed = await send('file', 'cun.xizhou', '/api/cases', dibaoApplication());
  const caseNo = filed.caseNo as string;
  const step = (name: string, user: string, body: unknown) =>
    send(name, user, `/api/cases/${caseNo}/steps/${name}`, body);
  const action = (name: string, user: string, body: unknown) =>
    send(name, user, `/api/cases/${caseNo}/actions/${name}`, body);
  await next('file', caseNo, atStep('acceptance'));
  const members = await db.householdMember.findMany({
    where: { household: { cases: { some: { caseNo } } } },
    orderBy: { id: 'asc' },
  });
  const applicant = members.find((mm) => mm.relation === 'APPLICANT')!;
  const report = {
    homeVisit: {
      visitedOn: '2026-11-30',
      visitors: ['赵乡镇经办', '段社工'],
      signedByVisitorsAndApplicant: true,
    },
    incomes: WAGES(applicant.id),
    assets: { depositsYuan: 3000, vehicles: 0, homes: 1, registeredBusiness: false },
    dataCheck: { reportNo: `HD-${n}`, result: 'consistent' },
  };

  await step('acceptance', 'xiang.xizhou', { decision: 'accept' });
  await next('acceptance', caseNo, atStep('investigation'));
  await step('investigation', 'xiang.xizhou', report);
  await next('investigation', caseNo, atStep('appraisal'));
  await step('appraisal', 'cun.xizhou', {
    heldOn: '2026-12-03',
    representativesTotal: 12,
    present: 10,
    votesFor: 9,
    votesAgainst: 1,
    abstentions: 0,
    minutes: '村民代表会议评议，多数认为符合条件',
  });
  await next('appraisal', caseNo, atStep('townshipReview'));
  await step('townshipReview', 'xiang.xizhou', { decision: 'approve' });
  await next('townshipReview', caseNo, atStep('publicNotice'));
  // The 7-day notice ends with its 7th day on the real clock: the county's approval is what
  // enrolWithoutNotice does in its place (the workflow tests cover the notice and approval).
  const { id: caseId, workflowId } = await row(caseNo);
  await enrolWithoutNotice(CaseDriver.attach(world.env, db, caseId, workflowId), world, patience);

  for (let review = 0; review < 2; review++) {
    await action('reportChange', 'cun.xizhou', {
      reportedOn: '2027-01-10',
      kind: 'income',
      description: '收入变化，申请复核',
    });
    await next('reportChange', caseNo, atStep('recertInvestigation'));
    await step('recertInvestigation', 'xiang.xizhou', { outcome: 'investigated', ...report });
    await next('recertInvestigation', caseNo, atStep('recertReview'));
    await step('recertReview', 'xiang.xizhou', { decision: 'confirm' });
    await next('recertReview', caseNo, (r) => r.status === 'ENROLLED' && r.currentStep === null);
  }
  await action('requestExit', 'xiang.xizhou', {
    reason: 'voluntaryWithdrawal',
    occurredOn: '2027-02-01',
    evidence: '本人书面申请',
  });
  await next('requestExit', caseNo, (r) => r.status === 'EXIT_NOTIFIED');
  const enrolment = world.env.client.workflow.getHandle(enrolmentWorkflowId(caseNo));
  await terminateWhenIdle(enrolment, STOP_MONTH_SHORTCUT_REASON, patience);
  return { caseNo, requests };
}
