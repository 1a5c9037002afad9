import { CaseDriver, NOTICE_DAYS_MS } from '../support/case-driver';
import { waitFor } from '../support/fixtures';
import { tekunApplication, TekunDriver, tekunReport } from '../support/tekun-driver';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();

const DAY = 24 * 3600 * 1000;
const TOWNSHIP_OFFICER_MAIL = 'xiang.xizhou@staff.jiuzhu.local';
const COUNTY_SUPERVISOR_MAIL = 'jiandu.dali@staff.jiuzhu.local';
const objection = { receivedOn: '2026-12-05', objector: '村民李某', content: '其子在昆明务工，有赡养能力' };

const file = (application = tekunApplication()) => TekunDriver.file(harness.env, harness.db, application);

describe('特困 application', () => {
  test('main path: found by the village, investigated, on notice, confirmed: the 供养证 and support from next month at 1.3 × 560 + 300 = 1028', async () => {
    const c = await file();
    const row = await c.row();
    expect(row.caseNo).toMatch(/^TK-532901-\d{4}-\d{6}$/);
    await TekunDriver.investigated(c, { careLevel: 'partialLoss' });
    const onNotice = await c.reach('publicNotice');
    expect(onNotice.status).toBe('ON_NOTICE');
    expect(onNotice.monthlyAmount).toBe(1028);
    expect((await c.row()).programmeFacts).toEqual({
      careLevel: 'partialLoss',
      basicLivingYuan: 728,
      careYuan: 300,
      supportMode: 'dispersed',
      carerName: '段建华',
      careHome: null,
      waitingForBed: false,
    });
    const [assessment] = await c.eventsOf('assessmentComputed');
    expect(assessment!.payload).toMatchObject({
      eligible: true,
      careLevel: 'partialLoss',
      support: { basicLivingYuan: 728, careYuan: 300, totalYuan: 1028, totalFen: 102800 },
    });
    await c.passTime(NOTICE_DAYS_MS);
    await c.reach('countyApproval');
    await TekunDriver.confirm(c, 1028);
    expect((await c.completed()).status).toBe('ENROLLED');

    const kinds = (await c.letters()).map((l) => l.kind);
    expect(kinds).toEqual(['acceptance', 'publicNotice', 'tekunCertificate']);
    const certificate = (await c.letters()).at(-1)!;
    expect(certificate.title).toBe('特困人员救助供养证');
    expect(certificate.html).toContain('1028');
    expect(certificate.html).toContain('部分丧失生活自理能力');
    expect(certificate.html).toContain('段建华');
    const notice = (await c.letters()).find((l) => l.kind === 'publicNotice')!;
    expect(notice.title).toBe('特困人员救助供养公示');
    expect(notice.html).toContain('《特困人员认定办法》');
    expect(notice.html).not.toContain('段阿婆');
    expect(notice.html).not.toContain('532901194805');

    // Mailed for real to the township with the certificate.
    await waitFor(
      async () =>
        harness.inbox.received.find(
          (m) => m.subject.includes('特困人员救助供养证') && m.to.includes(TOWNSHIP_OFFICER_MAIL),
        ),
      'the certificate mail',
    );

    const support = await c.enrolment();
    await waitFor(async () => (await support.row()).nextReviewAt, 'support started');
    const state = await TekunDriver.state(support);
    const now = new Date(await harness.env.currentTimeMs());
    const nextMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
    expect(state.benefitStartMonth).toBe(nextMonth.toISOString().slice(0, 7));
    await support.passTime(nextMonth.getTime() - now.getTime() + DAY);
    const payments = await waitFor(async () => {
      const paid = await support.payments();
      return paid.length > 0 && paid;
    }, 'the first payment');
    expect(payments[0]).toEqual({ month: state.benefitStartMonth, amountYuan: 1028 });
    await support.discard();
  });

  test('refused to accept: closed with the written reasons', async () => {
    const c = await file();
    await c.decide('acceptance', 'xiang.xizhou', {
      decision: 'reject',
      reasons: '申请人户籍不在本乡镇',
    });
    expect((await c.completed()).status).toBe('NOT_ACCEPTED');
    const [letter] = await c.letters();
    expect(letter!.title).toBe('特困人员救助供养申请不予受理通知书');
  });

  test('an able supporter: not eligible, no notice; the county cannot confirm, and refuses in writing with appeal rights', async () => {
    const c = await file();
    await TekunDriver.investigated(c, { supporterAble: true });
    await c.reach('countyApproval');
    expect(await c.eventTypes()).not.toContain('noticeStarted:publicNotice');
    expect(await c.rejection(TekunDriver.confirm(c, 1028))).toBe('InvalidPayload');
    await c.decide('countyApproval', 'xian.dali', {
      decision: 'refuse',
      reasons: '其子段志强具备赡养能力，不符合特困人员认定条件',
    });
    await c.serveRefusalLetter();
    expect((await c.completed()).status).toBe('REFUSED');
    const refusal = (await c.letters()).at(-1)!;
    expect(refusal.title).toBe('特困人员救助供养申请不予批准通知书');
    expect(refusal.html).toContain('段志强具备赡养能力');
    expect(refusal.html).toContain('行政复议');
  });

  test('the county refuses an eligible person with reasons', async () => {
    const c = await file();
    await TekunDriver.investigated(c);
    await c.reach('publicNotice');
    await c.passTime(NOTICE_DAYS_MS);
    await c.reach('countyApproval');
    await c.decide('countyApproval', 'xian.dali', {
      decision: 'refuse',
      reasons: '本人有稳定养老金收入',
    });
    await c.serveRefusalLetter();
    expect((await c.completed()).status).toBe('REFUSED');
  });

  test('an objection upheld: investigated again within its limit and published again', async () => {
    const c = await file();
    await TekunDriver.investigated(c);
    await c.reach('publicNotice');
    await c.act('recordObjection', 'cun.xizhou', objection);
    await c.reach('objectionReview');
    await c.decide('objectionReview', 'xiang.xizhou', {
      decision: 'uphold',
      reasons: '需核实其子的赡养能力',
    });
    await c.reach('tekunInvestigation');
    await c.decide('tekunInvestigation', 'xiang.xizhou', tekunReport({ careLevel: 'fullLoss' }));
    const again = await c.reach('publicNotice');
    expect(again.monthlyAmount).toBe(728 + 700);
    const notices = (await c.letters()).filter((l) => l.kind === 'publicNotice');
    expect(notices).toHaveLength(2);
    expect(notices[1]!.html).toContain('第 2 次公示');
    expect(notices[1]!.html).toContain('1428');
    await c.discard();
  });

  test('an objection dismissed: on to the county, the objection and its dismissal on record', async () => {
    const c = await file();
    await TekunDriver.investigated(c);
    await c.reach('publicNotice');
    await c.act('recordObjection', 'xiang.xizhou', objection);
    await c.reach('objectionReview');
    await c.decide('objectionReview', 'xiang.xizhou', {
      decision: 'dismiss',
      reasons: '其子重度残疾，无赡养能力',
    });
    await c.reach('countyApproval');
    expect(await c.eventTypes()).toEqual(
      expect.arrayContaining(['objectionReceived:publicNotice', 'stepDecided:objectionReview']),
    );
    await c.discard();
  });

  test('a minor is never publicised: no notice, straight to the county', async () => {
    const c = await file(tekunApplication({ name: '杨小军', birthDate: '2015-04-02', serial: 71 }));
    await TekunDriver.investigated(c, { careLevel: 'selfCare' });
    await c.reach('countyApproval');
    const types = await c.eventTypes();
    expect(types).toContain('noticeSkipped:publicNotice');
    expect(types).not.toContain('noticeStarted:publicNotice');
    expect((await c.letters()).map((l) => l.kind)).not.toContain('publicNotice');
    await c.discard();
  });

  test('a missed investigation deadline (15 working days) marks the case overdue, reminds the township and escalates', async () => {
    const c = await file();
    const caseNo = (await c.row()).caseNo;
    await c.accept();
    const opened = await c.reach('tekunInvestigation');
    const due = new Date(opened.dueAt!).getTime();
    // 15 working days: at least three weekends.
    expect(due - (await harness.env.currentTimeMs())).toBeGreaterThan(19 * DAY);
    await c.passTime(due - (await harness.env.currentTimeMs()) + 3600_000);
    await waitFor(async () => (await c.row()).overdue, 'overdue');
    const mails = await waitFor(async () => {
      const about = harness.inbox.received.filter((m) => m.subject.includes(caseNo));
      const reminder = about.find(
        (m) => m.to.includes(TOWNSHIP_OFFICER_MAIL) && m.subject.includes('超期提醒'),
      );
      const escalation = about.find(
        (m) => m.to.includes(COUNTY_SUPERVISOR_MAIL) && m.subject.includes('督办'),
      );
      return reminder && escalation && { reminder, escalation };
    }, 'reminder and escalation');
    expect(mails.reminder.text).toContain('调查核实');
    // Still waiting: the step can be decided late.
    await c.decide('tekunInvestigation', 'xiang.xizhou', tekunReport());
    await c.reach('publicNotice');
    expect((await c.row()).overdue).toBe(false);
    await c.discard();
  });

  test('a 低保 step is refused on a 特困 case, and a 特困 investigation is validated', async () => {
    const c = await file();
    await c.accept();
    await c.reach('tekunInvestigation');
    expect(await c.rejection(c.decide('investigation', 'xiang.xizhou', {}))).toBe('WrongStep');
    expect(
      await c.rejection(
        c.decide('tekunInvestigation', 'xiang.xizhou', { ...tekunReport(), supporters: 'none' }),
      ),
    ).toBe('InvalidPayload');
    expect(await c.rejection(c.decide('tekunInvestigation', 'cun.xizhou', tekunReport()))).toBe('Forbidden');
    await c.discard();
  });
});

export type { CaseDriver };
