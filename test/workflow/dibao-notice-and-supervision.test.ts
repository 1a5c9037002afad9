import { CaseDriver, NOTICE_DAYS_MS } from '../support/case-driver';
import { dibaoApplication, waitFor } from '../support/fixtures';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();

const DAY = 24 * 3600 * 1000;
const TOWNSHIP_OFFICER_MAIL = 'xiang.xizhou@staff.jiuzhu.local';
const COUNTY_SUPERVISOR_MAIL = 'jiandu.dali@staff.jiuzhu.local';
const PREFECTURE_SUPERVISOR_MAIL = 'jiandu.zhou@staff.jiuzhu.local';

function mailsAbout(caseNo: string, to: string) {
  return harness.inbox.received.filter((m) => m.subject.includes(caseNo) && m.to.includes(to));
}

const objection = { receivedOn: '2026-12-05', objector: '村民李某', content: '申请人家有一辆面包车未申报' };

describe('public notice 公示 and objections 异议', () => {
  test('an objection dismissed: a new opinion and a new 7-day notice, then county approval', async () => {
    const c = await CaseDriver.file(harness.env, harness.db);
    await c.toNotice();
    expect(await c.rejection(c.act('recordObjection', 'xian.dali', objection))).toBe('Forbidden');
    await c.act('recordObjection', 'cun.xizhou', objection);
    await c.reach('objectionReview');
    await c.decide('objectionReview', 'xiang.xizhou', {
      decision: 'dismiss',
      reasons: '经核实该车辆为邻居所有',
    });
    await c.reach('publicNotice');
    await c.passTime(NOTICE_DAYS_MS);
    await c.reach('countyApproval');
    const notices = (await c.letters()).filter((l) => l.kind === 'publicNotice');
    expect(notices).toHaveLength(2);
    expect(notices[1]!.html).toContain('第 2 次公示');
    // The household's village and township, read with the letter in its own transaction.
    expect(notices[1]!.html).toContain('现将喜洲村拟纳入');
    expect(notices[1]!.html).toContain('向喜洲镇或喜洲村村（居）民委员会反映');
    expect(await c.eventTypes()).toEqual(
      expect.arrayContaining(['objectionReceived:publicNotice', 'stepDecided:objectionReview']),
    );
    await c.discard();
  });

  test('an objection upheld: re-investigation, review and a new notice', async () => {
    const c = await CaseDriver.file(harness.env, harness.db);
    await c.toNotice();
    await c.act('recordObjection', 'xiang.xizhou', objection);
    await c.reach('objectionReview');
    await c.decide('objectionReview', 'xiang.xizhou', {
      decision: 'uphold',
      redo: 'investigation',
      reasons: '需重新核查车辆情况',
    });
    await c.reach('investigation');
    await c.investigate([{ memberIndex: 0, kind: 'wages', amountYuan: 450, period: 'monthly' }]);
    await c.reach('appraisal');
    await c.appraise();
    await c.reach('townshipReview');
    await c.reviewInTownship();
    await c.reach('publicNotice');
    // (560 − 150) × 3 = 1230, + 224 + 56.
    expect((await c.view()).monthlyAmount).toBe(1510);
    const notices = (await c.letters()).filter((l) => l.kind === 'publicNotice');
    expect(notices).toHaveLength(2);
    expect(notices[1]!.html).toContain('1510');
    await c.discard();
  });

  test('no objection can be recorded outside the notice period', async () => {
    const c = await CaseDriver.file(harness.env, harness.db);
    expect(await c.rejection(c.act('recordObjection', 'cun.xizhou', objection))).toBe('WrongStep');
    await c.discard();
  });
});

describe('deadlines, escalation and extensions', () => {
  test('a missed township deadline marks the case overdue, reminds the township and escalates to supervisors by mail; an extension moves it', async () => {
    const c = await CaseDriver.file(harness.env, harness.db);
    const caseNo = (await c.row()).caseNo;
    await c.accept();
    const opened = await c.reach('investigation');
    // Started in time: only the step's own 10-day limit is missed here.
    await c.act('recordInvestigationStart', 'xiang.xizhou', {
      startedOn: '2026-12-01',
      visitors: ['赵乡镇经办', '段社工'],
    });
    const due = new Date(opened.dueAt!).getTime();
    // 10 working days: two weekends at least, so more than 11 calendar days.
    expect(due - (await harness.env.currentTimeMs())).toBeGreaterThan(11 * DAY);

    await c.passTime(due - (await harness.env.currentTimeMs()) + 60_000);
    await waitFor(async () => (await c.row()).overdue, 'overdue flag');
    // The outbox sends each mail on its own: wait for all three.
    await waitFor(
      async () =>
        [COUNTY_SUPERVISOR_MAIL, PREFECTURE_SUPERVISOR_MAIL, TOWNSHIP_OFFICER_MAIL].every(
          (to) => mailsAbout(caseNo, to).length > 0,
        ),
      'reminder and escalation mails',
    );
    expect(
      mailsAbout(caseNo, TOWNSHIP_OFFICER_MAIL).find((m) => m.subject.startsWith('【超期提醒】'))?.text,
    ).toContain('家庭经济状况调查核对');
    const escalation = mailsAbout(caseNo, COUNTY_SUPERVISOR_MAIL)[0]!;
    expect(escalation.subject).toBe(`【督办】环节超期${caseNo}`);
    expect(escalation.text).toContain('喜洲镇喜洲村');
    expect(escalation.text).toContain('环节由喜洲镇办理');
    expect(mailsAbout(caseNo, PREFECTURE_SUPERVISOR_MAIL)).toHaveLength(1);
    // Supervisors of another county hear nothing of it.
    expect(
      harness.inbox.received.filter(
        (m) =>
          m.subject.includes(caseNo) &&
          m.to.some((t) => t.startsWith('jiandu.') && !t.includes('dali') && !t.includes('zhou')),
      ),
    ).toHaveLength(0);
    expect((await c.view()).currentStep).toBe('investigation');

    expect(
      await c.rejection(
        c.act('extendStepDeadline', 'xiang.xizhou', { workingDays: 5, reasons: '申请人住院' }),
      ),
    ).toBe('Forbidden');
    const extended = await c.act('extendStepDeadline', 'jiandu.dali', {
      workingDays: 5,
      reasons: '申请人住院，无法入户',
    });
    expect(extended.overdue).toBe(false);
    expect(new Date(extended.dueAt!).getTime()).toBeGreaterThan(await harness.env.currentTimeMs());
    expect((await c.row()).overdue).toBe(false);
    const deadlineEvent = await harness.db.caseEvent.findFirstOrThrow({
      where: { caseId: c.caseId, type: 'deadlineExtended' },
    });
    expect(deadlineEvent.reasons).toBe('申请人住院，无法入户');

    await c.investigate();
    await c.reach('appraisal');
    const escalations = mailsAbout(caseNo, COUNTY_SUPERVISOR_MAIL).length;
    expect(escalations).toBe(1);
    await c.discard();
  });

  test('the overall 30-working-day limit is exceeded, supervisors are told, and an extension to 45 is recorded once', async () => {
    const c = await CaseDriver.file(harness.env, harness.db);
    const caseNo = (await c.row()).caseNo;
    await c.accept();
    await c.reach('investigation');
    const overallDue = new Date((await c.view()).overallDueAt!).getTime();
    expect(overallDue - (await harness.env.currentTimeMs())).toBeGreaterThan(41 * DAY);

    await c.passTime(overallDue - (await harness.env.currentTimeMs()) + 60_000);
    await waitFor(async () => (await c.row()).overallOverdue, 'overall overdue');
    await waitFor(
      async () =>
        mailsAbout(caseNo, COUNTY_SUPERVISOR_MAIL).some((m) =>
          m.subject.startsWith('【督办】超过办理总时限'),
        ),
      'overall mail',
    );

    const extended = await c.act('extendOverallLimit', 'jiandu.dali', { reasons: '家庭成员信息需跨省核对' });
    expect(extended.overallOverdue).toBe(false);
    expect(new Date(extended.overallDueAt!).getTime()).toBeGreaterThan(overallDue + 14 * DAY);
    expect((await c.row()).overallOverdue).toBe(false);
    expect(await c.rejection(c.act('extendOverallLimit', 'jiandu.dali', { reasons: '再次延长' }))).toBe(
      'WrongStep',
    );
    await c.discard();
  });
});

describe('relatives of staff 近亲属备案', () => {
  test('county approval is blocked until the county home visit is recorded', async () => {
    const c = await CaseDriver.file(harness.env, harness.db, dibaoApplication({ relativeOfStaff: true }));
    await c.toNotice();
    await c.passTime(NOTICE_DAYS_MS);
    await c.reach('countyApproval');
    expect(await c.rejection(c.approveInCounty(1660))).toBe('NotYet');
    await c.act('recordCountyHomeVisit', 'xian.dali', {
      visitedOn: '2026-12-14',
      visitors: ['李县审批', '王社工'],
      findings: '情况属实',
    });
    await c.approveInCounty(1660);
    expect((await c.completed()).status).toBe('ENROLLED');
    await waitFor(async () => (await c.eventTypes()).includes('enrolmentStarted'), 'enrolment started');
    await (await c.enrolment()).discard();
  });
});
