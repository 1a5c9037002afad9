import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CaseStatus, HumanStepName } from '../domain/case-steps';
import type { Actor } from '../domain/staff-roles';

/** What a case workflow starts with; the case row and household are already written. */
export interface CaseWorkflowInput {
  caseId: string;
  caseNo: string;
  programme: 'DIBAO_URBAN' | 'DIBAO_RURAL';
  countyId: string;
  townshipId: string;
  villageId: string;
  /** Path of the village unit: staff act on the case only when it lies within their unit. */
  villagePath: string;
}

/** The workflow's own view of a case, returned by the state query and by every step Update. */
export interface CaseView {
  caseNo: string;
  status: CaseStatus;
  currentStep: HumanStepName | null;
  assigneeUnitId: string | null;
  dueAt: string | null;
  overdue: boolean;
}

/** A staff member's decision on a human step; `payload` is checked by the step's own schema. */
export interface StepSubmission {
  actor: Actor;
  payload: unknown;
}

export const caseStateQuery = defineQuery<CaseView>('caseState');

export const stepUpdates = {
  acceptance: defineUpdate<CaseView, [StepSubmission]>('acceptance'),
  investigation: defineUpdate<CaseView, [StepSubmission]>('investigation'),
  appraisal: defineUpdate<CaseView, [StepSubmission]>('appraisal'),
  townshipReview: defineUpdate<CaseView, [StepSubmission]>('townshipReview'),
  countyApproval: defineUpdate<CaseView, [StepSubmission]>('countyApproval'),
} satisfies Record<HumanStepName, unknown>;

/** Failure types an Update validator raises; the API maps them to HTTP statuses. */
export const STEP_REJECTIONS = {
  WrongStep: 409,
  StepBusy: 409,
  Forbidden: 403,
  InvalidPayload: 422,
} as const;

export type StepRejection = keyof typeof STEP_REJECTIONS;
