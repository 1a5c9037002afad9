/**
 * The states a case passes through and the human steps that move it, with zh-CN names
 * for the console. A workflow's current step decides which Update it accepts.
 */
export const CASE_STATUSES = {
  SUBMITTED: '已申请',
  ACCEPTED: '已受理',
  NOT_ACCEPTED: '不予受理',
  INVESTIGATING: '调查核对中',
  APPRAISING: '民主评议中',
  TOWNSHIP_REVIEW: '乡镇审核中',
  ON_NOTICE: '公示中',
  COUNTY_APPROVAL: '县级审批中',
  ENROLLED: '已纳入保障',
  REFUSED: '不予批准',
  WITHDRAWN: '已撤回',
} as const;

export type CaseStatus = keyof typeof CASE_STATUSES;

export const HUMAN_STEPS = {
  acceptance: '受理',
  investigation: '家庭经济状况调查核对',
  appraisal: '民主评议',
  townshipReview: '乡镇审核',
  countyApproval: '县级审批',
} as const;

export type HumanStepName = keyof typeof HUMAN_STEPS;

export const CASE_EVENT_TYPES = {
  applicationReceived: '收到申请',
  stepOpened: '进入环节',
  stepDecided: '环节办结',
  stepOverdue: '环节超期',
  caseClosed: '办结',
} as const;

export type CaseEventType = keyof typeof CASE_EVENT_TYPES;
