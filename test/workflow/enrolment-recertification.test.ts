import { addToMonth, monthOf, monthStart } from '../../domain/benefit-months';
import { requestReviewSignal } from '../../workflows/dibao-enrolment';
import { CaseDriver, DAY_MS, type Income } from '../support/case-driver';
import { dibaoApplication, waitFor } from '../support/fixtures';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();

/** The application's incomes: the applicant's wages of 300 a month (100 per capita, 1660 in all). */
const UNCHANGED: Income[] = [{ memberIndex: 0, kind: 'wages', amountYuan: 300, period: 'monthly' }];

/** No one in the household can work: reviewed once a year. */
const stableHousehold = () => {
  const application = dibaoApplication();
  application.members[0]!.labourCapacity = 'NONE';
  return dibaoApplication({ members: application.members });
};

function mailsAbout(caseNo: string, subject: string) {
  return harness.inbox.received.filter((m) => m.subject === `【${subject}】${caseNo}`);
}

function mailsStarting(caseNo: string, prefix: string) {
  return harness.inbox.received.filter((m) => m.subject.startsWith(prefix) && m.subject.includes(caseNo));
}

async function enrol(application = dibaoApplication()) {
  const c = await CaseDriver.file(harness.env, harness.db, application);
  return c.toEnrolment();
}

describe('低保 recertification (定期复核)', () => {
  test('a stable household is reviewed after 12 months; no material change keeps the benefit as it is', async () => {
    const e = await enrol(stableHousehold());
    const approvedAt = await harness.env.currentTimeMs();
    const first = await e.enrolmentState();
    expect(first).toMatchObject({ cycle: 1, monthlyAmountYuan: 1660, active: true });
    const monthsToReview = (first.nextReviewAt - approvedAt) / (30.44 * DAY_MS);
    expect(Math.round(monthsToReview)).toBe(12);
    expect((await e.row()).nextReviewAt?.getTime()).toBe(first.nextReviewAt);
    const { runId: firstRunId } = await e.handle.describe();

    await e.toNextReview();
    const paid = await e.payments();
    // Benefit from the month after approval, one roster entry per month, at the approved amount.
    expect(paid.map((p) => p.month)).toEqual(
      Array.from({ length: 12 }, (_, i) => addToMonth(first.benefitStartMonth, i)),
    );
    expect(new Set(paid.map((p) => p.amountYuan))).toEqual(new Set([1660]));

    const view = await e.recertify(UNCHANGED);
    expect(view).toMatchObject({ status: 'ENROLLED', monthlyAmount: 1660, currentStep: null });
    await e.nextRunAfter(firstRunId);
    const completed = await e.eventsOf('reviewCompleted');
    expect(completed.map((ev) => ev.decision)).toEqual(['continue']);
    // No adjustment, so no letter beyond the application's.
    expect((await e.letters()).map((l) => l.kind)).toEqual(['acceptance', 'publicNotice', 'approval']);

    // The cycle ended with continue-as-new: the first run is closed as such, a second one serves on.
    expect(await e.enrolmentState()).toMatchObject({ cycle: 2, monthlyAmountYuan: 1660 });
    const firstRun = harness.env.client.workflow.getHandle(e.handle.workflowId, firstRunId);
    expect((await firstRun.describe()).status.name).toBe('CONTINUED_AS_NEW');
    await e.discard();
  });

  test('lower income raises the benefit from the following month, with a letter mailed once', async () => {
    const e = await enrol();
    const { caseNo } = await e.row();
    const first = await e.enrolmentState();
    // A working-age member able to work: every 6 months (the county default).
    const approvedAt = await harness.env.currentTimeMs();
    expect(Math.round((first.nextReviewAt - approvedAt) / (30.44 * DAY_MS))).toBe(6);

    await e.toNextReview();
    const decidedIn = monthOf(await harness.env.currentTimeMs());
    // The applicant lost the job: (560 − 0) × 3 + 224 + 56 = 1960.
    const view = await e.recertify([]);
    expect(view).toMatchObject({ status: 'ENROLLED', monthlyAmount: 1960 });
    expect((await e.eventsOf('reviewCompleted')).map((ev) => ev.decision)).toEqual(['increase']);

    const letter = (await e.letters()).find((l) => l.kind === 'adjustment');
    expect(letter?.html).toContain('由每月 1660 元增加为每月 1960 元');
    await waitFor(async () => mailsAbout(caseNo, '最低生活保障金额变更通知书').length === 2, 'mail');

    await e.passTime(40 * DAY_MS);
    const paid = await e.payments();
    expect(paid.find((p) => p.month === decidedIn)?.amountYuan).toBe(1660);
    expect(paid.find((p) => p.month === addToMonth(decidedIn, 1))?.amountYuan).toBe(1960);
    expect(mailsAbout(caseNo, '最低生活保障金额变更通知书')).toHaveLength(2);
    await e.discard();
  });

  test('higher income lowers the benefit', async () => {
    const e = await enrol();
    await e.toNextReview();
    // Wages 600 → 200 per capita: (560 − 200) × 3 + 224 + 56 = 1360.
    const view = await e.recertify([{ memberIndex: 0, kind: 'wages', amountYuan: 600, period: 'monthly' }]);
    expect(view).toMatchObject({ status: 'ENROLLED', monthlyAmount: 1360 });
    const letter = (await e.letters()).find((l) => l.kind === 'adjustment');
    expect(letter?.html).toContain('由每月 1660 元减少为每月 1360 元');
    await e.discard();
  });

  test('a review that finds the household no longer eligible stops the benefit from the following month', async () => {
    const e = await enrol();
    await e.toNextReview();
    const view = await e.recertify(UNCHANGED, { vehicles: 1 });
    expect(view.status).toBe('EXIT_NOTIFIED');
    const stopMonth = addToMonth(monthOf(await harness.env.currentTimeMs()), 1);
    const exit = (await e.letters()).find((l) => l.kind === 'exit');
    expect(exit?.html).toContain('家庭拥有机动车辆');
    expect(exit?.html).toContain('60 日内依法申请行政复议');

    await e.passTime(monthStart(stopMonth) - (await harness.env.currentTimeMs()) + 3600_000);
    const row = await waitFor(async () => {
      const r = await e.row();
      return r.status === 'EXITED' && r;
    }, 'the enrolment to end');
    expect(await e.enrolmentState()).toMatchObject({ active: false, exitReason: 'noLongerEligible' });
    expect(row).toMatchObject({ status: 'EXITED', currentStep: null });
    expect(row.closedAt).not.toBeNull();
    const paid = await e.payments();
    expect(paid.at(-1)!.month).toBe(addToMonth(stopMonth, -1));
  });

  test('a missed review deadline marks the case overdue and escalates to the supervisors', async () => {
    const e = await enrol();
    const { caseNo } = await e.row();
    await e.toNextReview();
    // Investigation: 10 working days.
    await e.passTime(16 * DAY_MS);
    await waitFor(async () => (await e.row()).overdue, 'overdue');
    await waitFor(async () => mailsStarting(caseNo, '【督办】').length >= 2, 'escalation mail');
    expect(
      mailsStarting(caseNo, '【督办】')
        .flatMap((m) => m.to)
        .sort(),
    ).toEqual(['jiandu.dali@staff.jiuzhu.local', 'jiandu.zhou@staff.jiuzhu.local']);
    expect(mailsStarting(caseNo, '【超期提醒】').flatMap((m) => m.to)).toContain(
      'xiang.xizhou@staff.jiuzhu.local',
    );
    const overdue = await e.eventsOf('stepOverdue');
    expect(overdue.map((ev) => ev.step)).toEqual(['recertInvestigation']);
    // The benefit keeps being paid while the review is late.
    const paidBefore = (await e.payments()).length;
    await e.passTime(31 * DAY_MS);
    expect((await e.payments()).length).toBeGreaterThan(paidBefore);
    await e.discard();
  });

  test('a change the household reports starts an out-of-cycle review at once', async () => {
    const e = await enrol(stableHousehold());
    await e.passTime(40 * DAY_MS);
    const view = await e.act('reportChange', 'cun.xizhou', {
      reportedOn: '2027-01-10',
      kind: 'income',
      description: '申请人在镇上打零工，每月收入约 900 元',
    });
    expect(view.status).toBe('ENROLLED');
    await e.reach('recertInvestigation');
    const reviewRun = await e.runId();
    const started = await e.eventsOf('reviewStarted');
    expect(started.map((ev) => ev.decision)).toEqual(['outOfCycle']);
    expect(started[0]!.reasons).toContain('每月收入约 900 元');
    // Wages 900 → 300 per capita: (560 − 300) × 3 + 224 + 56 = 1060.
    const after = await e.recertify([{ memberIndex: 0, kind: 'wages', amountYuan: 900, period: 'monthly' }]);
    expect(after).toMatchObject({ status: 'ENROLLED', monthlyAmount: 1060 });
    // A full review starts the household's interval again from today.
    await e.nextRunAfter(reviewRun);
    const state = await e.enrolmentState();
    expect(state.cycle).toBe(2);
    const now = await harness.env.currentTimeMs();
    expect(Math.round((state.nextReviewAt - now) / (30.44 * DAY_MS))).toBe(12);
    expect(state.pendingReviews).toEqual([]);
    await e.discard();
  });

  test('a review asked for by another part of the system opens at once; a malformed request is dropped', async () => {
    const e = await enrol(stableHousehold());
    await e.handle.signal(requestReviewSignal, { source: 'lottery', reasons: '' } as never);
    await e.handle.signal(requestReviewSignal, {
      source: 'standardChange',
      reasons: '县人民政府调整农村低保标准',
    });
    await e.reach('recertInvestigation');
    const [requested] = await e.eventsOf('reviewRequested');
    expect(requested).toMatchObject({ decision: 'standardChange', reasons: '县人民政府调整农村低保标准' });
    expect(await e.eventsOf('reviewRequested')).toHaveLength(1);
    await e.discard();
  });

  test('staff outside the role or the township cannot act on an enrolment', async () => {
    const e = await enrol();
    expect(
      await e.rejection(
        e.act('requestExit', 'cun.xizhou', {
          reason: 'voluntaryWithdrawal',
          occurredOn: '2027-01-05',
          evidence: '本人书面申请',
        }),
      ),
    ).toBe('Forbidden');
    expect(
      await e.rejection(
        e.act('requestExit', 'xiang.xizhou', {
          reason: 'fraud',
          findings: '隐瞒工资收入',
          ineligibleFromMonth: '2027-01',
        }),
      ),
    ).toBe('Forbidden');
    expect(
      await e.rejection(
        e.act('reportChange', 'cun.xizhou', {
          reportedOn: 'yesterday',
          kind: 'income',
          description: '收入变化',
        }),
      ),
    ).toBe('InvalidPayload');
    expect(await e.rejection(e.confirmReview())).toBe('WrongStep');
    await e.discard();
  });
});
