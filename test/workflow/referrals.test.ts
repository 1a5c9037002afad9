import { CaseDriver } from '../support/case-driver';
import { dibaoApplication, waitFor } from '../support/fixtures';
import { DEPARTMENT_OFFICERS, ReferralDriver, staffAddress } from '../support/referral-driver';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();

async function enrol() {
  const c = await CaseDriver.file(harness.env, harness.db, dibaoApplication());
  return c.toEnrolment();
}

const mailsAbout = (referralNo: string, prefix: string) =>
  harness.inbox.received.filter((m) => m.subject === `${prefix}${referralNo}`);

const recipients = (referralNo: string, prefix: string) =>
  mailsAbout(referralNo, prefix)
    .flatMap((m) => m.to)
    .sort();

async function mailed(referralNo: string, prefix: string, count: number) {
  return waitFor(async () => {
    const found = recipients(referralNo, prefix);
    return found.length >= count && found;
  }, `${count} mails ${prefix}${referralNo}`);
}

describe('转介 referrals to other bureaus', () => {
  test('needs found at enrolment are proposed; the township confirms one and dismisses the other', async () => {
    const e = await enrol();
    // The fixture household: a junior-secondary pupil and a seriously ill spouse; the applicant earns.
    const [education, health] = await ReferralDriver.ofCase(e, 2, { source: 'proposed' });
    const [pupil, spouse] = [(await e.memberIds())[2], (await e.memberIds())[1]];
    expect(await education!.row()).toMatchObject({
      status: 'PROPOSED',
      department: 'EDUCATION',
      kind: 'compulsoryEducationAid',
      memberId: pupil,
      memberName: '赵小梅',
      source: 'proposed',
      overdue: false,
    });
    expect(await health!.row()).toMatchObject({ status: 'PROPOSED', department: 'HEALTH', memberId: spouse });
    expect((await e.enrolmentState()).openReferrals.map((r) => r.referralNo)).toEqual([
      education!.referralNo,
      health!.referralNo,
    ]);

    // Not the department's to act on yet, nor another township's role.
    expect(
      await e.rejection(education!.act('accept', DEPARTMENT_OFFICERS.EDUCATION, { handler: '甲' })),
    ).toBe('WrongStep');
    expect(await e.rejection(education!.act('confirm', DEPARTMENT_OFFICERS.EDUCATION, {}))).toBe('Forbidden');
    expect(await e.rejection(health!.act('dismiss', 'xiang.xizhou', { reasons: '' }))).toBe('InvalidPayload');

    const sent = await education!.act('confirm', 'xiang.xizhou', { note: '已与学校核实' });
    expect(sent.status).toBe('SENT');
    const row = await education!.row();
    expect(row.sentAt).not.toBeNull();
    expect(row.dueAt!.getTime()).toBe(row.acceptDueAt!.getTime());
    // The 转介函 goes to the education bureau's officer, a copy to the township; not to its supervisor.
    expect(await mailed(education!.referralNo, '【转介函】', 2)).toEqual([
      staffAddress('bumen.jiaoyu.dali'),
      staffAddress('xiang.xizhou'),
    ]);
    const [letter] = await harness.db.letter.findMany({ where: { referralId: row.id } });
    expect(letter!.title).toBe('转介函');
    expect(letter!.html).toContain('大理市教育体育局');
    expect(letter!.html).toContain('义务教育“两免一补”');
    expect(letter!.html).toContain('赵小梅');

    const dismissed = await health!.act('dismiss', 'xiang.xizhou', {
      reasons: '已纳入大病专项救助，无须重复转介',
    });
    expect(dismissed.status).toBe('DISMISSED');
    await waitFor(
      async () => (await e.enrolmentState()).openReferrals.length === 1,
      'the dismissal to reach the enrolment',
    );
    expect(await e.eventsOf('referralDismissed')).toHaveLength(1);
    expect(await health!.eventTypes()).toEqual(['referralProposed', 'referralDismissed']);
    expect(mailsAbout(health!.referralNo, '【转介函】')).toHaveLength(0);
  });

  test('a review that finds new needs proposes them; needs already referred are not proposed again', async () => {
    const e = await enrol();
    const [education, health] = await ReferralDriver.ofCase(e, 2, { source: 'proposed' });
    await e.toNextReview();
    const report = await e.investigationReport([
      { memberIndex: 0, kind: 'wages', amountYuan: 300, period: 'monthly' },
    ]);
    await e.decide('recertInvestigation', 'xiang.xizhou', {
      outcome: 'investigated',
      ...report,
      circumstances: { housing: 'privateRental', legalNeed: '前夫拖欠子女抚养费两年', medicalCostsYuan: 0 },
    });
    await e.reach('recertReview');
    const cycleOne = await e.runId();
    await e.confirmReview();
    const all = await ReferralDriver.ofCase(e, 4);
    expect(all.map((r) => r.referralNo)).toEqual([
      education!.referralNo,
      health!.referralNo,
      expect.stringMatching(/-Z03$/),
      expect.stringMatching(/-Z04$/),
    ]);
    expect(await all[2]!.row()).toMatchObject({
      kind: 'rentalSubsidy',
      department: 'HOUSING',
      memberId: null,
    });
    expect(await all[3]!.row()).toMatchObject({
      kind: 'legalAid',
      department: 'JUSTICE',
      reason: '前夫拖欠子女抚养费两年',
    });
    // The next cycle carries all four as open.
    await e.nextRunAfter(cycleOne);
    const next = await e.enrolmentState();
    expect(next.cycle).toBe(2);
    expect(next.openReferrals.map((r) => r.kind)).toEqual([
      'compulsoryEducationAid',
      'medicalAssistance',
      'rentalSubsidy',
      'legalAid',
    ]);
  });

  test('a referral by hand, and every department’s full path to an outcome on the case', async () => {
    const e = await enrol();
    const [applicant, spouse] = await e.memberIds();
    const [education, health] = await ReferralDriver.ofCase(e, 2, { source: 'proposed' });
    await education!.act('confirm', 'xiang.xizhou', {});
    await health!.act('confirm', 'xiang.xizhou', {});
    // The same need already referred is refused; a village assistant may not refer.
    expect(
      await e.rejection(
        ReferralDriver.byHand(e, { kind: 'medicalAssistance', memberId: spouse, reason: '重复转介' }),
      ),
    ).toBe('WrongStep');
    expect(
      await e.rejection(ReferralDriver.byHand(e, { kind: 'legalAid', reason: '追索抚养费' }, 'cun.xizhou')),
    ).toBe('Forbidden');

    const housing = await ReferralDriver.byHand(e, {
      kind: 'rentalSubsidy',
      reason: '租住私房，月租 600 元',
    });
    const justice = await ReferralDriver.byHand(e, { kind: 'legalAid', reason: '前夫拖欠子女抚养费' });
    const labour = await ReferralDriver.byHand(e, {
      kind: 'publicWelfarePost',
      memberId: applicant,
      reason: '部分劳动能力，愿意从事公益性岗位',
    });
    expect((await housing.row()).source).toBe('manual');

    // Another bureau's officer cannot act on it.
    expect(await e.rejection(housing.act('accept', DEPARTMENT_OFFICERS.JUSTICE, { handler: '甲' }))).toBe(
      'Forbidden',
    );

    const paths = [
      [education!, 'EDUCATION', '免除学杂费、教科书费，发放寄宿生生活补助', 1250],
      [health!, 'HEALTH', '住院费用医疗救助', 8600.5],
      [housing, 'HOUSING', '发放公共租赁住房租赁补贴', 300],
      [justice, 'JUSTICE', '指派律师代理追索抚养费，免交诉讼费', null],
      [labour, 'LABOUR', '安置村级保洁公益性岗位', 800],
    ] as const;
    for (const [referral, department, service, amountYuan] of paths) {
      const done = await referral.serve(DEPARTMENT_OFFICERS[department], service, amountYuan);
      expect(done.status).toBe('COMPLETED');
      const row = await referral.row();
      expect(row).toMatchObject({ department, status: 'COMPLETED', handler: '承办人甲', overdue: false });
      expect(row.outcome).toMatchObject({ result: 'served', service, amountYuan });
      expect(row.acceptedAt).not.toBeNull();
      expect(row.endedAt).not.toBeNull();
      const proposed = referral === education || referral === health ? ['referralProposed'] : [];
      expect(await referral.eventTypes()).toEqual([
        ...proposed,
        'referralSent',
        'referralAccepted',
        'referralProgress',
        'referralCompleted',
      ]);
      // Its workflow has ended with the outcome.
      await waitFor(async () => (await referral.handle.describe()).status.name === 'COMPLETED', 'completion');
    }
    // A public-welfare post changes the household's income: an out-of-cycle review opens.
    await e.reach('recertInvestigation');
    const [asked] = await e.eventsOf('reviewRequested');
    expect(asked!.decision).toBe('referralOutcome');
    expect(asked!.reasons).toContain(labour.referralNo);
    await waitFor(async () => (await e.enrolmentState()).openReferrals.length === 0, 'no open referrals');
  });

  test('a department declines with its reasons; the township hears of it and may refer again', async () => {
    const e = await enrol();
    const justice = await ReferralDriver.byHand(e, { kind: 'legalAid', reason: '邻里宅基地纠纷' });
    expect(await e.rejection(justice.act('decline', DEPARTMENT_OFFICERS.JUSTICE, { reasons: '' }))).toBe(
      'InvalidPayload',
    );
    const declined = await justice.act('decline', DEPARTMENT_OFFICERS.JUSTICE, {
      reasons: '属民事调解范围，已告知当事人向村人民调解委员会申请',
    });
    expect(declined.status).toBe('DECLINED');
    expect((await justice.row()).outcome).toMatchObject({ result: 'declined' });
    expect(await mailed(justice.referralNo, '【转介退回】', 1)).toEqual([staffAddress('xiang.xizhou')]);
    expect(mailsAbout(justice.referralNo, '【转介退回】')[0]!.text).toContain('属民事调解范围');
    await waitFor(
      async () => (await e.enrolmentState()).openReferrals.length === 2,
      'the decline reaches the enrolment',
    );
    const again = await ReferralDriver.byHand(e, { kind: 'legalAid', reason: '补充材料后再次转介' });
    expect(again.referralNo).not.toBe(justice.referralNo);
  });

  test('a missed acceptance deadline: overdue, a reminder to the department, escalation to its supervisors and county civil affairs', async () => {
    const e = await enrol();
    const [education] = await ReferralDriver.ofCase(e, 2, { source: 'proposed' });
    await education!.act('confirm', 'xiang.xizhou', {});
    const { acceptDueAt } = await education!.row();
    // Five working days: not overdue the day before.
    await e.passTime(acceptDueAt!.getTime() - (await harness.env.currentTimeMs()) - 3600_000);
    expect((await education!.row()).overdue).toBe(false);
    await e.passTime(2 * 3600_000);
    await education!.reach('SENT');
    await waitFor(async () => (await education!.row()).overdue, 'overdue');

    expect(await mailed(education!.referralNo, '【转介超期提醒】', 1)).toEqual([
      staffAddress('bumen.jiaoyu.dali'),
    ]);
    expect(await mailed(education!.referralNo, '【督办】转介超期', 4)).toEqual([
      staffAddress('jiandu.dali'),
      staffAddress('jiandu.jiaoyu.dali'),
      staffAddress('jiandu.zhou'),
      staffAddress('xian.dali'),
    ]);
    const escalation = mailsAbout(education!.referralNo, '【督办】转介超期')[0]!;
    expect(escalation.text).toContain('大理市教育体育局');
    expect(escalation.text).toContain('接收或退回');
    expect(await education!.eventTypes()).toContain('referralOverdue');

    // Accepted late: no longer overdue, the completion deadline runs from now.
    const accepted = await education!.act('accept', DEPARTMENT_OFFICERS.EDUCATION, { handler: '段老师' });
    expect(accepted).toMatchObject({ status: 'ACCEPTED', overdue: false });
    const row = await education!.row();
    expect(row.completeDueAt!.getTime()).toBeGreaterThan(acceptDueAt!.getTime());
    // One reminder and one escalation per missed deadline, not one per wake-up.
    expect(mailsAbout(education!.referralNo, '【转介超期提醒】')).toHaveLength(1);
  });

  test('a labour referral the member refuses counts toward the three-refusal exit; the third ends the enrolment', async () => {
    const e = await enrol();
    const [applicant] = await e.memberIds();
    for (const n of [1, 2, 3]) {
      const job = await ReferralDriver.byHand(e, {
        kind: 'jobReferral',
        memberId: applicant,
        reason: `第 ${n} 次就业推荐`,
      });
      await job.act('accept', DEPARTMENT_OFFICERS.LABOUR, { handler: '李指导员' });
      const refused = await job.act('complete', DEPARTMENT_OFFICERS.LABOUR, {
        result: 'memberRefused',
        refusedOn: '2027-01-06',
        offer: `喜洲镇农产品加工厂包装工（第 ${n} 次）`,
        reasons: '无正当理由拒绝',
      });
      expect(refused.status).toBe('MEMBER_REFUSED');
      await waitFor(
        async () => (await e.eventsOf('jobReferralRefused')).length === n,
        `refusal ${n} counted`,
      );
    }
    const refusals = await e.eventsOf('jobReferralRefused');
    expect(refusals.map((r) => r.decision)).toEqual(['1/3', '2/3', '3/3']);
    await waitFor(async () => (await e.row()).status === 'EXIT_NOTIFIED', 'the exit notice');
    const [exit] = await e.eventsOf('exitNotified');
    expect(exit!.decision).toBe('refusedJobReferrals');
    // The exit closes the proposals still open. (The referrals by hand may have been numbered
    // between them: the enrolment proposes while it already takes Updates.)
    const [education, health] = await ReferralDriver.ofCase(e, 2, { source: 'proposed' });
    await education!.reach('CLOSED');
    await health!.reach('CLOSED');
  });

  test('a case exit closes its open referrals, with a notice to each department that had one', async () => {
    const e = await enrol();
    const [education, health] = await ReferralDriver.ofCase(e, 2, { source: 'proposed' });
    await education!.act('confirm', 'xiang.xizhou', {});
    const housing = await ReferralDriver.byHand(e, { kind: 'rentalSubsidy', reason: '租住私房' });
    await housing.act('accept', DEPARTMENT_OFFICERS.HOUSING, { handler: '杨科员' });
    // Only labour referrals can report a member's refusal.
    expect(
      await e.rejection(
        housing.act('complete', DEPARTMENT_OFFICERS.HOUSING, {
          result: 'memberRefused',
          refusedOn: '2027-01-06',
          offer: '公租房',
          reasons: '不愿搬迁',
        }),
      ),
    ).toBe('InvalidPayload');

    await e.act('requestExit', 'xiang.xizhou', {
      reason: 'movedOut',
      occurredOn: '2027-01-10',
      destination: '昆明市五华区',
      evidence: '户口迁移证明',
    });
    for (const r of [education!, health!, housing]) await r.reach('CLOSED');
    expect(await mailed(education!.referralNo, '【转介终止通知】', 2)).toEqual([
      staffAddress('bumen.jiaoyu.dali'),
      staffAddress('xiang.xizhou'),
    ]);
    expect(await mailed(housing.referralNo, '【转介终止通知】', 2)).toContain(
      staffAddress('bumen.zhujian.dali'),
    );
    const [closure] = await harness.db.letter.findMany({
      where: { referralId: (await housing.row()).id, kind: 'referralClosure' },
    });
    expect(closure!.html).toContain('迁出');
    // The health bureau never had the proposal: no notice to it.
    expect(mailsAbout(health!.referralNo, '【转介终止通知】')).toHaveLength(0);
    expect((await e.enrolmentState()).openReferrals).toEqual([]);
    await waitFor(
      async () => (await housing.handle.describe()).status.name === 'COMPLETED',
      'the referral to end',
    );
  });
});
