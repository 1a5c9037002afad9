import { allHandlersFinished, condition, continueAsNew, setHandler } from '@temporalio/workflow';
import { monthStart, sameDayMonthsLater } from '../domain/benefit-months';
import { chineseMonth } from '../domain/chinese-date';
import { householdStability, recertificationMonths } from '../domain/recertification';
import { localDateOf } from '../domain/working-days';
import { keepPaymentRoster } from './benefit-roster';
import { registerEnrolmentActions } from './enrolment-actions';
import { proposeReferrals, registerReferralActions } from './enrolment-referrals';
import { endAtStopMonth, notifyExit } from './enrolment-exit';
import { runReview } from './enrolment-review';
import { EnrolmentRun } from './enrolment-run';
import { cycleToServe } from './service-run';
import {
  enrolmentStateQuery,
  type EnrolmentCycle,
  type EnrolmentInput,
  type EnrolmentState,
} from './enrolment-state';
import { StepInterrupted } from './run-human-step';

export { enrolmentStateQuery, requestReviewSignal } from './enrolment-state';
export type { EnrolmentInput, EnrolmentState } from './enrolment-state';

function firstCycle(approved: NonNullable<EnrolmentInput['approved']>): EnrolmentCycle {
  return {
    cycle: 1,
    benefitStartMonth: approved.benefitStartMonth,
    monthlyAmountYuan: approved.monthlyAmountYuan,
    nextPaymentMonth: approved.benefitStartMonth,
    nextReviewAt: 0, // set once the household's interval is known
    lastIncomes: approved.incomes,
    jobReferralRefusals: 0,
    memberIds: [], // until the household's facts are loaded, at the run's start
    phaseOut: null,
    pendingReviews: [],
    referralSeq: 0,
    openReferrals: [],
    singlePerson: approved.singlePerson ?? null,
  };
}

/**
 * An enrolled household's 低保, one workflow per case, from the county's approval until it
 * exits. Each cycle pays the benefit month by month and ends with a review (regular or out of
 * cycle), after which the workflow continues as new with what the next cycle needs, so its
 * history stays small however many years the household is served.
 */
export async function dibaoEnrolment(input: EnrolmentInput): Promise<EnrolmentState> {
  const run = new EnrolmentRun(input, cycleToServe(input.carried, input.approved, firstCycle));
  const { state, ledger } = run;
  registerEnrolmentActions(run);
  registerReferralActions(run);
  setHandler(enrolmentStateQuery, () => state);

  const facts = await ledger.householdFacts();
  state.memberIds = facts.members.map((m) => m.id);
  if (!input.carried) {
    const { policy } = await run.proc.rules();
    const stability = householdStability(facts.members, state.lastIncomes, localDateOf(Date.now()));
    state.nextReviewAt = sameDayMonthsLater(Date.now(), recertificationMonths(stability, policy));
    await ledger.record(
      {
        type: 'enrolmentStarted',
        payload: {
          monthlyAmountYuan: state.monthlyAmountYuan,
          benefitStartMonth: state.benefitStartMonth,
          ...(state.singlePerson && { singlePerson: state.singlePerson }),
          stability,
          nextReviewAt: new Date(state.nextReviewAt).toISOString(),
        },
      },
      { status: 'ENROLLED', nextReviewAt: new Date(state.nextReviewAt).toISOString() },
    );
    await proposeReferrals(run, facts, state.lastIncomes, input.approved?.circumstances, policy);
  }
  void keepPaymentRoster(run);

  for (;;) {
    const phaseOutEndsAt = state.phaseOut ? monthStart(state.phaseOut.lastMonth) : Infinity;
    const wakeAt = Math.min(state.nextReviewAt, phaseOutEndsAt);
    // The predicate leaves time to the timer: a predicate that reads the clock may come true
    // in the very activation the timer fires, and cancelling a fired timer trips the test server.
    const asked = () => run.exiting || state.pendingReviews.length > 0;
    if (!asked() && Date.now() < wakeAt) await condition(asked, wakeAt - Date.now());

    if (run.exiting) {
      await run.writtenExitNotice();
      await endAtStopMonth(run);
      await ledger.settled();
      return state;
    }
    if (state.phaseOut && Date.now() >= phaseOutEndsAt) {
      const { firstMonth, lastMonth } = state.phaseOut;
      await notifyExit(run, {
        reason: 'incomeAboveStandard',
        details: `渐退期（${chineseMonth(firstMonth)}至${chineseMonth(lastMonth)}）已满`,
      });
      continue;
    }
    const scheduled = Date.now() >= state.nextReviewAt;
    if (!scheduled && state.pendingReviews.length === 0) continue;
    try {
      await runReview(
        run,
        scheduled ? { kind: 'scheduled' } : { kind: 'outOfCycle', requests: [...state.pendingReviews] },
      );
    } catch (error) {
      if (!(error instanceof StepInterrupted)) throw error;
    }
    // The cycle is complete: hand what the next one needs to a fresh run.
    await condition(() => !run.paying && allHandlersFinished());
    await ledger.settled();
    if (run.exiting) continue;
    return continueAsNew<typeof dibaoEnrolment>({ case: input.case, carried: run.cycle() });
  }
}
