import request from 'supertest';
import { DEMO_PASSWORD } from '../../prisma/seed/seed';
import { CaseDriver } from '../support/case-driver';
import { actorFor, dibaoApplication } from '../support/fixtures';
import { fileApplication } from '../../api/case-intake';
import { useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const http = useTestApp(harness);

const auth = (username: string) => `Basic ${Buffer.from(`${username}:${DEMO_PASSWORD}`).toString('base64')}`;

/**
 * Temporal dedupes an Update id (the API derives it from the Idempotency-Key) within one run.
 * A review's last decision continues the enrolment as new, so the retry of a decision whose
 * answer was lost meets a run that never saw it: it must still get the first answer, once.
 */
describe('a keyed decision retried after its run continued as new', () => {
  test('answers the first answer again and writes nothing; another body or key is refused', async () => {
    const c = await CaseDriver.file(
      harness.env,
      harness.db,
      dibaoApplication({ address: '喜洲镇周城村七组3号' }),
    );
    const e = await c.toEnrolment();
    const { caseNo } = await e.row();
    const post = (path: string, key: string, body: object, user = 'xiang.xizhou') =>
      request(http.app)
        .post(`/api/cases/${caseNo}/${path}`)
        .set('Authorization', auth(user))
        .set('Idempotency-Key', key)
        .send(body);

    const change = { reportedOn: '2027-01-10', kind: 'income', description: '申请人打零工收入增加' };
    const reported = await post('actions/reportChange', 'console-form-change-1', change, 'cun.xizhou');
    expect(reported.status).toBe(200);
    await e.reach('recertInvestigation');
    await e.reinvestigate([{ memberIndex: 0, kind: 'wages', amountYuan: 300, period: 'monthly' }]);
    await e.reach('recertReview');
    const reviewRun = await e.runId();

    const confirm = { decision: 'confirm', note: '复核无变化' };
    // Sent twice at once (a double click, a client retrying before the first answer): one decision.
    const [first, twin] = await Promise.all([
      post('steps/recertReview', 'console-form-review-1', confirm),
      post('steps/recertReview', 'console-form-review-1', confirm),
    ]);
    expect(first.status).toBe(200);
    expect(twin.status).toBe(200);
    expect(twin.body).toEqual(first.body);
    await e.nextRunAfter(reviewRun);

    // The client lost the first answer and sends the same request again.
    const retried = await post('steps/recertReview', 'console-form-review-1', confirm);
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual(first.body);
    // The same key with another body is another request, and the step is no longer open.
    const otherBody = await post('steps/recertReview', 'console-form-review-1', { decision: 'confirm' });
    expect(otherBody.status).toBe(409);
    expect(otherBody.body.error).toBe('WrongStep');
    // Another key at the finished step is refused as before.
    const otherKey = await post('steps/recertReview', 'console-form-review-2', confirm);
    expect(otherKey.status).toBe(409);
    expect(otherKey.body.error).toBe('WrongStep');

    // An action the new run would accept again (a reported change opens another review) is
    // answered from the run that took it, two runs back now, and opens nothing.
    const reportedAgain = await post('actions/reportChange', 'console-form-change-1', change, 'cun.xizhou');
    expect(reportedAgain.status).toBe(200);
    expect(reportedAgain.body).toEqual(reported.body);

    expect(
      await e.eventsOf('stepDecided').then((rows) => rows.filter((r) => r.step === 'recertReview')),
    ).toHaveLength(1);
    expect(await e.eventsOf('changeReported')).toHaveLength(1);
    expect((await e.enrolmentState()).pendingReviews).toEqual([]);
    const row = await e.row();
    expect(row.currentStep).toBeNull();
    await e.discard();
  });
});

test('a keyed decision for a case whose workflow has not started is refused as without a key', async () => {
  // A filing whose workflow start timed out waits for the reconciler (api/main.ts).
  const filer = await actorFor(harness.db, 'cun.xizhou');
  const { caseId } = await fileApplication(
    harness.db,
    filer,
    dibaoApplication({ address: '喜洲镇周城村七组4号' }),
    undefined,
  );
  const decide = (key?: string) => {
    const r = request(http.app)
      .post(`/api/cases/${caseId}/steps/acceptance`)
      .set('Authorization', auth('xiang.xizhou'));
    return (key ? r.set('Idempotency-Key', key) : r).send({ decision: 'accept' });
  };
  const unkeyed = await decide();
  const keyed = await decide('console-form-not-started-1');
  expect(keyed.status).toBe(unkeyed.status);
  expect(keyed.body.error).toBe(unkeyed.body.error);
  expect(keyed.status).toBe(409);
});
