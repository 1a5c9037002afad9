import type { CountyPolicy } from './county-policy';
import type { DibaoAssessment } from './dibao-assessment';
import { ageOn, type HouseholdMemberInput } from './household';
import type { IncomeItem } from './income';

/**
 * 定期复核 recertification and 动态管理: how often an enrolled household is reviewed, and
 * what a review's re-assessment means for its benefit.
 */

export type LabourCapacity = 'FULL' | 'PARTIAL' | 'NONE';

/** Working age for the review interval: 16 up to the 60th birthday. */
export const WORKING_AGE = { from: 16, until: 60 } as const;

/** Of working age, not in school, and able to work at least in part. */
export function isWorkingAgeAbleToWork(
  m: Pick<HouseholdMemberInput, 'birthDate' | 'inSchool'> & { labourCapacity: LabourCapacity },
  on: string,
): boolean {
  const age = ageOn(m.birthDate, on);
  return age >= WORKING_AGE.from && age < WORKING_AGE.until && !m.inSchool && m.labourCapacity !== 'NONE';
}

export type HouseholdStability = { kind: 'stable' } | { kind: 'irregular'; because: string };

/**
 * Stable households (no one able to work, fixed income) are reviewed yearly; households with a
 * working-age member able to work, or with business income, more often.
 */
export function householdStability(
  members: readonly (Pick<HouseholdMemberInput, 'id' | 'birthDate' | 'inSchool'> & {
    name: string;
    labourCapacity: LabourCapacity;
  })[],
  incomes: readonly IncomeItem[],
  on: string,
): HouseholdStability {
  const worker = members.find((m) => isWorkingAgeAbleToWork(m, on));
  if (worker) return { kind: 'irregular', because: `${worker.name}处于劳动年龄且有劳动能力` };
  if (incomes.some((i) => i.kind === 'business' && i.amountYuan > 0))
    return { kind: 'irregular', because: '家庭有经营性收入，收入不固定' };
  return { kind: 'stable' };
}

export function recertificationMonths(
  stability: HouseholdStability,
  policy: Pick<CountyPolicy, 'recertification'>,
): number {
  return stability.kind === 'stable'
    ? policy.recertification.stableMonths
    : policy.recertification.irregularMonths;
}

/** Members with wages now who had none at the previous investigation: they found work. */
export function membersWhoFoundWork(
  previous: readonly IncomeItem[],
  current: readonly IncomeItem[],
): string[] {
  const earning = (items: readonly IncomeItem[]) =>
    new Set(items.filter((i) => i.kind === 'wages' && i.amountYuan > 0).map((i) => i.memberId));
  const before = earning(previous);
  return [...earning(current)].filter((id) => !before.has(id));
}

export type RecertificationOutcome =
  | { kind: 'continue'; amountYuan: number }
  | { kind: 'increase' | 'reduce'; fromYuan: number; toYuan: number }
  /** No longer eligible; `phaseOutMonths` > 0 keeps the benefit that long first (渐退期). */
  | { kind: 'stop'; reasons: string; incomeAboveStandard: boolean; phaseOutMonths: number };

export const RECERTIFICATION_OUTCOMES = {
  continue: '维持原保障金额',
  increase: '增加保障金额',
  reduce: '减少保障金额',
  stop: '停止保障',
} as const;

/**
 * A review's outcome from its re-assessment. The same amount is no material change: the
 * benefit continues as it is. Income above the standard because a member found work keeps the
 * benefit for the county's phase-out period; any other ineligibility stops it.
 */
export function decideRecertification(input: {
  currentYuan: number;
  assessment: Pick<DibaoAssessment, 'eligible' | 'proposedMonthlyYuan' | 'reasons'>;
  foundWork: readonly string[];
  policy: Pick<CountyPolicy, 'phaseOutMonths'>;
}): RecertificationOutcome {
  const { assessment, currentYuan } = input;
  if (!assessment.eligible) {
    const incomeAboveStandard =
      assessment.reasons.length > 0 && assessment.reasons.every((r) => r.code === 'incomeNotBelowStandard');
    return {
      kind: 'stop',
      reasons: assessment.reasons.map((r) => r.text).join('；'),
      incomeAboveStandard,
      phaseOutMonths: incomeAboveStandard && input.foundWork.length > 0 ? input.policy.phaseOutMonths : 0,
    };
  }
  const toYuan = assessment.proposedMonthlyYuan;
  if (toYuan === currentYuan) return { kind: 'continue', amountYuan: currentYuan };
  return { kind: toYuan > currentYuan ? 'increase' : 'reduce', fromYuan: currentYuan, toYuan };
}
