import { monthsBetween } from './benefit-months';
import { fenToYuan, yuanToFen } from './money';

/** 退出 exit: every reason an enrolment ends, as the exit letter states it. */
export const EXIT_REASONS = {
  incomeAboveStandard: '家庭月人均收入超过当地低保标准',
  noLongerEligible: '经复核，家庭经济状况不再符合低保条件',
  death: '保障对象死亡',
  movedOut: '户籍或居住地迁出本辖区',
  refusedReview: '无正当理由拒不配合复核调查',
  refusedJobReferrals: '有劳动能力的家庭成员三次无正当理由拒绝就业推荐',
  voluntaryWithdrawal: '本人申请自愿退出',
  fraud: '以虚报、隐瞒、伪造等手段骗取最低生活保障',
} as const;

export type ExitReason = keyof typeof EXIT_REASONS;

/** Refused job referrals (就业推荐) that end the enrolment. */
export const JOB_REFERRAL_REFUSALS_TO_EXIT = 3;

export interface BenefitPaid {
  month: string;
  amountYuan: number;
}

/**
 * Overpayment after fraud: everything paid for the months from the one the household stopped
 * being eligible, to be recovered (追回).
 */
export function overpayment(
  payments: readonly BenefitPaid[],
  ineligibleFrom: string,
): { months: string[]; totalYuan: number } {
  const recovered = payments
    .filter((p) => monthsBetween(ineligibleFrom, p.month) >= 0)
    .sort((a, b) => a.month.localeCompare(b.month));
  const totalFen = recovered.reduce((sum, p) => sum + yuanToFen(p.amountYuan), 0);
  return { months: recovered.map((p) => p.month), totalYuan: fenToYuan(totalFen) };
}
