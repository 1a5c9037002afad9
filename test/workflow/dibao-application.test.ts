import { followingMonth } from '../../domain/benefit-months';
import { enrolmentStateQuery } from '../../workflows/dibao-enrolment';
import { CaseDriver, NOTICE_DAYS_MS } from '../support/case-driver';
import { waitFor } from '../support/fixtures';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();

const TOWNSHIP_OFFICER_MAIL = 'xiang.xizhou@staff.jiuzhu.local';
const VILLAGE_ASSISTANT_MAIL = 'cun.xizhou@staff.jiuzhu.local';

async function caseNoOf(c: CaseDriver): Promise<string> {
  return (await c.row()).caseNo;
}

function mailsAbout(caseNo: string, to?: string) {
  return harness.inbox.received.filter((m) => m.subject.includes(caseNo) && (!to || m.to.includes(to)));
}

describe('低保 application procedure', () => {
  test('the happy path ends enrolled with the exact amount, its letters stored and mailed', async () => {
    const c = await CaseDriver.file(harness.env, harness.db);
    const caseNo = await caseNoOf(c);
    await c.toNotice();
    // Rural standard 560 (seeded). Wages 300/month over 3 members → 100 per capita.
    // 补差 (560 − 100) × 3 = 1380; add-ons: the spouse, grade-2 disabled, 40 % × 560 = 224;
    // the 14-year-old pupil, 10 % × 560 = 56. Total 1660.
    expect((await c.view()).monthlyAmount).toBe(1660);
    const assessment = await harness.db.caseEvent.findFirstOrThrow({
      where: { caseId: c.caseId, type: 'assessmentComputed' },
    });
    expect(assessment.payload).toMatchObject({
      perCapitaIncomeYuan: 100,
      standardYuan: 560,
      eligible: true,
      proposedMonthlyYuan: 1660,
    });

    await c.passTime(NOTICE_DAYS_MS);
    await c.reach('countyApproval');
    const approvedAt = await harness.env.currentTimeMs();
    await c.approveInCounty(1660);
    const result = await c.completed();
    expect(result).toMatchObject({ status: 'ENROLLED', monthlyAmount: 1660, currentStep: null });

    const row = await c.row();
    expect(row.status).toBe('ENROLLED');
    expect(Number(row.monthlyAmount)).toBe(1660);
    // An enrolled household's case stays open: the enrolment workflow carries it on.
    expect(row.closedAt).toBeNull();

    const letters = await c.letters();
    expect(letters.map((l) => l.kind)).toEqual(['acceptance', 'publicNotice', 'approval']);
    const notice = letters[1]!.html;
    expect(notice).toContain('杨*英');
    expect(notice).toContain('1660');
    expect(notice).not.toMatch(/\d{17}[\dX]/);
    const [year, month] = followingMonth(approvedAt).split('-');
    expect(letters[2]!.html).toContain(`自 ${year}年${Number(month)}月 起发放`);

    const enrolment = harness.env.client.workflow.getHandle(`enrolment-${caseNo}`);
    expect(await enrolment.query(enrolmentStateQuery)).toMatchObject({
      active: true,
      monthlyAmountYuan: 1660,
      benefitStartMonth: `${year}-${month}`,
    });
    await waitFor(async () => (await c.eventTypes()).includes('enrolmentStarted'), 'enrolment event');

    await waitFor(async () => mailsAbout(caseNo, TOWNSHIP_OFFICER_MAIL).length >= 3, 'letters mailed');
    expect(mailsAbout(caseNo, TOWNSHIP_OFFICER_MAIL).map((m) => m.subject)).toEqual([
      `【最低生活保障申请受理通知书】${caseNo}`,
      `【最低生活保障公示】${caseNo}`,
      `【最低生活保障批准通知书】${caseNo}`,
    ]);
    await waitFor(async () => mailsAbout(caseNo, VILLAGE_ASSISTANT_MAIL).length >= 3, 'letters mailed');
    expect(mailsAbout(caseNo, VILLAGE_ASSISTANT_MAIL)).toHaveLength(3);
    await (await c.enrolment()).discard();
  });

  test('a return for supplementary material goes back to the investigation and recomputes the amount', async () => {
    const c = await CaseDriver.file(harness.env, harness.db);
    await c.toTownshipReview();
    await c.reviewInTownship({ decision: 'return', reasons: '缺少配偶的医疗费用票据' });
    await c.reach('investigation');
    expect((await c.row()).status).toBe('INVESTIGATING');
    const answered = await c.investigate([
      { memberIndex: 0, kind: 'wages', amountYuan: 600, period: 'monthly' },
    ]);
    // The Update answers with what the decision led to: the amount computed, the next step open.
    // (560 − 200) × 3 = 1080, + 224 + 56.
    expect(answered).toMatchObject({ currentStep: 'appraisal', status: 'APPRAISING', monthlyAmount: 1360 });
    expect(await c.row()).toMatchObject({ currentStep: 'appraisal', status: 'APPRAISING' });
    const opened = (await c.eventTypes()).filter((t) => t === 'stepOpened:investigation');
    expect(opened).toHaveLength(2);
    await c.discard();
  });

  test('the county approves another amount than the computed 补差 only with written reasons, kept on the case', async () => {
    const c = await CaseDriver.file(harness.env, harness.db);
    await c.toNotice();
    await c.passTime(NOTICE_DAYS_MS);
    await c.reach('countyApproval');
    const refusal = await c.approveInCounty(1500).then(
      () => null,
      (e: { cause?: { type?: string; message?: string } }) => e.cause,
    );
    expect(refusal?.type).toBe('InvalidPayload');
    expect(refusal?.message).toContain('核算金额 1660 元');
    const reasons = '其子按赡养协议每月给付 160 元，核减';
    await c.decide('countyApproval', 'xian.dali', {
      decision: 'approve',
      monthlyAmountYuan: 1500,
      amountReasons: reasons,
    });
    const result = await c.completed();
    expect(result).toMatchObject({ status: 'ENROLLED', monthlyAmount: 1500 });
    const [closed] = await c.eventsOf('caseClosed');
    expect(closed!.reasons).toBe(reasons);
    expect(closed!.payload).toMatchObject({
      monthlyAmountYuan: 1500,
      computedYuan: 1660,
      amountReasons: reasons,
    });
    await (await c.enrolment()).discard();
  });

  test('an appraisal that did not pass blocks a proposal to approve; the township returns the case, and a new appraisal that passes lets it approve', async () => {
    const c = await CaseDriver.file(harness.env, harness.db);
    await c.toTownshipReview(3);
    const refused = await c.reviewInTownship().then(
      () => null,
      (e: { cause?: { type?: string; message?: string } }) => e.cause,
    );
    expect(refused?.type).toBe('InvalidPayload');
    expect(refused?.message).toContain('民主评议未通过');
    expect((await c.view()).currentStep).toBe('townshipReview');
    await c.reviewInTownship({ decision: 'return', reasons: '评议未通过，补充病情证明后重新评议' });
    await c.reach('investigation');
    await c.investigate();
    await c.reach('appraisal');
    await c.appraise(9);
    await c.reach('townshipReview');
    await c.reviewInTownship();
    await c.reach('publicNotice');
    await c.discard();
  });

  test.each([
    ['acceptance', 'NOT_ACCEPTED', 'nonAcceptance', '不予受理'],
    ['townshipReview', 'REFUSED', 'refusal', '乡镇人民政府（街道办事处）审核'],
    ['countyApproval', 'REFUSED', 'refusal', '县级人民政府民政部门审核确认'],
  ] as const)(
    'a refusal at %s ends the case with its written letter and appeal rights',
    async (step, status, kind, wording) => {
      const c = await CaseDriver.file(harness.env, harness.db);
      const reasons = '家庭人均收入高于当地低保标准';
      if (step === 'acceptance') {
        await c.decide('acceptance', 'xiang.xizhou', { decision: 'reject', reasons });
      } else if (step === 'townshipReview') {
        await c.toTownshipReview(3);
        await c.reviewInTownship({ decision: 'refuse', reasons });
      } else {
        await c.toNotice();
        await c.passTime(NOTICE_DAYS_MS);
        await c.reach('countyApproval');
        await c.decide('countyApproval', 'xian.dali', { decision: 'refuse', reasons });
      }
      if (status === 'REFUSED') {
        // The run ends once the refusal letter is recorded as served (refusal-letter-service.test.ts).
        await waitFor(async () => (await c.row()).status === 'REFUSED', 'the refusal written');
        await c.act('recordLetterServed', 'xiang.xizhou', {
          servedOn: '2026-12-04',
          method: 'inPerson',
          servedBy: '赵乡镇经办',
        });
      }
      const result = await c.completed();
      expect(result.status).toBe(status);
      const letter = (await c.letters()).at(-1)!;
      expect(letter.kind).toBe(kind);
      expect(letter.html).toContain(reasons);
      expect(letter.html).toContain(wording);
      expect(letter.html).toContain('60 日内');
      expect(letter.html).toContain('6 个月');
      expect((await c.row()).closedAt).not.toBeNull();
    },
  );
});
