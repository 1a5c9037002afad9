import { followingMonth, sameDayMonthsLater } from '../domain/benefit-months';
import { chineseMonth } from '../domain/chinese-date';
import { CARE_LEVELS, careLevel } from '../domain/care-level';
import { careReassessmentSchema, type CareReassessment } from '../domain/tekun-decisions';
import { tekunReviewSchema, type TekunReview } from '../domain/tekun-support-decisions';
import { tekunMonthlySupport, type TekunSupport } from '../domain/tekun-support';
import type { TerminationReason } from '../domain/tekun-termination';
import { runHumanStep } from './run-human-step';
import { assessTekun, type TekunAssessment } from './tekun-assessment';
import type { TekunRun } from './tekun-run';

/** What a failed condition at review means for the person's support. */
const TERMINATION_FOR: Record<string, TerminationReason> = {
  hasLabourCapacity: 'regainedLabourCapacity',
  hasIncome: 'incomeOrAssetsOverLimit',
  depositsOverLimit: 'incomeOrAssetsOverLimit',
  ownsVehicle: 'incomeOrAssetsOverLimit',
  ownsSecondHome: 'incomeOrAssetsOverLimit',
  supporterAble: 'supporterBecameAble',
};

/** A new amount from the following month, with the change notice, when it differs. */
async function adjustAmount(run: TekunRun, support: TekunSupport, reviewKind: string): Promise<void> {
  const { state, ledger } = run;
  const from = state.monthlyAmountYuan;
  state.basicLivingYuan = support.basicLivingYuan;
  if (support.totalYuan === from) {
    // The same amount, perhaps from another level and standard: the figures still follow.
    await ledger.record({ type: 'reviewCompleted', decision: 'continue', reasons: reviewKind }, run.facts());
    return;
  }
  const effectiveMonth = followingMonth(Date.now());
  state.monthlyAmountYuan = support.totalYuan;
  await ledger.record(
    {
      type: 'reviewCompleted',
      decision: support.totalYuan > from ? 'increase' : 'reduce',
      reasons: `${from} → ${support.totalYuan} 元/月，自 ${chineseMonth(effectiveMonth)} 起`,
      payload: { fromYuan: from, toYuan: support.totalYuan, effectiveMonth, support },
    },
    { monthlyAmount: support.totalYuan, ...run.facts() },
    {
      letter: {
        kind: 'tekunAdjustment',
        facts: {
          reviewKind,
          careLevel: CARE_LEVELS[state.careLevel],
          fromYuan: from,
          toYuan: support.totalYuan,
          basicLivingYuan: support.basicLivingYuan,
          careYuan: support.careYuan,
          effectiveMonth: chineseMonth(effectiveMonth),
        },
      },
    },
  );
}

/**
 * 年度复核: the township investigates again (income, assets, supporters, care). Still eligible,
 * the amount follows today's standards and the care level; no longer eligible, termination
 * starts with the reason the review found.
 */
export async function runAnnualReview(run: TekunRun): Promise<void> {
  const { state, ledger, proc, input } = run;
  const facts = await ledger.householdFacts();
  const { policy } = await proc.rules();
  const decided = await runHumanStep<TekunReview>(proc, {
    step: 'tekunReview',
    status: 'RECERTIFYING',
    payload: tekunReviewSchema,
    assigneeUnitId: input.case.townshipId,
    limit: policy.extremePoverty.stepLimits.investigation,
    interruptWhen: () => run.termination !== null,
    summarize: (p) => ({ decision: null, reasons: p.note ?? null }),
    onDecision: () => ({
      change: { status: 'ENROLLED', currentStep: null, assigneeUnitId: null, dueAt: null },
    }),
  });
  const { policy: current } = await proc.rules();
  const assessment: TekunAssessment = assessTekun(facts, decided.payload, current);
  state.careLevel = assessment.careLevel;
  state.ownIncomeMonthlyYuan = decided.payload.ownIncomeMonthlyYuan;
  state.dibaoStandardYuan = assessment.dibaoStandardYuan;
  state.nextReviewAt = sameDayMonthsLater(Date.now(), current.extremePoverty.reviewMonths);
  const reasons = assessment.reasons.map((r) => r.text).join('；');
  await ledger.stage(
    {
      type: 'assessmentComputed',
      step: 'tekunReview',
      decision: assessment.eligible ? 'eligible' : 'notEligible',
      reasons: reasons || CARE_LEVELS[assessment.careLevel],
      payload: assessment,
    },
    { nextReviewAt: new Date(state.nextReviewAt).toISOString() },
  );
  if (assessment.eligible && assessment.support) {
    await adjustAmount(run, assessment.support, '年度复核');
    return;
  }
  const first = assessment.reasons.find((r) => r.code in TERMINATION_FOR);
  run.termination = {
    reason: first ? TERMINATION_FOR[first.code]! : 'incomeOrAssetsOverLimit',
    details: `年度复核：${reasons}`,
  };
}

/** 生活自理能力重新评估 after a reported change: the care standard follows the new level. */
export async function runCareReassessment(run: TekunRun): Promise<void> {
  const { state, proc, input } = run;
  const reported = state.careChanges.splice(0).join('；');
  const { policy } = await proc.rules();
  const decided = await runHumanStep<CareReassessment>(proc, {
    step: 'careReassessment',
    status: 'ENROLLED',
    payload: careReassessmentSchema,
    assigneeUnitId: input.case.townshipId,
    limit: policy.extremePoverty.stepLimits.reassessment,
    interruptWhen: () => run.termination !== null,
    summarize: (p) => ({ decision: careLevel(p), reasons: `${reported}；${p.reasons}` }),
    onDecision: () => ({ change: { currentStep: null, assigneeUnitId: null, dueAt: null } }),
  });
  state.careLevel = careLevel(decided.payload);
  const support = tekunMonthlySupport(
    {
      dibaoStandardYuan: state.dibaoStandardYuan,
      tekunStandardYuan: state.basicLivingYuan,
      careLevel: state.careLevel,
    },
    policy,
  );
  await adjustAmount(run, support, '生活自理能力重新评估');
}
