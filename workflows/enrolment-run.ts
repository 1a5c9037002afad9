import { condition } from '@temporalio/workflow';
import { CaseProcedure } from './case-procedure';
import { enrolmentWorkflowId, type CaseView } from './definitions';
import type { EnrolmentCycle, EnrolmentInput, EnrolmentState, ExitOrder } from './enrolment-state';

/**
 * One cycle of an enrolment, shared by its parts: the review, the payment roster, the exit
 * and the staff actions beside them.
 */
export class EnrolmentRun {
  readonly proc: CaseProcedure;
  readonly state: EnrolmentState;
  exitOrder: ExitOrder | null = null;
  /** The view after the exit notice, answered to the Update that asked for the exit. */
  exitNotice: CaseView | null = null;
  /** True while a month is being put on the roster: the cycle ends only between payments. */
  paying = false;
  /** The signals closing the open referrals at an exit, sent beside the exit notice's answer. */
  referralsClosed: Promise<void> = Promise.resolve();

  constructor(
    readonly input: EnrolmentInput,
    cycle: EnrolmentCycle,
  ) {
    this.state = {
      ...cycle,
      caseNo: input.case.caseNo,
      stopFromMonth: null,
      exitReason: null,
      active: true,
    };
    this.proc = new CaseProcedure(input.case, {
      status: cycle.phaseOut ? 'PHASING_OUT' : 'ENROLLED',
      monthlyAmount: cycle.monthlyAmountYuan,
      nextReviewAt: new Date(cycle.nextReviewAt).toISOString(),
    });
  }

  get workflowId(): string {
    return enrolmentWorkflowId(this.input.case.caseNo);
  }

  get ledger() {
    return this.proc.ledger;
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
    };
  }
}
