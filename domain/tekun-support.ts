import type { CareLevel } from './care-level';
import type { CountyPolicy } from './county-policy';
import { fenToYuan, wholeYuanOfShare, yuanToFen } from './money';

/**
 * 特困供养 monthly support: the basic living standard (基本生活标准) plus the care standard
 * (照料护理标准) of the person's care level. The basic living standard is the county's own 特困
 * standard when it set one, else the county multiple of the 低保 standard rounded half up to
 * the yuan.
 */

export interface TekunSupport {
  basicLivingYuan: number;
  careYuan: number;
  totalYuan: number;
  totalFen: number;
}

export function tekunMonthlySupport(
  input: { dibaoStandardYuan: number; tekunStandardYuan?: number | null; careLevel: CareLevel },
  policy: Pick<CountyPolicy, 'extremePoverty'>,
): TekunSupport {
  const { basicLivingMultiplier, careStandards } = policy.extremePoverty;
  const basicLivingFen =
    input.tekunStandardYuan != null
      ? yuanToFen(input.tekunStandardYuan)
      : wholeYuanOfShare(yuanToFen(input.dibaoStandardYuan), basicLivingMultiplier) * 100;
  const careFen = yuanToFen(careStandards[input.careLevel]);
  const totalFen = basicLivingFen + careFen;
  return {
    basicLivingYuan: fenToYuan(basicLivingFen),
    careYuan: fenToYuan(careFen),
    totalYuan: fenToYuan(totalFen),
    totalFen,
  };
}
