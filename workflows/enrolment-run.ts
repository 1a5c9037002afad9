import { condition } from '@temporalio/workflow';
import type { ExitReason } from '../domain/enrolment-exit';
import type { CaseView } from './definitions';
import type { EnrolmentCycle, EnrolmentInput, ExitOrder } from './enrolment-state';
import { ServiceRun } from './service-run';

/**
 * One cycle of a 低保 enrolment, shared by its parts: the review, the payment roster, the exit
 * and the staff actions beside them.
 */
export class EnrolmentRun extends ServiceRun<EnrolmentCycle, ExitReason> {
  exitOrder: ExitOrder | null = null;
  /** The view after the exit notice, answered to the Update that asked for the exit. */
  exitNotice: CaseView | null = null;
  /** The signals closing the open referrals at an exit, sent beside the exit notice's answer. */
  referralsClosed: Promise<void> = Promise.resolve();

  constructor(
    override readonly input: EnrolmentInput,
    cycle: EnrolmentCycle,
  ) {
    super(input, cycle, cycle.phaseOut ? 'PHASING_OUT' : 'ENROLLED');
  }
  get exiting(): boolean {
    return this.exitOrder !== null;
  }

  /** The exit notice, once whichever part of the cycle decided the exit has written it. */
  async writtenExitNotice(): Promise<CaseView> {
    await condition(() => this.exitNotice !== null);
    return this.exitNotice!;
  }

  /** What the cycle hands to the next one. */
  cycle(): EnrolmentCycle {
    const s = this.state;
    return {
      cycle: s.cycle,
      benefitStartMonth: s.benefitStartMonth,
      monthlyAmountYuan: s.monthlyAmountYuan,
      nextPaymentMonth: s.nextPaymentMonth,
      nextReviewAt: s.nextReviewAt,
      lastIncomes: s.lastIncomes,
      jobReferralRefusals: s.jobReferralRefusals,
      memberIds: s.memberIds,
      phaseOut: s.phaseOut,
      pendingReviews: s.pendingReviews,
      referralSeq: s.referralSeq,
      openReferrals: s.openReferrals,
      singlePerson: s.singlePerson ?? null,
    };
  }
}
