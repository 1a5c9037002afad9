import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes of every case workflow, so the Temporal Web UI and
 * `temporal workflow list --query "CaseOverdue = true AND CaseCounty = '532901'"` find cases.
 */
export const CaseProgramme = defineSearchAttributeKey('CaseProgramme', SearchAttributeType.KEYWORD);
export const CaseCounty = defineSearchAttributeKey('CaseCounty', SearchAttributeType.KEYWORD);
export const CaseTownship = defineSearchAttributeKey('CaseTownship', SearchAttributeType.KEYWORD);
export const CaseStep = defineSearchAttributeKey('CaseStep', SearchAttributeType.KEYWORD);
export const CaseDueAt = defineSearchAttributeKey('CaseDueAt', SearchAttributeType.DATETIME);
export const CaseOverdue = defineSearchAttributeKey('CaseOverdue', SearchAttributeType.BOOL);

export const CASE_SEARCH_ATTRIBUTES = [
  CaseProgramme,
  CaseCounty,
  CaseTownship,
  CaseStep,
  CaseDueAt,
  CaseOverdue,
];
