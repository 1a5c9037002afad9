import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { ExitReason } from '../domain/enrolment-exit';
import type { ExitRequest, ReviewRequestSignal } from '../domain/enrolment-decisions';
import type { IncomeItem } from '../domain/income';
import type { ReferralKind } from '../domain/referral-needs';
import type { InvestigationReport } from '../domain/step-decisions';
import type { SinglePersonChoice } from '../domain/single-person-assessment';
import type { Actor } from '../domain/staff-roles';
import type { CaseWorkflowInput } from './definitions';
import type { ServiceCycle, ServiceState } from './service-run';

/** Why an out-of-cycle review (动态管理) was asked for. */
export interface ReviewRequest {
  source:
    | 'changeReport'
    | 'standardChange'
    | 'referralOutcome'
    | 'tipOff'
    | 'randomCheck'
    | 'bureauChange'
    | 'other';
  reasons: string;
  requestedAt: string;
  requestId?: string;
}

/** What one cycle hands the next through continue-as-new. */
export interface EnrolmentCycle extends ServiceCycle {
  benefitStartMonth: string;
  /** The incomes the last investigation found: wages that appear later mean a member found work. */
  lastIncomes: IncomeItem[];
  jobReferralRefusals: number;
  /** Who is in the household, so the next run checks a refusal's member before it loads the facts. */
  memberIds: string[];
  /** 渐退期: the benefit continues to `lastMonth`, then the household exits. */
  phaseOut: { firstMonth: string; lastMonth: string } | null;
  pendingReviews: ReviewRequest[];
  /** How many referrals the household has had: the next one's number. */
  referralSeq: number;
  /** Referrals proposed or with a department: not proposed again, closed if the household exits. */
  openReferrals: OpenReferral[];
  /** 单人保: the one member enrolled alone; each review re-checks the rule. Absent in cycles carried before it existed. */
  singlePerson?: SinglePersonChoice | null;
}

export interface OpenReferral {
  referralNo: string;
  kind: ReferralKind;
  memberId: string | null;
}

export interface EnrolmentInput {
  case: CaseWorkflowInput;
  /** The approved amount, the first benefit month, the application's incomes and what its visit saw. */
  approved?: {
    monthlyAmountYuan: number;
    benefitStartMonth: string;
    incomes: IncomeItem[];
    circumstances?: InvestigationReport['circumstances'];
    singlePerson?: SinglePersonChoice;
  };
  /** Set by continue-as-new: the cycle that ended. */
  carried?: EnrolmentCycle;
}

/** An exit decided: by staff through `requestExit`, or by the rules (a review, the refusal count). */
export interface ExitOrder {
  reason: ExitReason;
  details: string;
  actor?: Actor;
  request?: ExitRequest;
}

export type EnrolmentState = ServiceState<EnrolmentCycle, ExitReason>;

export const enrolmentStateQuery = defineQuery<EnrolmentState>('enrolmentState');

/** From elsewhere in the system (a standard change, a referral outcome): review the household. */
export const requestReviewSignal = defineSignal<[ReviewRequestSignal]>('requestReview');
