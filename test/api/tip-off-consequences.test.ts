import request from 'supertest';
import { openPaymentRoll, startRollBuild } from '../../activities/payment-roll';
import { addToMonth, monthOf } from '../../domain/benefit-months';
import { CaseDriver, DAY_MS } from '../support/case-driver';
import { TekunDriver } from '../support/tekun-driver';
import { waitFor } from '../support/fixtures';
import { basic, filePublicReport } from '../support/public-reports';
import { useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const http = useTestApp(harness);

const TOWNSHIP = 'xiang.xizhou'; // 喜洲镇: verifies tip-offs about its cases
const COUNTY = 'xian.dali'; // 大理市: alone decides a fraud exit

const fieldsOf = (res: request.Response) => (res.body.details as { field: string }[]).map((d) => d.field);

function outcome(receiptNo: string, username: string, body: object) {
  return request(http.app)
    .post(`/api/tip-offs/${receiptNo}/outcome`)
    .set('Authorization', basic(username))
    .send(body);
}

describe('举报核查 consequences for the case: unfounded, review, fraud exit with recovery', () => {
  let enrolment: CaseDriver;
  let caseNo: string;

  beforeAll(async () => {
    const application = await CaseDriver.file(harness.env, harness.db);
    enrolment = await application.toEnrolment();
    // Some months paid, so a fraud exit has an overpayment to recover.
    await enrolment.passTime(100 * DAY_MS);
    caseNo = (await enrolment.row()).caseNo;
  });

  const report = (facts: string) =>
    filePublicReport(http.app, { kind: 'TIP_OFF', caseNo, facts, contactPhone: '13900001111' });

  test('an unfounded tip-off closes with no effect on the case; it cannot carry a consequence', async () => {
    const receiptNo = await report('该户家中有人在外打工，收入较高，仍在领取低保。');
    const before = await enrolment.eventTypes();
    const refused = await outcome(receiptNo, TOWNSHIP, {
      status: 'NOT_SUBSTANTIATED',
      outcomeText: '经核查，反映情况不属实。',
      findings: '入户核查：外出务工者已另立户籍。',
      consequence: 'REVIEW',
    });
    expect([refused.status, fieldsOf(refused)]).toEqual([400, ['body.consequence']]);
    const res = await outcome(receiptNo, TOWNSHIP, {
      status: 'NOT_SUBSTANTIATED',
      outcomeText: '经核查，反映情况不属实。',
      findings: '入户核查：外出务工者已另立户籍。',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'NOT_SUBSTANTIATED', consequence: 'NONE', caseNo });
    expect(await enrolment.eventTypes()).toEqual(before);
    expect((await enrolment.row()).status).toBe('ENROLLED');
    const answer = await request(http.app).get(`/api/public/reports/${receiptNo}`);
    expect(answer.body).toEqual({
      receiptNo,
      status: 'NOT_SUBSTANTIATED',
      statusName: '不属实',
      outcome: '经核查，反映情况不属实。',
    });
  });

  test('a founded one opens an out-of-cycle review, recorded on the case and the tip-off', async () => {
    const receiptNo = await report('该户新购小汽车一辆，未向村里申报。');
    const res = await outcome(receiptNo, TOWNSHIP, {
      status: 'SUBSTANTIATED',
      outcomeText: '经核查，反映情况属实，已启动复核。',
      findings: '该户 2026 年购入小汽车一辆。',
      consequence: 'REVIEW',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'SUBSTANTIATED',
      consequence: 'REVIEW',
      consequenceName: '启动复核',
    });
    const [requested] = await waitFor(async () => {
      const found = await enrolment.eventsOf('reviewRequested');
      return found.length > 0 ? found : null;
    }, 'the review request on the case');
    expect(requested).toMatchObject({ decision: 'tipOff' });
    expect(requested!.reasons).toContain(receiptNo);
    await waitFor(
      async () => (await enrolment.row()).currentStep === 'recertInvestigation',
      'the review opened',
    );
  });

  test('a fraud exit: the township may not decide it, the county does; the case exits owing the overpayment', async () => {
    const receiptNo = await report('该户隐瞒在外务工工资收入，骗取低保金。');
    const { benefitStartMonth } = await enrolment.enrolmentState();
    const from = addToMonth(benefitStartMonth, 1);
    const paid = (await enrolment.payments()).filter((p) => p.month >= from);
    expect(paid.length).toBeGreaterThanOrEqual(2);
    const body = {
      status: 'SUBSTANTIATED',
      outcomeText: '经核查，反映情况属实，已依法停发并追回多领的低保金。',
      findings: '经比对，户主隐瞒务工工资每月 3000 元。',
      consequence: 'FRAUD_EXIT',
      ineligibleFromMonth: from,
    };
    const noMonth = await outcome(receiptNo, COUNTY, { ...body, ineligibleFromMonth: undefined });
    expect([noMonth.status, fieldsOf(noMonth)]).toEqual([400, ['body.ineligibleFromMonth']]);
    const byTownship = await outcome(receiptNo, TOWNSHIP, body);
    expect(byTownship.status).toBe(403);
    expect((await harness.db.tipOff.findUniqueOrThrow({ where: { receiptNo } })).status).toBe('VERIFYING');

    const res = await outcome(receiptNo, COUNTY, body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      consequence: 'FRAUD_EXIT',
      ineligibleFromMonth: from,
      closedAt: expect.any(String),
    });
    await waitFor(async () => (await enrolment.row()).status === 'EXIT_NOTIFIED', 'the exit notice');
    const [notified] = await enrolment.eventsOf('exitNotified');
    const total = paid.reduce((sum, p) => sum + p.amountYuan, 0);
    expect(notified).toMatchObject({
      decision: 'fraud',
      payload: { reason: 'fraud', overpayment: { fromMonth: from, totalYuan: total } },
    });
    expect(notified!.reasons).toContain(receiptNo);
    expect(
      await harness.db.verificationFinding.findUnique({
        where: { source_sourceRef: { source: 'TIP_OFF', sourceRef: receiptNo } },
      }),
    ).toMatchObject({
      consequence: 'FRAUD_EXIT',
      caseNo,
      recordedBy: COUNTY,
    });
    // The public answer: status and outcome text only.
    const answer = await request(http.app).get(`/api/public/reports/${receiptNo}`);
    expect(answer.body).toEqual({
      receiptNo,
      status: 'SUBSTANTIATED',
      statusName: '属实',
      outcome: body.outcomeText,
    });
    const page = await request(http.app).get(`/public/reports/${receiptNo}`);
    for (const secret of [caseNo, body.findings, '杨秀英', String(total)])
      expect(page.text).not.toContain(secret);
    // The county's next payment roll takes the amount owed up for recovery (追回).
    const { rollId } = await openPaymentRoll(harness.db, {
      countyId: '532901',
      month: monthOf(await harness.env.currentTimeMs()),
      workflowId: 'tip-off-consequences-roll',
    });
    await startRollBuild(harness.db, { rollId });
    const recovery = await harness.db.overpaymentRecovery.findUniqueOrThrow({
      where: { caseId: enrolment.caseId },
    });
    expect([recovery.fromMonth, Number(recovery.owedYuan)]).toEqual([from, total]);
    // Recorded again (a retried request): refused, nothing doubled.
    expect((await outcome(receiptNo, COUNTY, body)).status).toBe(409);
    expect(await enrolment.eventsOf('exitNotified')).toHaveLength(1);
  });
});

describe('特困: the same consequences through the support’s own paths', () => {
  test('founded → a care reassessment; fraud exit by the county → the termination notice', async () => {
    const support = await TekunDriver.support(harness.env, harness.db);
    const { caseNo } = await support.row();
    const review = await filePublicReport(http.app, {
      kind: 'TIP_OFF',
      caseNo,
      facts: '该特困人员已能下地劳动，生活完全自理。',
    });
    const founded = {
      status: 'SUBSTANTIATED',
      outcomeText: '经核查，反映情况属实，已重新评估。',
      findings: '入户查看：本人生活自理能力有变化。',
      consequence: 'REVIEW',
    };
    // The reassessment is the township's to report: the county is told so, and nothing closes.
    expect((await outcome(review, COUNTY, founded)).status).toBe(403);
    const reviewed = await outcome(review, TOWNSHIP, founded);
    expect(reviewed.status).toBe(200);
    await support.reach('careReassessment');

    const fraud = await filePublicReport(http.app, {
      kind: 'TIP_OFF',
      caseNo,
      facts: '该特困人员名下有出租商铺，收入较高。',
    });
    const exited = await outcome(fraud, COUNTY, {
      status: 'SUBSTANTIATED',
      outcomeText: '经核查，反映情况属实，已依法终止供养。',
      findings: '不动产登记：名下商铺一间，月租金 3000 元。',
      consequence: 'FRAUD_EXIT',
      ineligibleFromMonth: '2027-01',
    });
    expect(exited.status).toBe(200);
    const [proposed] = await waitFor(async () => {
      const found = await support.eventsOf('terminationProposed');
      return found.length > 0 ? found : null;
    }, 'the termination on the case');
    expect(proposed).toMatchObject({ decision: 'incomeOrAssetsOverLimit' });
    expect(proposed!.reasons).toContain(fraud);
  });
});
