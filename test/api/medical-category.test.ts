import request from 'supertest';
import { medicalCaseKey } from '../../activities/medical-referrals';
import { DEMO_PASSWORD } from '../../prisma/seed/seed';
import { CaseDriver } from '../support/case-driver';
import { dibaoApplication, waitFor } from '../support/fixtures';
import { bills, MedicalDriver, medicalApplication } from '../support/medical-driver';
import { ReferralDriver } from '../support/referral-driver';
import { signedIn } from '../support/console-session';
import { useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const http = useTestApp(harness);

const auth = (username: string) => `Basic ${Buffer.from(`${username}:${DEMO_PASSWORD}`).toString('base64')}`;

const check = (category: string) => ({
  decision: 'pass',
  kind: 'claim',
  submittedBy: 'hospital',
  category,
  diagnosis: '急性心肌梗死',
  bills: bills(10_000),
});

describe('医疗救助 from a referral: the referral names the case; its category is the enrolment’s', () => {
  test('a 低保 member’s claim (opened by the referral) is refused at another category, taken at 低保', async () => {
    const e = await CaseDriver.file(harness.env, harness.db, dibaoApplication()).then((c) => c.toEnrolment());
    const referrals = await ReferralDriver.ofCase(e, 2, { source: 'proposed' });
    const rows = await Promise.all(referrals.map((r) => r.row()));
    const health = referrals[rows.findIndex((r) => r.kind === 'medicalAssistance')]!;
    await health.act('confirm', 'xiang.xizhou', {});
    const medical = await waitFor(
      () => harness.db.case.findUnique({ where: { idempotencyKey: medicalCaseKey(health.referralNo) } }),
      'medical case opened',
    );
    const m = CaseDriver.attach(harness.env, harness.db, medical.id, medical.workflowId);
    await m.reach('medicalCheck');

    // The referral's page names the medical case it opened.
    const township = await signedIn(http.app, 'xiang.xizhou');
    const page = await township.agent.get(`/referrals/${health.referralNo}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<a href="/cases/${medical.caseNo}">${medical.caseNo}</a>`);

    const wrong = await request(http.app)
      .post(`/api/cases/${medical.caseNo}/steps/medicalCheck`)
      .set('Authorization', auth('xiang.xizhou'))
      .send(check('lowIncome'));
    expect([wrong.status, wrong.body.error]).toEqual([422, 'category_mismatch']);
    expect(JSON.stringify(wrong.body)).toContain('body.category');
    expect((await m.view()).currentStep).toBe('medicalCheck');

    const right = await request(http.app)
      .post(`/api/cases/${medical.caseNo}/steps/medicalCheck`)
      .set('Authorization', auth('xiang.xizhou'))
      .send(check('dibao'));
    expect(right.status).toBe(200);
    await m.reach('medicalApproval');
    await m.discard();
  });

  test('a patient enrolled nowhere keeps the category the township states', async () => {
    const m = await MedicalDriver.file(harness.env, harness.db, medicalApplication(77));
    const res = await request(http.app)
      .post(`/api/cases/${(await m.row()).caseNo}/steps/medicalCheck`)
      .set('Authorization', auth('xiang.xizhou'))
      .send(check('lowIncome'));
    expect(res.status).toBe(200);
    await m.reach('medicalApproval');
    await m.discard();
  });
});
