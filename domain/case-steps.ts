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
  OBJECTION_REVIEW: '异议处理中',
  COUNTY_APPROVAL: '县级审批中',
  ENROLLED: '已纳入保障',
  REFUSED: '不予批准',
  WITHDRAWN: '已撤回',
  // While enrolled: 定期复核 and 动态管理
  RECERTIFYING: '复核中',
  PHASING_OUT: '渐退期',
  TERMINATION_ON_NOTICE: '终止公示中',
  EXIT_NOTIFIED: '已告知停保',
  EXITED: '已退出',
  // 医疗救助: an advance paid, its final bills awaited; a claim assisted and closed
  AWAITING_SETTLEMENT: '待结算',
  ASSISTED: '已救助',
  // 临时救助: a one-off grant closes the case (the person's claim on the cause stays for the year)
  GRANTED: '已给予救助',
} as const;

export type CaseStatus = keyof typeof CASE_STATUSES;

/** Statuses of an enrolled household: its enrolment workflow, not the application's, acts on it. */
export const ENROLMENT_STATUSES: readonly CaseStatus[] = [
  'ENROLLED',
  'RECERTIFYING',
  'PHASING_OUT',
  'TERMINATION_ON_NOTICE',
  'EXIT_NOTIFIED',
];

export function isEnrolled(status: string): boolean {
  return (ENROLMENT_STATUSES as readonly string[]).includes(status);
}

export const HUMAN_STEPS = {
  acceptance: '受理',
  investigation: '家庭经济状况调查核对',
  appraisal: '民主评议',
  townshipReview: '乡镇审核',
  objectionReview: '异议处理',
  countyApproval: '县级审批',
  recertInvestigation: '复核调查核对',
  recertReview: '乡镇复核审核',
  // 特困 (domain/programmes.ts names which programme uses which step)
  tekunInvestigation: '调查核实',
  tekunReview: '年度复核',
  careReassessment: '生活自理能力重新评估',
  bedOfferAnswer: '床位安排确认',
  terminationObjectionReview: '终止异议处理',
  // 医疗救助
  medicalCheck: '医疗救助乡镇审核',
  medicalApproval: '医疗救助县级审批',
  medicalSettlement: '事前救助费用结算',
  // 临时救助
  temporaryUrgentGrant: '先行救助',
  temporaryInvestigation: '临时救助调查核实',
  // 流浪乞讨人员救助: the stay ends with the way out (离站)
  vagrantExit: '离站',
} as const;

export type HumanStepName = keyof typeof HUMAN_STEPS;

/** The step a case is at: a human step, or the public notice period 公示 that runs by itself. */
export const PROCEDURE_STEPS = { ...HUMAN_STEPS, publicNotice: '公示' } as const;

export type ProcedureStep = keyof typeof PROCEDURE_STEPS;

export const CASE_EVENT_TYPES = {
  applicationReceived: '收到申请',
  stepOpened: '进入环节',
  stepDecided: '环节办结',
  stepOverdue: '环节超期',
  stepLapsed: '逾期未办理，环节失效',
  deadlineExtended: '延长环节时限',
  overallLimitStarted: '办理总时限起算',
  overallLimitExceeded: '超过办理总时限',
  overallLimitExtended: '延长办理总时限',
  assessmentComputed: '核算结果',
  noticeStarted: '公示开始',
  objectionReceived: '收到异议',
  noticeEnded: '公示结束',
  countyHomeVisit: '县级入户核查',
  investigationStarted: '开始入户调查',
  investigationStartOverdue: '入户调查未按时启动',
  refusalLetterServed: '不予批准通知书已送达',
  refusalLetterServiceOverdue: '不予批准通知书未按时送达',
  enrolmentStarted: '开始享受保障',
  reviewRequested: '申请复核',
  changeReported: '家庭情况变化报告',
  reviewStarted: '启动复核',
  reviewCompleted: '复核办结',
  phaseOutStarted: '进入渐退期',
  jobReferralRefused: '拒绝就业推荐',
  referralProposed: '提出转介建议',
  referralDismissed: '不予转介',
  referralSent: '发出转介函',
  referralAccepted: '部门接收转介',
  referralDeclined: '部门退回转介',
  referralProgress: '转介办理进展',
  referralCompleted: '转介办结',
  referralOverdue: '转介超期',
  referralClosed: '转介终止',
  exitNotified: '告知停保',
  careAssessed: '生活自理能力评估',
  supportArranged: '确定供养方式',
  noticeSkipped: '不予公示',
  placed: '入住供养机构',
  waitingListed: '轮候床位',
  bedOffered: '床位待确认',
  placementEnded: '离开供养机构',
  terminationProposed: '拟终止供养',
  terminationWithdrawn: '撤销终止',
  referralOnExitProposed: '终止后转介建议',
  enrolmentEnded: '停止保障',
  caseClosed: '办结',
  medicalAssistancePaid: '医疗救助金列入发放',
  medicalAdvanceSettled: '事前救助结算',
  medicalCaseOpened: '转介开立医疗救助案件',
  vagrantAdmitted: '入站登记',
  tracingNoticePublished: '发布寻亲公告',
  tracingNoticeOverdue: '寻亲公告未按时发布',
  stayExtended: '延长站内救助期限',
  hospitalTransfer: '送医救治',
  hospitalReturn: '出院返站',
  vagrantExited: '离站',
  returnHomeReferral: '转介户籍地乡镇',
  openedFromReferral: '由返乡转介开立',
  // 受灾人员救助 (workflows/disaster-relief.ts)
  transitionalAidStarted: '开始过渡期生活救助',
  transitionalAidPaid: '过渡期生活救助列入发放',
  returnedHome: '返家',
} as const;

export type CaseEventType = keyof typeof CASE_EVENT_TYPES;
