import type { HouseholdFacts } from '../activities/household-facts';
import type { CountyPolicy } from '../domain/county-policy';
import { assessDibao, type DibaoAssessment } from '../domain/dibao-assessment';
import type { HouseholdAssets } from '../domain/eligibility';
import type { IncomeItem } from '../domain/income';
import { localDateOf } from '../domain/working-days';
import type { StepRejection } from './definitions';

/** Refuses an investigation report that gives income to someone outside the household. */
export function incomeOutsideHousehold(
  facts: HouseholdFacts,
  incomes: readonly IncomeItem[],
): { type: StepRejection; message: string } | null {
  const unknown = incomes.find((i) => !facts.members.some((m) => m.id === i.memberId));
  return unknown
    ? { type: 'InvalidPayload', message: `incomes.memberId: ${unknown.memberId} 不是本户申报的家庭成员` }
    : null;
}

/** The investigation's conclusion for the household as declared, on today's standard. */
export function assessReport(
  facts: HouseholdFacts,
  report: { incomes: IncomeItem[]; assets: HouseholdAssets },
  policy: CountyPolicy,
): DibaoAssessment {
  return assessDibao({
    programme: facts.programme,
    members: facts.members,
    singleParentFamily: facts.singleParentFamily,
    incomes: report.incomes,
    assets: report.assets,
    standards: facts.standards,
    on: localDateOf(Date.now()),
    policy,
  });
}
