import { addToMonth, followingMonth, monthOf, sameDayMonthsLater } from '../domain/benefit-months';
import { chineseMonth } from '../domain/chinese-date';
import type { DibaoAssessment } from '../domain/dibao-assessment';
import {
  assessSinglePerson,
  singlePersonRecertification,
  type SinglePersonChoice,
} from '../domain/single-person-assessment';
import {
  recertInvestigationSchema,
  recertReviewSchema,
  type RecertInvestigation,
  type RecertReview,
} from '../domain/enrolment-decisions';
import type { IncomeItem } from '../domain/income';
import {
  decideRecertification,
  householdStability,
  membersWhoFoundWork,
  recertificationMonths,
  RECERTIFICATION_OUTCOMES,
  type RecertificationOutcome,
} from '../domain/recertification';
import type { Actor } from '../domain/staff-roles';
import { localDateOf } from '../domain/working-days';
import type { HouseholdFacts } from '../activities/household-facts';
import type { CountyPolicy } from '../domain/county-policy';
import type { CaseView } from './definitions';
import { notifyExit } from './enrolment-exit';
import { proposeReferrals } from './enrolment-referrals';
import type { EnrolmentRun } from './enrolment-run';
import type { ReviewRequest } from './enrolment-state';
import { assessReport, incomeOutsideHousehold } from './household-assessment';
import { runHumanStep } from './run-human-step';

export type ReviewTrigger = { kind: 'scheduled' } | { kind: 'outOfCycle'; requests: ReviewRequest[] };

const REVIEW_KINDS = { scheduled: '定期复核', outOfCycle: '动态复核' } as const;

/**
 * 复核: the township investigates the household again and reviews the re-assessment; the
 * outcome is continue, increase, reduce or stop (after a phase-out when a member found work).
 * Throws `StepInterrupted` when an exit is recorded while a step is open.
 */
export async function runReview(run: EnrolmentRun, trigger: ReviewTrigger): Promise<void> {
  const { proc, state, ledger, input } = run;
  const { policy } = await proc.rules();
  // Goes with the investigation's opening (serial runs), after the household's facts are read.
  await ledger.recordWithNext(
    {
      type: 'reviewStarted',
      decision: trigger.kind,
      reasons: trigger.kind === 'outOfCycle' ? trigger.requests.map((r) => r.reasons).join('；') : null,
      payload: trigger,
    },
    { status: 'RECERTIFYING' },
  );
  const interruptWhen = () => run.exiting;
  for (;;) {
    const facts = await ledger.householdFacts();
    const report = await runHumanStep<RecertInvestigation>(proc, {
      step: 'recertInvestigation',
      status: 'RECERTIFYING',
      payload: recertInvestigationSchema,
      guard: (p) => (p.outcome === 'investigated' ? incomeOutsideHousehold(facts, p.incomes) : null),
      assigneeUnitId: input.case.townshipId,
      limit: policy.stepLimits.investigation,
      interruptWhen,
      answeredByCaller: (p) => p.outcome === 'householdRefused',
      summarize: (p) =>
        p.outcome === 'householdRefused'
          ? { decision: 'householdRefused', reasons: p.reasons }
          : { decision: p.dataCheck.result, reasons: p.note ?? null },
    });
    // Whatever was reported before this investigation, it has now looked at.
    state.pendingReviews = [];
    if (report.payload.outcome === 'householdRefused') {
      const notice = await notifyExit(run, {
        reason: 'refusedReview',
        details: report.payload.reasons,
        actor: report.actor,
      });
      proc.desk.answer(report.ticket, notice);
      return;
    }
    const incomes = report.payload.incomes;
    const { policy: current } = await proc.rules();
    const assessment = assessReport(facts, report.payload, current);
    // 单人保: the rule is checked again; the member's own amount while it still allows it.
    const single = state.singlePerson
      ? assessSinglePerson({
          memberId: state.singlePerson.memberId,
          household: assessment,
          members: facts.members,
          incomes,
          singleParentFamily: facts.singleParentFamily,
          on: assessment.on,
          policy: current,
        })
      : null;
    const rechecked = single ? singlePersonRecertification(assessment, single) : null;
    const foundWork = membersWhoFoundWork(state.lastIncomes, incomes);
    const outcome = decideRecertification({
      currentYuan: state.monthlyAmountYuan,
      assessment: rechecked?.assessment ?? assessment,
      foundWork,
      policy: current,
    });
    await ledger.stage({
      type: 'assessmentComputed',
      step: 'recertInvestigation',
      decision: outcome.kind,
      reasons: outcome.kind === 'stop' ? outcome.reasons : RECERTIFICATION_OUTCOMES[outcome.kind],
      payload: { assessment, outcome, foundWork, ...(single && { singlePerson: single }) },
    });
    const review = await runHumanStep<RecertReview>(proc, {
      step: 'recertReview',
      status: 'RECERTIFYING',
      payload: recertReviewSchema,
      assigneeUnitId: input.case.townshipId,
      limit: policy.stepLimits.townshipReview,
      interruptWhen,
      answeredByCaller: (p) => p.decision === 'confirm',
    });
    if (review.payload.decision === 'return') continue;
    const view = await applyOutcome(run, {
      trigger,
      outcome,
      assessment,
      incomes,
      facts,
      policy: current,
      singlePerson: rechecked ? rechecked.singlePerson : (state.singlePerson ?? null),
      actor: review.actor,
      workers: facts.members.filter((m) => foundWork.includes(m.id)).map((m) => m.name),
    });
    proc.desk.answer(review.ticket, view);
    if (!run.exiting) {
      await proposeReferrals(run, facts, incomes, report.payload.circumstances, current);
    }
    return;
  }
}

async function applyOutcome(
  run: EnrolmentRun,
  r: {
    trigger: ReviewTrigger;
    outcome: RecertificationOutcome;
    assessment: DibaoAssessment;
    incomes: IncomeItem[];
    facts: HouseholdFacts;
    policy: CountyPolicy;
    singlePerson: SinglePersonChoice | null;
    actor: Actor;
    workers: string[];
  },
): Promise<CaseView> {
  const { state, ledger } = run;
  // An exit recorded while the decision was being written overrides the review.
  if (run.exiting) return run.writtenExitNotice();
  const now = Date.now();
  const counted = r.facts.members.filter((m) => r.assessment.countedMemberIds.includes(m.id));
  const stability = householdStability(counted, r.incomes, localDateOf(now));
  state.nextReviewAt = sameDayMonthsLater(now, recertificationMonths(stability, r.policy));
  state.lastIncomes = r.incomes;
  // Enrolled whole from now on when the household itself became eligible; a stop keeps the member.
  if (r.singlePerson === null && r.outcome.kind !== 'stop') state.singlePerson = null;
  const effectiveMonth = followingMonth(now);
  const figures = {
    reviewKind: REVIEW_KINDS[r.trigger.kind],
    perCapitaIncomeYuan: r.assessment.perCapitaIncomeYuan,
    standardYuan: r.assessment.standardYuan,
  };
  const { outcome } = r;

  if (outcome.kind === 'stop' && !state.phaseOut && outcome.phaseOutMonths === 0) {
    return notifyExit(run, {
      reason: outcome.incomeAboveStandard ? 'incomeAboveStandard' : 'noLongerEligible',
      details: outcome.reasons,
      actor: r.actor,
    });
  }
  const phaseOutStarts = outcome.kind === 'stop' && !state.phaseOut;
  if (phaseOutStarts) {
    state.phaseOut = {
      firstMonth: effectiveMonth,
      lastMonth: addToMonth(monthOf(now), outcome.phaseOutMonths),
    };
  } else if (outcome.kind !== 'stop') {
    // Eligible again: a phase-out under way is over.
    state.phaseOut = null;
  }
  const adjusted = outcome.kind === 'increase' || outcome.kind === 'reduce';
  if (adjusted) state.monthlyAmountYuan = outcome.toYuan;
  const phaseOut = state.phaseOut;
  return ledger.record(
    {
      type: phaseOutStarts ? 'phaseOutStarted' : 'reviewCompleted',
      actor: r.actor,
      decision: outcome.kind,
      reasons: outcome.kind === 'stop' ? outcome.reasons : RECERTIFICATION_OUTCOMES[outcome.kind],
      payload: {
        outcome,
        effectiveMonth,
        phaseOut,
        stability,
        nextReviewAt: new Date(state.nextReviewAt).toISOString(),
      },
    },
    {
      status: phaseOut ? 'PHASING_OUT' : 'ENROLLED',
      currentStep: null,
      assigneeUnitId: null,
      dueAt: null,
      overdue: false,
      monthlyAmount: state.monthlyAmountYuan,
      nextReviewAt: new Date(state.nextReviewAt).toISOString(),
    },
    adjusted
      ? {
          letter: {
            kind: 'adjustment',
            facts: {
              ...figures,
              fromYuan: outcome.fromYuan,
              toYuan: outcome.toYuan,
              direction: outcome.kind === 'increase' ? '增加' : '减少',
              effectiveMonth: chineseMonth(effectiveMonth),
            },
          },
        }
      : phaseOutStarts && phaseOut
        ? {
            letter: {
              kind: 'phaseOut',
              facts: {
                ...figures,
                workers: r.workers.join('、'),
                months: outcome.kind === 'stop' ? outcome.phaseOutMonths : 0,
                firstMonth: chineseMonth(phaseOut.firstMonth),
                lastMonth: chineseMonth(phaseOut.lastMonth),
                amountYuan: state.monthlyAmountYuan,
              },
            },
          }
        : {},
  );
}
