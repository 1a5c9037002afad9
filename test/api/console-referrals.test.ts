import { REFERRAL_KINDS } from '../../domain/referral-needs';
import { CaseDriver } from '../support/case-driver';
import { signedIn } from '../support/console-session';
import { ReferralDriver } from '../support/referral-driver';
import { useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const http = useTestApp(harness);

/** The API addresses of the action forms a page carries, by action. */
const formsOn = (html: string, referralNo: string) =>
  [...html.matchAll(/data-api="\/api\/referrals\/([^/"]+)\/(\w+)"/g)]
    .filter((m) => m[1] === referralNo)
    .map((m) => m[2]);

/** What a form posts: the page's form's own address, with the session and its CSRF token. */
async function submitForm(
  session: Awaited<ReturnType<typeof signedIn>>,
  html: string,
  id: string,
  payload: object,
) {
  const form = html.match(new RegExp(`<form[^>]*data-api="([^"]+)"[^>]*id="${id}"`));
  if (!form) throw new Error(`no form ${id} on the page`);
  return session.agent.post(form[1]!).set('x-csrf-token', session.csrf).send(payload);
}

describe('the referral pages of the console', () => {
  let caseNo: string;
  let education: ReferralDriver;
  let health: ReferralDriver;

  beforeAll(async () => {
    const c = await CaseDriver.file(harness.env, harness.db);
    const enrolment = await c.toEnrolment();
    caseNo = (await enrolment.row()).caseNo;
    [education, health] = (await ReferralDriver.ofCase(enrolment, 2, { source: 'proposed' })) as [
      ReferralDriver,
      ReferralDriver,
    ];
    expect((await education.row()).kind).toBe('compulsoryEducationAid');
  });

  test('the township sees a proposal with the confirm and dismiss forms and no department form; the read is logged', async () => {
    const town = await signedIn(http.app, 'xiang.xizhou');
    const page = await town.agent.get(`/referrals/${education.referralNo}`);
    expect(page.status).toBe(200);
    expect(formsOn(page.text, education.referralNo)).toEqual(['confirm', 'dismiss']);
    expect(page.text).toContain(REFERRAL_KINDS.compulsoryEducationAid.name);
    expect(page.text).toContain(`href="/cases/${caseNo}"`);
    expect(page.text).toContain('赵小梅');
    expect(page.text).toMatch(/\d{3}\*{11}[\dX]{4}/);
    expect(page.text).toContain('提出转介建议');
    expect(page.text).toContain('class="form-error"');
    const row = await education.row();
    expect(
      await harness.db.auditEntry.count({
        where: { username: 'xiang.xizhou', action: 'read', resource: 'referral', resourceId: row.id },
      }),
    ).toBe(1);

    // The township's inbox lists both proposals; a proposal's page answers nothing for the department yet.
    const inbox = await town.agent.get('/referrals');
    expect(inbox.status).toBe(200);
    expect(inbox.text).toContain(education.referralNo);
    expect(inbox.text).toContain(health.referralNo);
  });

  test('confirmed through the page’s form, it reaches the education bureau’s inbox with accept and decline forms', async () => {
    const town = await signedIn(http.app, 'xiang.xizhou');
    const page = await town.agent.get(`/referrals/${education.referralNo}`);
    const confirmed = await submitForm(town, page.text, 'form-confirm', { note: '已核实' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('SENT');
    await education.reach('SENT');

    const bureau = await signedIn(http.app, 'bumen.jiaoyu.dali');
    // Department officers land on the inbox.
    expect(bureau.home.redirects.at(-1)).toMatch(/\/referrals$/);
    expect(bureau.home.status).toBe(200);
    expect(bureau.home.text).toContain(`href="/referrals/${education.referralNo}"`);
    expect(bureau.home.text).toContain(REFERRAL_KINDS.compulsoryEducationAid.name);
    expect(bureau.home.text).not.toContain(health.referralNo);
    expect(bureau.home.text).toContain('各部门办理情况');

    const mine = await bureau.agent.get(`/referrals/${education.referralNo}`);
    expect(mine.status).toBe(200);
    expect(formsOn(mine.text, education.referralNo)).toEqual(['accept', 'decline']);
    expect(mine.text).not.toContain('id="form-complete');
    // A bureau does not open cases: the case number is not a link for it.
    expect(mine.text).not.toContain(`href="/cases/${caseNo}"`);
    expect(mine.text).toContain('转介函');

    // The township, once it is sent, has nothing more to do on it.
    const after = await town.agent.get(`/referrals/${education.referralNo}`);
    expect(formsOn(after.text, education.referralNo)).toEqual([]);
  });

  test('another bureau and another county’s bureau neither find it nor open it', async () => {
    for (const outsider of ['bumen.zhujian.dali', 'bumen.jiaoyu.yangbi']) {
      const { agent } = await signedIn(http.app, outsider);
      const page = await agent.get(`/referrals/${education.referralNo}`);
      expect(page.status).toBe(404);
      expect(page.text).toContain('转介不存在');
      expect(page.text).not.toContain('赵小梅');
      const inbox = await agent.get('/referrals');
      expect(inbox.status).toBe(200);
      expect(inbox.text).not.toContain(education.referralNo);
    }
    // Nothing was shown to them, so no read of it is logged for them.
    const row = await education.row();
    expect(
      await harness.db.auditEntry.count({
        where: {
          resource: 'referral',
          resourceId: row.id,
          username: { in: ['bumen.zhujian.dali', 'bumen.jiaoyu.yangbi'] },
        },
      }),
    ).toBe(0);
    // The health proposal was never sent: its bureau cannot open it.
    const weijian = await signedIn(http.app, 'bumen.weijian.dali');
    expect((await weijian.agent.get(`/referrals/${health.referralNo}`)).status).toBe(404);
    expect((await weijian.agent.get('/referrals/not-a-referral')).status).toBe(404);
  });

  test('accepted, the page offers progress and completion (served or unable to help) and filters find it', async () => {
    const bureau = await signedIn(http.app, 'bumen.jiaoyu.dali');
    const page = await bureau.agent.get(`/referrals/${education.referralNo}`);
    const missing = await submitForm(bureau, page.text, 'form-accept', {});
    expect(missing.status).toBe(422);
    expect(missing.body.message).toMatch(/^handler: /);
    const accepted = await submitForm(bureau, page.text, 'form-accept', { handler: '段老师' });
    expect(accepted.status).toBe(200);
    await education.reach('ACCEPTED');

    const now = await bureau.agent.get(`/referrals/${education.referralNo}`);
    expect(formsOn(now.text, education.referralNo)).toEqual(['progress', 'complete', 'complete']);
    expect(now.text).toContain('id="form-complete-served"');
    expect(now.text).toContain('id="form-complete-unableToHelp"');
    expect(now.text).not.toContain('id="form-complete-memberRefused"');
    expect(now.text).toContain('name="amountYuan" data-type="number"');
    expect(now.text).toContain('段老师');
    expect(now.text).toContain('部门接收转介');

    const accepting = await bureau.agent.get('/referrals?status=ACCEPTED&dueBefore=2099-01-01');
    expect(accepting.status).toBe(200);
    expect(accepting.text).toContain(education.referralNo);
    const sent = await bureau.agent.get('/referrals?status=SENT&overdue=true');
    expect(sent.status).toBe(200);
    expect(sent.text).not.toContain(`href="/referrals/${education.referralNo}"`);
  });

  test('a bad inbox filter answers 400 naming the field', async () => {
    const { agent } = await signedIn(http.app, 'bumen.jiaoyu.dali');
    const badStatus = await agent.get('/referrals?status=FINISHED');
    expect(badStatus.status).toBe(400);
    expect(badStatus.text).toContain('data-field="status"');
    expect(badStatus.text).not.toContain(education.referralNo);
    const badDate = await agent.get('/referrals?dueBefore=2026-13-01');
    expect(badDate.status).toBe(400);
    expect(badDate.text).toContain('data-field="dueBefore"');
    expect(badDate.text).toContain('日期格式应为 YYYY-MM-DD');
  });
});
