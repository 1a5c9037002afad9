import type { CountyPolicy } from './county-policy';
import { toLocalDate } from './household';
import type { HouseholdIncome } from './income';
import { formatYuan, yuanToFen } from './money';

/** 城市低保 urban or 农村低保 rural programme. */
export type Programme = 'urban' | 'rural';

/** A 低保 standard set by the county, in force from `effectiveFrom` through `effectiveTo` (both inclusive). */
export interface EffectiveStandard {
  programme: Programme;
  monthlyYuan: number;
  effectiveFrom: string;
  effectiveTo?: string | null;
}

/**
 * The standard in force for a programme on a date; when ranges overlap (an open-ended old
 * standard and a newer one), the one that took effect latest wins. Null when none applies.
 */
export function effectiveStandard<S extends EffectiveStandard>(
  standards: readonly S[],
  programme: Programme,
  on: string | Date,
): S | null {
  const day = toLocalDate(on);
  let chosen: S | null = null;
  for (const standard of standards) {
    if (standard.programme !== programme || standard.effectiveFrom > day) continue;
    if (standard.effectiveTo && standard.effectiveTo < day) continue;
    if (!chosen || standard.effectiveFrom > chosen.effectiveFrom) chosen = standard;
  }
  return chosen;
}

export interface HouseholdAssets {
  /** Deposits and other financial assets of all counted members together. */
  depositsYuan: number;
  /** Motor vehicles that the county does not exempt (e.g. a disabled person's mobility vehicle). */
  vehicles: number;
  homes: number;
  registeredBusiness: boolean;
}

export const INELIGIBILITY_REASONS = {
  incomeNotBelowStandard: '家庭月人均收入不低于当地低保标准',
  depositsOverLimit: '家庭人均存款等金融资产超过本县限额',
  ownsVehicle: '家庭拥有机动车辆',
  ownsSecondHome: '家庭拥有两套及以上住房',
  ownsRegisteredBusiness: '家庭成员登记注册有企业或个体工商户',
  singlePersonNotAllowed: '不符合单人保条件',
} as const;

export type IneligibilityCode = keyof typeof INELIGIBILITY_REASONS;

export interface IneligibilityReason {
  code: IneligibilityCode;
  text: string;
}

export type EligibilityResult = { eligible: true } | { eligible: false; reasons: IneligibilityReason[] };

function reason(code: IneligibilityCode, detail?: string): IneligibilityReason {
  const label = INELIGIBILITY_REASONS[code];
  return { code, text: detail ? `${label}（${detail}）` : label };
}

/**
 * 低保 eligibility: per-capita income strictly below the standard and no asset over the county's
 * limits. Income is compared exactly (annual fen against standard × 12 × members).
 */
export function assessEligibility(input: {
  income: Pick<HouseholdIncome, 'memberCount' | 'annualFen' | 'perCapitaMonthlyFen'>;
  standardMonthlyYuan: number;
  assets: HouseholdAssets;
  policy: Pick<CountyPolicy, 'assetLimits'>;
}): EligibilityResult {
  const { income, assets } = input;
  const limits = input.policy.assetLimits;
  const standardFen = yuanToFen(input.standardMonthlyYuan);
  const reasons: IneligibilityReason[] = [];

  if (income.annualFen >= standardFen * 12 * income.memberCount)
    reasons.push(
      reason(
        'incomeNotBelowStandard',
        `月人均 ${formatYuan(income.perCapitaMonthlyFen)} 元，标准 ${formatYuan(standardFen)} 元`,
      ),
    );
  if (yuanToFen(assets.depositsYuan) > yuanToFen(limits.depositsPerCapitaMaxYuan) * income.memberCount)
    reasons.push(
      reason('depositsOverLimit', `人均限额 ${formatYuan(yuanToFen(limits.depositsPerCapitaMaxYuan))} 元`),
    );
  if (!limits.vehicleAllowed && assets.vehicles > 0) reasons.push(reason('ownsVehicle'));
  if (!limits.secondHomeAllowed && assets.homes > 1) reasons.push(reason('ownsSecondHome'));
  if (!limits.registeredBusinessAllowed && assets.registeredBusiness)
    reasons.push(reason('ownsRegisteredBusiness'));

  return reasons.length === 0 ? { eligible: true } : { eligible: false, reasons };
}
