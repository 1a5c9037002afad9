import { calculateBenefit, type BenefitBreakdown } from './benefit';
import type { CountyPolicy } from './county-policy';
import type { DibaoAssessment } from './dibao-assessment';
import { INELIGIBILITY_REASONS, type IneligibilityReason } from './eligibility';
import type { HouseholdMemberInput } from './household';
import { assessHouseholdIncome, type IncomeItem } from './income';
import { yuanToFen } from './money';
import { singlePersonInclusion, type SinglePersonGround } from './single-person-inclusion';

/** 单人保 as chosen at the township review: the member enrolled alone. */
export interface SinglePersonChoice {
  memberId: string;
}

export type SinglePersonAssessment =
  | {
      allowed: true;
      memberId: string;
      grounds: SinglePersonGround[];
      /** The grounds in Chinese, joined, as letters print them. */
      groundsText: string;
      /** The member's own counted income per month: the member is assessed as a household of one. */
      ownIncomeYuan: number;
      benefit: BenefitBreakdown;
      monthlyYuan: number;
    }
  | { allowed: false; reason: IneligibilityReason };

const refused = (text: string, incomeAbove = false): SinglePersonAssessment => ({
  allowed: false,
  reason: { code: incomeAbove ? 'incomeNotBelowStandard' : 'singlePersonNotAllowed', text },
});

/**
 * Whether the household's assessment allows 单人保 for one member, and the member's amount if so.
 *
 * The rule (single-person-inclusion.ts): the household's per-capita income is under the county
 * multiple of the standard but not under the standard itself (then the whole household is
 * enrolled), and the member has a qualifying disability or serious illness. The household's
 * asset limits still apply. The member is then assessed as a household of one: 补差 is the
 * standard less the member's own counted income, plus the member's classified add-on; a member
 * whose own income is not below the standard gets nothing and is refused.
 */
export function assessSinglePerson(input: {
  memberId: string;
  household: Pick<DibaoAssessment, 'countedMemberIds' | 'standardYuan' | 'reasons'>;
  members: readonly HouseholdMemberInput[];
  incomes: readonly IncomeItem[];
  singleParentFamily: boolean;
  on: string;
  policy: CountyPolicy;
}): SinglePersonAssessment {
  const { household, policy } = input;
  const standardYuan = household.standardYuan;
  if (standardYuan === null || household.countedMemberIds.length === 0)
    return refused('本县该类别低保标准未设定或无可计算的家庭成员，不能单人保');
  const counted = input.members.filter((m) => household.countedMemberIds.includes(m.id));
  const member = counted.find((m) => m.id === input.memberId);
  if (!member) return refused(`singlePerson.memberId: ${input.memberId} 不是本户计入的家庭成员`);
  const assetReasons = household.reasons.filter((r) => r.code !== 'incomeNotBelowStandard');
  if (assetReasons.length > 0)
    return refused(`家庭财产状况不符合低保条件，不能单人保：${assetReasons.map((r) => r.text).join('；')}`);

  const income = assessHouseholdIncome(household.countedMemberIds, input.incomes, policy);
  const rule = singlePersonInclusion({ members: counted, income, standardMonthlyYuan: standardYuan, policy });
  if (rule.wholeHouseholdBelowStandard)
    return refused('家庭月人均收入低于低保标准，应全户纳入，不适用单人保 (the whole household is eligible)');
  if (!rule.householdUnderThreshold)
    return refused(
      `家庭月人均收入不低于低保标准的 ${policy.singlePersonInclusion.incomeMultiplier} 倍，不适用单人保 (household income over the threshold)`,
      true,
    );
  const eligible = rule.eligibleMembers.find((e) => e.member.id === member.id);
  if (!eligible)
    return refused(
      '该成员不是一、二级重度残疾人、三级智力或精神残疾人或重病患者，不适用单人保 (no qualifying disability or illness)',
    );

  const own = assessHouseholdIncome([member.id], input.incomes, policy);
  if (own.annualFen >= yuanToFen(standardYuan) * 12)
    return refused(`${INELIGIBILITY_REASONS.incomeNotBelowStandard}（该成员本人收入），不适用单人保`, true);
  const benefit = calculateBenefit({
    standardMonthlyYuan: standardYuan,
    perCapitaIncomeMonthlyYuan: own.perCapitaMonthlyYuan,
    members: [member],
    singleParentFamily: input.singleParentFamily,
    on: input.on,
    policy,
  });
  return {
    allowed: true,
    memberId: member.id,
    grounds: eligible.grounds.map((g) => g.code),
    groundsText: eligible.grounds.map((g) => g.label).join('、'),
    ownIncomeYuan: own.perCapitaMonthlyYuan,
    benefit,
    monthlyYuan: benefit.totalYuan,
  };
}

/**
 * A 单人保 enrolment's recertification re-checks the rule: still allowed, the member's amount;
 * the whole household now below the standard, the household's own assessment (it is enrolled
 * whole from then on); otherwise not eligible, for the reason the rule gives.
 */
export function singlePersonRecertification(
  household: Pick<DibaoAssessment, 'eligible' | 'proposedMonthlyYuan' | 'reasons'>,
  single: SinglePersonAssessment,
): {
  assessment: Pick<DibaoAssessment, 'eligible' | 'proposedMonthlyYuan' | 'reasons'>;
  singlePerson: SinglePersonChoice | null;
} {
  if (single.allowed)
    return {
      assessment: { eligible: true, proposedMonthlyYuan: single.monthlyYuan, reasons: [] },
      singlePerson: { memberId: single.memberId },
    };
  if (household.eligible) return { assessment: household, singlePerson: null };
  return {
    assessment: { eligible: false, proposedMonthlyYuan: 0, reasons: [single.reason] },
    singlePerson: null,
  };
}
