import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ReferralCompletion } from '../domain/referral-decisions';
import type { ReferralDepartment, ReferralKind } from '../domain/referral-needs';
import type { ReferralAction, ReferralStatus } from '../domain/referral-steps';
import type { Actor } from '../domain/staff-roles';
import type { CaseWorkflowInput, StepSubmission } from './definitions';

/** What a referral workflow starts with; its enrolment chose the number and the need. */
export interface ReferralInput {
  referralNo: string;
  case: CaseWorkflowInput;
  /**
   * Told when the referral ends, so the enrolment counts a refusal or asks for a review; null
   * when no enrolment waits for it (a rescue station's 返乡转介, whose case has closed).
   */
  enrolmentWorkflowId: string | null;
  /** A kind a township receives (返乡转介): the township of the prefecture it goes to. */
  receivingUnitId?: string | null;
  kind: ReferralKind;
  department: ReferralDepartment;
  memberId: string | null;
  memberName: string | null;
  reason: string;
  /** Proposed by the rules (the township confirms it first) or sent by hand. */
  source: 'proposed' | 'manual';
  requestedBy: Actor | null;
}

/** The referral as its workflow sees it, answered by the query and by every Update. */
export interface ReferralView {
  referralNo: string;
  status: ReferralStatus;
  receivingUnitId: string;
  dueAt: string | null;
  overdue: boolean;
}

export function referralWorkflowId(referralNo: string): string {
  return `referral-${referralNo}`;
}

/** The referral's number: its case's and a counter the enrolment keeps, e.g. …-Z03. */
export function referralNumber(caseNo: string, seq: number): string {
  return `${caseNo}-Z${String(seq).padStart(2, '0')}`;
}

export const referralStateQuery = defineQuery<ReferralView>('referralState');

export const referralUpdates = {
  confirm: defineUpdate<ReferralView, [StepSubmission]>('confirm'),
  dismiss: defineUpdate<ReferralView, [StepSubmission]>('dismiss'),
  accept: defineUpdate<ReferralView, [StepSubmission]>('accept'),
  decline: defineUpdate<ReferralView, [StepSubmission]>('decline'),
  progress: defineUpdate<ReferralView, [StepSubmission]>('progress'),
  complete: defineUpdate<ReferralView, [StepSubmission]>('complete'),
} satisfies Record<ReferralAction, unknown>;

/** From the enrolment when the household exits: the referral ends with a notice to the department. */
export interface ReferralClosure {
  exitReason: string;
  stopMonth: string;
}
export const closeReferralSignal = defineSignal<[ReferralClosure]>('closeReferral');

/** To the enrolment when a referral ends, with how it ended. */
export interface ReferralEnded {
  referralNo: string;
  kind: ReferralKind;
  department: ReferralDepartment;
  memberId: string | null;
  status: ReferralStatus;
  outcome: ReferralCompletion | null;
}
export const referralEndedSignal = defineSignal<[ReferralEnded]>('referralEnded');
