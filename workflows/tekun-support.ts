import { allHandlersFinished, condition, continueAsNew, setHandler } from '@temporalio/workflow';
import { sameDayMonthsLater } from '../domain/benefit-months';
import { CARE_LEVELS } from '../domain/care-level';
import { minorSupportEnd } from '../domain/tekun-termination';
import { ADULT_AGE } from '../domain/household';
import { keepPaymentRoster } from './benefit-roster';
import { StepInterrupted } from './run-human-step';
import { registerTekunActions } from './tekun-actions';
import { tekunPerson } from './tekun-assessment';
import { answerBedOffer, requestBed } from './tekun-placement';
import { runAnnualReview, runCareReassessment } from './tekun-review';
import { cycleToServe } from './service-run';
import { TekunRun } from './tekun-run';
import {
  bedOfferedSignal,
  tekunSupportStateQuery,
  type TekunCycle,
  type TekunSupportInput,
  type TekunSupportState,
} from './tekun-support-state';
import { runTermination } from './tekun-termination';

export { bedOfferedSignal, tekunSupportStateQuery } from './tekun-support-state';
export type { TekunSupportInput, TekunSupportState } from './tekun-support-state';

/** The instant someone turns `age`: their birthday at midnight in China (UTC+8); 29 Feb → 1 Mar. */
function birthdayAt(birthDate: string, age: number): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  return Date.UTC(y + age, m - 1, d) - 8 * 3600_000;
}

function firstCycle(confirmed: NonNullable<TekunSupportInput['confirmed']>): TekunCycle {
  const { assessment } = confirmed;
  return {
    cycle: 1,
    personId: assessment.personId,
    benefitStartMonth: confirmed.benefitStartMonth,
    monthlyAmountYuan: confirmed.monthlyAmountYuan,
    basicLivingYuan: assessment.support?.basicLivingYuan ?? confirmed.monthlyAmountYuan,
    careLevel: assessment.careLevel,
    nextPaymentMonth: confirmed.benefitStartMonth,
    nextReviewAt: 0, // set at the run's start, from the county's review interval
    minorCheck: null, // set at the run's start, from the person's birth date
    ownIncomeMonthlyYuan: 0,
    dibaoStandardYuan: assessment.dibaoStandardYuan,
    supportMode: confirmed.supportMode,
    placement: null,
    waitingEntryId: null,
    bedOffers: [],
    careChanges: [],
  };
}

/**
 * A person's 特困 support, one workflow per case, from the county's confirmation until it ends:
 * the monthly payment, the annual review, reassessment of care after a reported change, a
 * bed in a care home (or the waiting list and its offers), a minor's support to 18 (longer
 * in school), and termination with its notice. Continues as new after each annual review.
 */
export async function tekunSupport(input: TekunSupportInput): Promise<TekunSupportState> {
  const run = new TekunRun(input, cycleToServe(input.carried, input.confirmed, firstCycle));
  const { state, ledger } = run;
  registerTekunActions(run);
  setHandler(tekunSupportStateQuery, () => state);
  setHandler(bedOfferedSignal, (offer) => {
    if (!state.bedOffers.some((o) => o.offerId === offer.offerId)) state.bedOffers.push(offer);
  });

  if (!input.carried) {
    const confirmed = input.confirmed!;
    const { policy } = await run.proc.rules();
    state.nextReviewAt = sameDayMonthsLater(Date.now(), policy.extremePoverty.reviewMonths);
    if (confirmed.assessment.labourCapacityReason?.code === 'minor') {
      const facts = await run.ledger.householdFacts();
      const person = tekunPerson(facts);
      state.minorCheck = { age: ADULT_AGE, at: birthdayAt(person.birthDate, ADULT_AGE) };
    }
    await ledger.record(
      {
        type: 'enrolmentStarted',
        decision: confirmed.supportMode.mode,
        reasons: CARE_LEVELS[state.careLevel],
        payload: {
          monthlyAmountYuan: state.monthlyAmountYuan,
          benefitStartMonth: state.benefitStartMonth,
          supportMode: confirmed.supportMode,
          nextReviewAt: new Date(state.nextReviewAt).toISOString(),
          minorCheck: state.minorCheck,
        },
      },
      { status: 'ENROLLED', nextReviewAt: new Date(state.nextReviewAt).toISOString(), ...run.facts() },
    );
    if (confirmed.supportMode.mode === 'centralised')
      await requestBed(run, confirmed.supportMode.preferredHomeId);
  }
  void keepPaymentRoster(run);

  for (;;) {
    const wakeAt = Math.min(state.nextReviewAt, state.minorCheck?.at ?? Infinity);
    const asked = () =>
      run.termination !== null || state.bedOffers.length > 0 || state.careChanges.length > 0;
    if (!asked() && Date.now() < wakeAt) await condition(asked, wakeAt - Date.now());

    if (run.termination) {
      if ((await runTermination(run, run.termination)) === 'terminated') {
        await ledger.settled();
        return state;
      }
      run.termination = null;
      continue;
    }
    try {
      if (state.bedOffers.length > 0) {
        const offer = state.bedOffers.shift()!;
        // An offer that reaches someone no longer waiting was passed on when they left the list.
        if (state.waitingEntryId) await answerBedOffer(run, offer);
        continue;
      }
      if (state.careChanges.length > 0) {
        await runCareReassessment(run);
        continue;
      }
      if (state.minorCheck && Date.now() >= state.minorCheck.at) {
        await checkMinorAge(run);
        continue;
      }
      if (Date.now() < state.nextReviewAt) continue;
      await runAnnualReview(run);
    } catch (error) {
      if (!(error instanceof StepInterrupted)) throw error;
      continue;
    }
    if (run.termination) continue;
    // The year is complete: hand what the next one needs to a fresh run.
    await condition(() => !run.paying && allHandlersFinished());
    await ledger.settled();
    if (run.termination) continue;
    return continueAsNew<typeof tekunSupport>({ case: input.case, carried: run.cycle() });
  }
}

/**
 * A minor's support at 18: kept while in full-time school, up to the county's age limit;
 * otherwise termination follows, with its notice.
 */
async function checkMinorAge(run: TekunRun): Promise<void> {
  const { state, ledger, proc } = run;
  const facts = await ledger.householdFacts();
  const person = tekunPerson(facts);
  const { policy } = await proc.rules();
  const inSchool = Boolean(person.inSchool);
  const end = minorSupportEnd(person.birthDate, inSchool, policy);
  if (inSchool && state.minorCheck!.age < end.untilAge) {
    state.minorCheck = { age: end.untilAge, at: birthdayAt(person.birthDate, end.untilAge) };
    await ledger.record({
      type: 'reviewCompleted',
      decision: 'continue',
      reasons: `年满${ADULT_AGE}周岁，仍在校就读，供养延续至${end.untilAge}周岁`,
      payload: { minorCheck: state.minorCheck },
    });
    return;
  }
  state.minorCheck = null;
  run.termination = {
    reason: 'agedOut',
    details: inSchool ? `年满${end.untilAge}周岁` : `年满${ADULT_AGE}周岁，不在校就读`,
  };
}
