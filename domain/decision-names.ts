import { PLACEMENT_END_REASONS } from './care-home-queue';
import { CARE_LEVELS } from './care-level';
import { CHANGE_KINDS } from './enrolment-decisions';
import { EXIT_REASONS } from './enrolment-exit';
import { RECERTIFICATION_OUTCOMES } from './recertification';
import { REFERRAL_RESULTS } from './referral-decisions';
import { TERMINATION_REASONS } from './tekun-termination';

/** The zh-CN words for the decision codes the event log records, as the console shows them. */
export const DECISION_NAMES: Record<string, string> = {
  accept: '受理',
  reject: '不予受理',
  consistent: '核对一致',
  discrepancy: '核对存在差异',
  eligible: '符合条件',
  notEligible: '不符合条件',
  passed: '评议通过',
  notPassed: '评议未通过',
  approve: '同意',
  return: '退回',
  refuse: '不予批准',
  refused: '不予批准',
  notAccepted: '不予受理',
  dismiss: '异议不成立',
  uphold: '异议成立',
  objected: '有异议',
  noObjection: '无异议',
  enrolled: '纳入保障',
  confirm: '确认',
  investigated: '已调查核对',
  householdRefused: '拒不配合复核',
  scheduled: '定期复核',
  outOfCycle: '动态复核',
  changeReport: '家庭情况变化报告',
  standardChange: '保障标准调整',
  referralOutcome: '转介结果',
  tipOff: '举报核查属实',
  randomCheck: '随机抽查发现问题',
  bureauChange: '部门数据变更',
  ...RECERTIFICATION_OUTCOMES,
  ...EXIT_REASONS,
  ...CHANGE_KINDS,
  ...REFERRAL_RESULTS,
  // 特困
  centralised: '集中供养',
  dispersed: '分散供养',
  declined: '放弃',
  lapsed: '逾期未确认',
  transferRefused: '不能转院',
  care: '生活自理能力变化',
  continue: '继续供养',
  ...CARE_LEVELS,
  ...PLACEMENT_END_REASONS,
  ...TERMINATION_REASONS,
};
