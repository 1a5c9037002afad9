import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CaseStatus, HumanStepName, ProcedureStep } from '../domain/case-steps';
import type { DisasterListFacts } from '../domain/disaster-lists';
import type { DisasterFacts, ProgrammeFacts, TemporaryFacts } from '../domain/programme-facts';
import type { OpenProgrammeCode, ProgrammeActionName } from '../domain/programmes';
import type { Actor } from '../domain/staff-roles';
import type { VagrantIntakeFacts } from '../domain/vagrant';

/** The person and the clocks an intake sets (ISO instants; the tracing notice only when home is unknown). */
export interface VagrantStayInput extends VagrantIntakeFacts {
  stayDueAt: string;
  tracingNoticeDueAt: string | null;
}

/** What a case workflow starts with; the case row and household are already written. */
export interface CaseWorkflowInput {
  caseId: string;
  caseNo: string;
  programme: OpenProgrammeCode;
  countyId: string;
  townshipId: string;
  villageId: string;
  /** Path of the village unit: staff act on the case only when it lies within their unit. */
  villagePath: string;
  /** Declared relative of assistance staff or village cadres (近亲属备案): county home visit first. */
  relativeOfStaff: boolean;
  /** 临时救助: the request as filed (path, cause, circumstances); absent for other programmes. */
  temporary?: TemporaryFacts;
  /** 流浪乞讨人员救助: the person as taken in, and the clocks set at intake; absent for other programmes. */
  vagrant?: VagrantStayInput;
  /** 受灾人员救助: the relocation and the transitional aid's terms; absent for other programmes. */
  disaster?: DisasterFacts;
  /** 受灾人员救助名单: the village list this DISASTER case runs (domain/disaster-lists.ts). */
  disasterList?: DisasterListFacts;
}

/** The workflow's own view of a case, returned by the state query and by every step Update. */
export interface CaseView {
  caseNo: string;
  status: CaseStatus;
  currentStep: ProcedureStep | null;
  assigneeUnitId: string | null;
  dueAt: string | null;
  overdue: boolean;
  /** The whole procedure's limit (30 working days, or 45 when a supervisor extended it). */
  overallDueAt: string | null;
  overallOverdue: boolean;
  /** Proposed by the investigation, then the amount approved. */
  monthlyAmount: number | null;
  /** While enrolled: when the next regular recertification opens. */
  nextReviewAt: string | null;
  /** The programme's own figures (domain/programme-facts.ts), where it keeps any. */
  programmeFacts?: ProgrammeFacts | null;
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
  objectionReview: defineUpdate<CaseView, [StepSubmission]>('objectionReview'),
  countyApproval: defineUpdate<CaseView, [StepSubmission]>('countyApproval'),
  recertInvestigation: defineUpdate<CaseView, [StepSubmission]>('recertInvestigation'),
  recertReview: defineUpdate<CaseView, [StepSubmission]>('recertReview'),
  tekunInvestigation: defineUpdate<CaseView, [StepSubmission]>('tekunInvestigation'),
  tekunReview: defineUpdate<CaseView, [StepSubmission]>('tekunReview'),
  careReassessment: defineUpdate<CaseView, [StepSubmission]>('careReassessment'),
  bedOfferAnswer: defineUpdate<CaseView, [StepSubmission]>('bedOfferAnswer'),
  terminationObjectionReview: defineUpdate<CaseView, [StepSubmission]>('terminationObjectionReview'),
  medicalCheck: defineUpdate<CaseView, [StepSubmission]>('medicalCheck'),
  medicalApproval: defineUpdate<CaseView, [StepSubmission]>('medicalApproval'),
  medicalSettlement: defineUpdate<CaseView, [StepSubmission]>('medicalSettlement'),
  temporaryUrgentGrant: defineUpdate<CaseView, [StepSubmission]>('temporaryUrgentGrant'),
  temporaryInvestigation: defineUpdate<CaseView, [StepSubmission]>('temporaryInvestigation'),
  vagrantExit: defineUpdate<CaseView, [StepSubmission]>('vagrantExit'),
} satisfies Record<HumanStepName, unknown>;

/** Actions outside the step sequence: supervision, objections, the county's home visit. */
export const caseActions = {
  extendStepDeadline: defineUpdate<CaseView, [StepSubmission]>('extendStepDeadline'),
  extendOverallLimit: defineUpdate<CaseView, [StepSubmission]>('extendOverallLimit'),
  recordObjection: defineUpdate<CaseView, [StepSubmission]>('recordObjection'),
  recordCountyHomeVisit: defineUpdate<CaseView, [StepSubmission]>('recordCountyHomeVisit'),
  recordInvestigationStart: defineUpdate<CaseView, [StepSubmission]>('recordInvestigationStart'),
  recordLetterServed: defineUpdate<CaseView, [StepSubmission]>('recordLetterServed'),
};

/** Actions while a household is enrolled: reports that start a review, and the exits staff record. */
export const enrolmentActions = {
  extendStepDeadline: caseActions.extendStepDeadline,
  reportChange: defineUpdate<CaseView, [StepSubmission]>('reportChange'),
  requestExit: defineUpdate<CaseView, [StepSubmission]>('requestExit'),
  recordJobReferralRefusal: defineUpdate<CaseView, [StepSubmission]>('recordJobReferralRefusal'),
};

/** Every action Update a programme's workflows may register; domain/programmes.ts says which each accepts. */
export const programmeActions = {
  ...caseActions,
  ...enrolmentActions,
  reportCareChange: defineUpdate<CaseView, [StepSubmission]>('reportCareChange'),
  changeSupportMode: defineUpdate<CaseView, [StepSubmission]>('changeSupportMode'),
  recordTracingNotice: defineUpdate<CaseView, [StepSubmission]>('recordTracingNotice'),
  extendStay: defineUpdate<CaseView, [StepSubmission]>('extendStay'),
  transferToHospital: defineUpdate<CaseView, [StepSubmission]>('transferToHospital'),
  returnFromHospital: defineUpdate<CaseView, [StepSubmission]>('returnFromHospital'),
} satisfies Record<ProgrammeActionName, unknown>;

/** While enrolled: refer the household to another bureau by hand; answers the referral's number. */
export const referByHand = defineUpdate<{ referralNo: string }, [StepSubmission]>('referByHand');

export type CaseActionName = keyof typeof caseActions;
export type EnrolmentActionName = keyof typeof enrolmentActions;

/** The household's enrolment, one workflow per case, started by the county's approval. */
export function enrolmentWorkflowId(caseNo: string): string {
  return `enrolment-${caseNo}`;
}

/** Failure types an Update validator raises; the API maps them to HTTP statuses. */
export const STEP_REJECTIONS = {
  WrongStep: 409,
  StepBusy: 409,
  Forbidden: 403,
  InvalidPayload: 422,
  /** A rule of the procedure stands in the way now (e.g. the county visit is not yet recorded). */
  NotYet: 409,
} as const;

export type StepRejection = keyof typeof STEP_REJECTIONS;
