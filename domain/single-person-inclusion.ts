import type { CountyPolicy } from './county-policy';
import type { HouseholdMemberInput } from './household';
import type { HouseholdIncome } from './income';
import { RATIO_SCALE, ratioInMillionths, yuanToFen } from './money';

/**
 * 单人保 single-person inclusion: in a household not poor enough to be enrolled as a whole but
 * under the county multiple of the standard (default 1.5×), a member with a grade 1–2
 * disability, a grade 3 intellectual or mental disability, or a serious illness may be enrolled
 * alone.
 */

export const SINGLE_PERSON_GROUNDS = {
  severeDisability: '一、二级重度残疾人',
  grade3IntellectualOrMental: '三级智力或精神残疾人',
  seriousIllness: '重病患者',
} as const;

export type SinglePersonGround = keyof typeof SINGLE_PERSON_GROUNDS;

export type SinglePersonMember = Pick<HouseholdMemberInput, 'id' | 'disability' | 'seriouslyIll'>;

export interface SinglePersonInclusion<M extends SinglePersonMember> {
  /** Per-capita income is under multiplier × standard. */
  householdUnderThreshold: boolean;
  /** Per-capita income is under the standard itself: enrol the whole household instead. */
  wholeHouseholdBelowStandard: boolean;
  eligibleMembers: Array<{ member: M; grounds: Array<{ code: SinglePersonGround; label: string }> }>;
}

export function singlePersonGrounds(member: SinglePersonMember): SinglePersonGround[] {
  const grounds: SinglePersonGround[] = [];
  const disability = member.disability;
  if (disability && disability.grade <= 2) grounds.push('severeDisability');
  if (disability?.grade === 3 && (disability.type === 'intellectual' || disability.type === 'mental'))
    grounds.push('grade3IntellectualOrMental');
  if (member.seriouslyIll) grounds.push('seriousIllness');
  return grounds;
}

export function singlePersonInclusion<M extends SinglePersonMember>(input: {
  /** The counted household members. */
  members: readonly M[];
  income: Pick<HouseholdIncome, 'memberCount' | 'annualFen'>;
  standardMonthlyYuan: number;
  policy: Pick<CountyPolicy, 'singlePersonInclusion'>;
}): SinglePersonInclusion<M> {
  const { income } = input;
  const standardFen = yuanToFen(input.standardMonthlyYuan);
  // Exact: annual income × 10⁶ against standard × 12 × members × multiplier in millionths.
  const thresholdScaled =
    standardFen *
    12 *
    income.memberCount *
    ratioInMillionths(input.policy.singlePersonInclusion.incomeMultiplier);
  const householdUnderThreshold = income.annualFen * RATIO_SCALE < thresholdScaled;
  const eligibleMembers = householdUnderThreshold
    ? input.members.flatMap((member) => {
        const grounds = singlePersonGrounds(member).map((code) => ({
          code,
          label: SINGLE_PERSON_GROUNDS[code],
        }));
        return grounds.length > 0 ? [{ member, grounds }] : [];
      })
    : [];
  return {
    householdUnderThreshold,
    wholeHouseholdBelowStandard: income.annualFen < standardFen * 12 * income.memberCount,
    eligibleMembers,
  };
}
