import { calculateBenefit, type BenefitBreakdown } from './benefit';
import type { CountyPolicy } from './county-policy';
import {
  assessEligibility,
  effectiveStandard,
  type EffectiveStandard,
  type HouseholdAssets,
  type IneligibilityReason,
  type Programme,
} from './eligibility';
import { composeHousehold, type HouseholdMemberInput } from './household';
import { assessHouseholdIncome, type IncomeItem } from './income';

export interface DibaoAssessment {
  on: string;
  countedMemberIds: string[];
  notCounted: { memberId: string; reason: string }[];
  perCapitaIncomeYuan: number;
  standardYuan: number | null;
  eligible: boolean;
  reasons: IneligibilityReason[];
  /** The monthly amount the investigation proposes: 补差 plus classified add-ons, or 0. */
  proposedMonthlyYuan: number;
  benefit: BenefitBreakdown | null;
}

/**
 * The investigation's conclusion: who counts, per-capita income, eligibility against the
 * standard in force on the day, and the proposed amount. Pure, so the workflow computes it.
 */
export function assessDibao(input: {
  programme: Programme;
  members: readonly HouseholdMemberInput[];
  singleParentFamily: boolean;
  incomes: readonly IncomeItem[];
  assets: HouseholdAssets;
  standards: readonly EffectiveStandard[];
  on: string;
  policy: CountyPolicy;
}): DibaoAssessment {
  const composition = composeHousehold(input.members, input.on);
  const countedMemberIds = composition.counted.map((m) => m.id);
  const notCounted = composition.notCounted.map((n) => ({ memberId: n.member.id, reason: n.reason.label }));
  const standard = effectiveStandard(input.standards, input.programme, input.on);
  const base = { on: input.on, countedMemberIds, notCounted };
  if (countedMemberIds.length === 0 || !standard) {
    const text = !standard ? '本县该类别低保标准未设定' : '无可计算的家庭成员';
    return {
      ...base,
      perCapitaIncomeYuan: 0,
      standardYuan: standard?.monthlyYuan ?? null,
      eligible: false,
      reasons: [{ code: 'incomeNotBelowStandard', text }],
      proposedMonthlyYuan: 0,
      benefit: null,
    };
  }
  const income = assessHouseholdIncome(countedMemberIds, input.incomes, input.policy);
  const eligibility = assessEligibility({
    income,
    standardMonthlyYuan: standard.monthlyYuan,
    assets: input.assets,
    policy: input.policy,
  });
  const benefit = eligibility.eligible
    ? calculateBenefit({
        standardMonthlyYuan: standard.monthlyYuan,
        perCapitaIncomeMonthlyYuan: income.perCapitaMonthlyYuan,
        members: composition.counted,
        singleParentFamily: input.singleParentFamily,
        on: input.on,
        policy: input.policy,
      })
    : null;
  return {
    ...base,
    perCapitaIncomeYuan: income.perCapitaMonthlyYuan,
    standardYuan: standard.monthlyYuan,
    eligible: eligibility.eligible,
    reasons: eligibility.eligible ? [] : eligibility.reasons,
    proposedMonthlyYuan: benefit?.totalYuan ?? 0,
    benefit,
  };
}
