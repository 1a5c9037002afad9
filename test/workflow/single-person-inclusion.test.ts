import { addToMonth } from '../../domain/benefit-months';
import { CaseDriver, NOTICE_DAYS_MS, type Income } from '../support/case-driver';
import { waitFor } from '../support/fixtures';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();

const TOWNSHIP_OFFICER_MAIL = 'xiang.xizhou@staff.jiuzhu.local';

/**
 * Rural standard 560 (seeded), three members. The applicant's wages of 2000 a month make
 * 666.67 per capita: not below the standard, but under 1.5 × 560 = 840, so the household as a
 * whole is refused and 单人保 is open to the spouse (grade-2 disabled, seriously ill).
 * Enrolled alone with no income of his own: 560 − 0 = 560, + his add-on 40 % × 560 = 224 → 784.
 */
const OVER_STANDARD: Income[] = [{ memberIndex: 0, kind: 'wages', amountYuan: 2000, period: 'monthly' }];
/** 3000 a month: 1000 per capita, over 1.5 × the standard. */
const OVER_THRESHOLD: Income[] = [{ memberIndex: 0, kind: 'wages', amountYuan: 3000, period: 'monthly' }];
const ALONE_YUAN = 784;

async function memberIdOf(c: CaseDriver, name: string): Promise<string> {
  const row = await harness.db.case.findUniqueOrThrow({
    where: { id: c.caseId },
    include: { household: { include: { members: true } } },
  });
  return row.household.members.find((m) => m.name === name)!.id;
}

function refusalOf(promise: Promise<unknown>): Promise<{ type?: string; message?: string } | null> {
  return promise.then(
    () => null,
    (e: { cause?: { type?: string; message?: string } }) => e.cause ?? { message: String(e) },
  );
}

/** Accepted, investigated with `incomes`, appraised: at the township's review. */
async function atTownshipReview(incomes: Income[]): Promise<CaseDriver> {
  const c = await CaseDriver.file(harness.env, harness.db);
  await c.accept();
  await c.reach('investigation');
  await c.investigate(incomes);
  await c.reach('appraisal');
  await c.appraise();
  await c.reach('townshipReview');
  return c;
}

describe('单人保 single-person inclusion at the 低保 township review', () => {
  test('where the rule allows it, one member is enrolled alone at the amount for one, said so in the letters, paid, and kept at recertification', async () => {
    const c = await atTownshipReview(OVER_STANDARD);
    const { caseNo } = await c.row();
    const spouse = await memberIdOf(c, '赵建国');
    const applicant = await memberIdOf(c, '杨秀英');

    // The household is not eligible as a whole; a member without grounds cannot be chosen.
    expect((await refusalOf(c.reviewInTownship()))?.message).toContain('不能提出批准意见');
    const noGrounds = await refusalOf(
      c.reviewInTownship({ decision: 'approve', singlePerson: { memberId: applicant } }),
    );
    expect(noGrounds).toMatchObject({ type: 'InvalidPayload' });
    expect(noGrounds?.message).toContain('不适用单人保');
    expect((await c.view()).currentStep).toBe('townshipReview');

    const answered = await c.reviewInTownship({
      decision: 'approve',
      note: '配偶二级残疾且患重病，单人保',
      singlePerson: { memberId: spouse },
    });
    expect(answered).toMatchObject({ monthlyAmount: ALONE_YUAN });
    const [computed] = (await c.eventsOf('assessmentComputed')).filter((e) => e.step === 'townshipReview');
    expect(computed).toMatchObject({ decision: 'singlePerson' });
    expect(computed!.payload).toMatchObject({ allowed: true, memberId: spouse, monthlyYuan: ALONE_YUAN });

    await c.reach('publicNotice');
    await c.passTime(NOTICE_DAYS_MS);
    await c.reach('countyApproval');
    await c.approveInCounty(ALONE_YUAN);
    expect(await c.completed()).toMatchObject({ status: 'ENROLLED', monthlyAmount: ALONE_YUAN });

    const letters = await c.letters();
    expect(letters.map((l) => l.kind)).toEqual(['acceptance', 'publicNotice', 'approval']);
    expect(letters[1]!.html).toContain('单人保');
    expect(letters[1]!.html).toContain(String(ALONE_YUAN));
    expect(letters[1]!.html).not.toContain('赵建国'); // the public notice names no member
    expect(letters[2]!.html).toContain('赵建国');
    expect(letters[2]!.html).toContain('单人保');
    expect(letters[2]!.html).toContain('保障人数 1 人');
    expect(letters[2]!.html).toContain(`保障金额每月 ${ALONE_YUAN} 元`);
    await waitFor(
      async () =>
        harness.inbox.received.some(
          (m) => m.to.includes(TOWNSHIP_OFFICER_MAIL) && m.subject === `【最低生活保障批准通知书】${caseNo}`,
        ),
      'the approval letter mailed',
    );
    const [closed] = await c.eventsOf('caseClosed');
    expect(closed!.payload).toMatchObject({ singlePerson: { memberId: spouse } });

    // The enrolment pays the amount for one, and its review re-checks the rule.
    const e = await c.enrolment();
    await waitFor(async () => (await e.row()).nextReviewAt, 'enrolment started');
    const first = await e.enrolmentState();
    expect(first).toMatchObject({ monthlyAmountYuan: ALONE_YUAN, singlePerson: { memberId: spouse } });
    await e.toNextReview();
    const paid = await e.payments();
    expect(paid.length).toBeGreaterThan(0);
    expect(paid.map((p) => p.month)).toEqual(
      Array.from({ length: paid.length }, (_, i) => addToMonth(first.benefitStartMonth, i)),
    );
    expect(new Set(paid.map((p) => p.amountYuan))).toEqual(new Set([ALONE_YUAN]));

    const runId = await e.runId();
    const kept = await e.recertify(OVER_STANDARD);
    expect(kept).toMatchObject({ status: 'ENROLLED', monthlyAmount: ALONE_YUAN });
    expect((await e.eventsOf('reviewCompleted')).map((ev) => ev.decision)).toEqual(['continue']);
    await e.nextRunAfter(runId);
    expect(await e.enrolmentState()).toMatchObject({
      cycle: 2,
      monthlyAmountYuan: ALONE_YUAN,
      singlePerson: { memberId: spouse },
    });

    // Income over 1.5 × the standard at the next review: the rule no longer allows it, the benefit stops.
    await e.toNextReview();
    await e.reinvestigate(OVER_THRESHOLD);
    await e.reach('recertReview');
    const [, stop] = await e
      .eventsOf('assessmentComputed')
      .then((all) => all.filter((ev) => ev.step === 'recertInvestigation'));
    expect(stop).toMatchObject({ decision: 'stop' });
    expect(stop!.reasons).toContain('不适用单人保');
    await e.discard();
  });

  test('the township cannot choose 单人保 when the whole household is below the standard', async () => {
    const c = await atTownshipReview([{ memberIndex: 0, kind: 'wages', amountYuan: 300, period: 'monthly' }]);
    const spouse = await memberIdOf(c, '赵建国');
    const refused = await refusalOf(
      c.reviewInTownship({ decision: 'approve', singlePerson: { memberId: spouse } }),
    );
    expect(refused).toMatchObject({ type: 'InvalidPayload' });
    expect(refused?.message).toContain('应全户纳入');
    expect((await c.view()).monthlyAmount).toBe(1660);
    await c.reviewInTownship();
    await c.reach('publicNotice');
    expect((await c.view()).monthlyAmount).toBe(1660);
    await c.discard();
  });
});
