import { fileApplication } from '../../api/case-intake';
import { addToMonth, monthOf, monthStart } from '../../domain/benefit-months';
import { CaseDriver, DAY_MS, type Income } from '../support/case-driver';
import { actorFor, dibaoApplication, waitFor } from '../support/fixtures';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();

const UNCHANGED: Income[] = [{ memberIndex: 0, kind: 'wages', amountYuan: 300, period: 'monthly' }];

async function enrol(application = dibaoApplication()) {
  const c = await CaseDriver.file(harness.env, harness.db, application);
  return c.toEnrolment();
}

async function now() {
  return harness.env.currentTimeMs();
}

/**
 * Lets the clock run into the month the benefit stops from; answers the enrolment's final
 * state. (Not through the workflow's result: awaiting one lets the test server's clock run on
 * to whatever is scheduled next, years ahead.)
 */
async function toStop(e: CaseDriver) {
  const { stopFromMonth } = await e.enrolmentState();
  await e.passTime(monthStart(stopFromMonth!) - (await now()) + 3600_000);
  await waitFor(async () => (await e.row()).status === 'EXITED', 'the enrolment to end');
  return e.enrolmentState();
}

async function exitLetter(e: CaseDriver) {
  const letters = (await e.letters()).filter((l) => l.kind === 'exit');
  expect(letters).toHaveLength(1);
  return letters[0]!.html;
}

describe('低保 exit (退出)', () => {
  test('a member who found work: six months of phase-out at the same amount, then the exit notice, then the stop', async () => {
    const e = await enrol();
    await e.toNextReview();
    const decidedIn = monthOf(await now());
    // The spouse now earns 2000 a month: (300 + 2000) / 3 = 766.67 per capita, above the standard of 560.
    const view = await e.recertify([
      ...UNCHANGED,
      { memberIndex: 1, kind: 'wages', amountYuan: 2000, period: 'monthly' },
    ]);
    expect(view).toMatchObject({ status: 'PHASING_OUT', monthlyAmount: 1660, currentStep: null });
    const lastMonth = addToMonth(decidedIn, 6);
    const phaseOut = (await e.letters()).find((l) => l.kind === 'phaseOut');
    expect(phaseOut?.html).toContain('赵建国已实现就业');
    expect(phaseOut?.html).toContain('给予 6 个月渐退期');
    expect(await e.enrolmentState()).toMatchObject({
      phaseOut: { firstMonth: addToMonth(decidedIn, 1), lastMonth },
    });

    // Into the last month of the phase-out: the written notice comes first.
    await e.passTime(monthStart(lastMonth) - (await now()) + 3600_000);
    await waitFor(async () => (await e.row()).status === 'EXIT_NOTIFIED', 'exit notice');
    const notice = await exitLetter(e);
    expect(notice).toContain('家庭月人均收入超过当地低保标准');
    expect(notice).toContain(`自 ${Number(addToMonth(lastMonth, 1).slice(0, 4))}年`);

    expect(await toStop(e)).toMatchObject({ active: false, exitReason: 'incomeAboveStandard' });
    const paid = await e.payments();
    // Paid through the phase-out's last month at the same amount, nothing after.
    expect(paid.at(-1)).toEqual({ month: lastMonth, amountYuan: 1660 });
    expect(paid.filter((p) => p.month > decidedIn)).toHaveLength(6);
    expect((await e.row()).status).toBe('EXITED');
  });

  test('three refused job referrals end the enrolment; the count is carried through a review', async () => {
    const e = await enrol();
    const [applicant] = await e.memberIds();
    const refuse = (n: number) =>
      e.act('recordJobReferralRefusal', 'xiang.xizhou', {
        memberId: applicant,
        refusedOn: `2027-0${n}-10`,
        referral: `镇公益性岗位（保洁员）第 ${n} 次推荐`,
        reasons: '无正当理由拒绝到岗',
      });
    expect((await refuse(1)).status).toBe('ENROLLED');

    // A review in between ends the cycle; the next run starts from what it carried.
    await e.act('reportChange', 'cun.xizhou', {
      reportedOn: '2027-01-20',
      kind: 'income',
      description: '打零工收入变化',
    });
    await e.reach('recertInvestigation');
    const run = await e.runId();
    await e.recertify(UNCHANGED);
    await e.nextRunAfter(run);
    expect(await e.enrolmentState()).toMatchObject({ cycle: 2, jobReferralRefusals: 1 });

    expect((await refuse(2)).status).toBe('ENROLLED');
    expect((await refuse(3)).status).toBe('EXIT_NOTIFIED');
    expect((await e.eventsOf('jobReferralRefused')).map((ev) => ev.decision)).toEqual(['1/3', '2/3', '3/3']);
    expect(await exitLetter(e)).toContain('三次无正当理由拒绝就业推荐');
    expect(await toStop(e)).toMatchObject({ exitReason: 'refusedJobReferrals', jobReferralRefusals: 3 });
  });

  test.each([
    ['death', { occurredOn: '2027-02-03', evidence: '死亡医学证明书' }, '保障对象死亡'],
    [
      'movedOut',
      { occurredOn: '2027-02-03', destination: '昆明市五华区', evidence: '户口迁移证明' },
      '迁出本辖区',
    ],
    [
      'voluntaryWithdrawal',
      { occurredOn: '2027-02-03', evidence: '本人签字的退出申请书' },
      '本人申请自愿退出',
    ],
  ])(
    '%s recorded by the township: written notice, benefit stops from the following month',
    async (reason, facts, text) => {
      const e = await enrol();
      await e.passTime(45 * DAY_MS);
      const view = await e.act('requestExit', 'xiang.xizhou', { reason, ...facts });
      expect(view).toMatchObject({ status: 'EXIT_NOTIFIED', nextReviewAt: null });
      const stopMonth = addToMonth(monthOf(await now()), 1);
      const notice = await exitLetter(e);
      expect(notice).toContain(text);
      expect(notice).toContain(facts.evidence);
      expect(notice).toContain('6 个月内依法向人民法院提起行政诉讼');
      // A second exit is refused while the first runs its course.
      expect(await e.rejection(e.act('requestExit', 'xiang.xizhou', { reason, ...facts }))).toBe('WrongStep');

      expect(await toStop(e)).toMatchObject({ active: false, exitReason: reason });
      expect((await e.payments()).at(-1)!.month).toBe(addToMonth(stopMonth, -1));
      const row = await e.row();
      expect(row.status).toBe('EXITED');
      expect(row.closedAt).not.toBeNull();
    },
  );

  test('fraud, found by the county: the overpayment since the month named is stated and recorded', async () => {
    const e = await enrol();
    await e.passTime(100 * DAY_MS);
    const { benefitStartMonth } = await e.enrolmentState();
    const from = addToMonth(benefitStartMonth, 1);
    const paid = await e.payments();
    const recovered = paid.filter((p) => p.month >= from);
    expect(recovered.length).toBeGreaterThanOrEqual(2);

    const view = await e.act('requestExit', 'xian.dali', {
      reason: 'fraud',
      findings: '经大数据比对，申请人隐瞒在外务工工资收入每月 3000 元',
      ineligibleFromMonth: from,
    });
    expect(view.status).toBe('EXIT_NOTIFIED');
    const total = recovered.length * 1660;
    const [notified] = await e.eventsOf('exitNotified');
    expect(notified!.payload).toMatchObject({
      reason: 'fraud',
      overpayment: { fromMonth: from, months: recovered.map((p) => p.month), totalYuan: total },
    });
    const notice = await exitLetter(e);
    expect(notice).toContain(`共 ${recovered.length} 个月、${total} 元，依法予以追回`);
    await toStop(e);
  });

  test('a household that refuses to cooperate with the review exits', async () => {
    const e = await enrol();
    await e.toNextReview();
    const view = await e.decide('recertInvestigation', 'xiang.xizhou', {
      outcome: 'householdRefused',
      reasons: '户主两次拒绝入户调查，拒不提供收入证明',
    });
    expect(view.status).toBe('EXIT_NOTIFIED');
    expect(await exitLetter(e)).toContain('拒不配合复核调查');
    expect(await toStop(e)).toMatchObject({ exitReason: 'refusedReview' });
  });

  test('an exit recorded while a review is open closes the review', async () => {
    const e = await enrol();
    await e.toNextReview();
    const view = await e.act('requestExit', 'xiang.xizhou', {
      reason: 'death',
      occurredOn: '2027-06-01',
      evidence: '死亡医学证明书',
    });
    expect(view).toMatchObject({ status: 'EXIT_NOTIFIED', currentStep: null, dueAt: null });
    expect(await e.rejection(e.reinvestigate(UNCHANGED))).toBe('WrongStep');
    expect(await toStop(e)).toMatchObject({ exitReason: 'death' });
    // Nothing of the review is left open or overdue.
    expect(await e.row()).toMatchObject({ status: 'EXITED', currentStep: null, overdue: false });
  });

  test('a household that exited applies again as a new case', async () => {
    const household = dibaoApplication();
    const e = await enrol(household);
    const first = await e.row();
    // 查重: while enrolled, and until the exit takes effect, the household cannot apply again.
    const filer = await actorFor(harness.db, 'cun.xizhou');
    await expect(fileApplication(harness.db, filer, household, undefined)).rejects.toMatchObject({
      status: 409,
      details: expect.arrayContaining([expect.objectContaining({ caseNo: first.caseNo })]),
    });
    await e.act('requestExit', 'xiang.xizhou', {
      reason: 'voluntaryWithdrawal',
      occurredOn: '2027-01-05',
      evidence: '本人签字的退出申请书',
    });
    await expect(fileApplication(harness.db, filer, household, undefined)).rejects.toMatchObject({
      status: 409,
    });
    await toStop(e);

    const again = await CaseDriver.file(harness.env, harness.db, household);
    const second = await again.row();
    expect(second.caseNo).not.toBe(first.caseNo);
    expect(second.status).toBe('SUBMITTED');
    expect(await again.view()).toMatchObject({ currentStep: 'acceptance' });
    // The exited case stays closed, its letters and events kept.
    expect((await e.row()).status).toBe('EXITED');
    expect((await e.letters()).map((l) => l.kind)).toEqual([
      'acceptance',
      'publicNotice',
      'approval',
      'exit',
    ]);
    await again.discard();
  });
});
