import type { HumanStepName } from './case-steps';
import type { StaffRole } from './staff-roles';

/**
 * Who decides each human step and who may take each action: one table that the workflows'
 * validators enforce and the console reads to show a user only the forms they may submit.
 */
export const STEP_ROLES = {
  acceptance: ['TOWNSHIP_OFFICER'],
  investigation: ['TOWNSHIP_OFFICER'],
  appraisal: ['VILLAGE_ASSISTANT'],
  townshipReview: ['TOWNSHIP_OFFICER'],
  objectionReview: ['TOWNSHIP_OFFICER'],
  countyApproval: ['COUNTY_APPROVER'],
  recertInvestigation: ['TOWNSHIP_OFFICER'],
  recertReview: ['TOWNSHIP_OFFICER'],
  tekunInvestigation: ['TOWNSHIP_OFFICER'],
  tekunReview: ['TOWNSHIP_OFFICER'],
  careReassessment: ['TOWNSHIP_OFFICER'],
  bedOfferAnswer: ['TOWNSHIP_OFFICER'],
  terminationObjectionReview: ['TOWNSHIP_OFFICER'],
  medicalCheck: ['TOWNSHIP_OFFICER'],
  medicalApproval: ['COUNTY_APPROVER'],
  medicalSettlement: ['TOWNSHIP_OFFICER'],
  temporaryUrgentGrant: ['TOWNSHIP_OFFICER'],
  temporaryInvestigation: ['TOWNSHIP_OFFICER'],
  // The rescue station is run by the county civil-affairs bureau: its staff act as county approvers.
  vagrantExit: ['COUNTY_APPROVER'],
} as const satisfies Record<HumanStepName, readonly StaffRole[]>;

export const ACTION_ROLES = {
  extendStepDeadline: ['SUPERVISOR'],
  extendOverallLimit: ['SUPERVISOR'],
  recordObjection: ['VILLAGE_ASSISTANT', 'TOWNSHIP_OFFICER'],
  recordCountyHomeVisit: ['COUNTY_APPROVER'],
  recordInvestigationStart: ['TOWNSHIP_OFFICER'],
  recordLetterServed: ['TOWNSHIP_OFFICER'],
  reportChange: ['VILLAGE_ASSISTANT', 'TOWNSHIP_OFFICER'],
  requestExit: ['TOWNSHIP_OFFICER', 'COUNTY_APPROVER'],
  recordJobReferralRefusal: ['TOWNSHIP_OFFICER'],
  referByHand: ['TOWNSHIP_OFFICER', 'COUNTY_APPROVER'],
  reportCareChange: ['VILLAGE_ASSISTANT', 'TOWNSHIP_OFFICER'],
  changeSupportMode: ['TOWNSHIP_OFFICER'],
  recordTracingNotice: ['COUNTY_APPROVER'],
  extendStay: ['SUPERVISOR'],
  transferToHospital: ['COUNTY_APPROVER'],
  returnFromHospital: ['COUNTY_APPROVER'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type ActionName = keyof typeof ACTION_ROLES;
