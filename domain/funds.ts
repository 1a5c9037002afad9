import { z } from 'zod';
import { lazySchema } from './lazy-schema';

/**
 * Funds by source 资金: each county's yearly budget per programme and source. Every source is
 * accounted for separately; an approved roll draws its programmes' sums on one line each.
 */
export const FUND_SOURCES = {
  HIGHER_TRANSFER: '上级转移支付',
  PREFECTURE_BUDGET: '州级预算',
  COUNTY_BUDGET: '县级预算',
  WELFARE_LOTTERY: '福彩公益金',
  DONATIONS: '社会捐赠',
} as const;

export type FundSource = keyof typeof FUND_SOURCES;

/** The order a roll's draw looks for a programme's line when the approval names none. */
export const DEFAULT_DRAW_ORDER = Object.keys(FUND_SOURCES) as FundSource[];

export const fundSourceSchema = lazySchema(() =>
  z.enum(Object.keys(FUND_SOURCES) as [FundSource, ...FundSource[]], {
    error: '资金来源不正确 (unknown fund source)',
  }),
);

/** The line a draw goes to: the one the approval names, else the first existing in the default order. */
export function drawSource(
  existing: readonly FundSource[],
  named: FundSource | undefined,
): FundSource | null {
  if (named) return named;
  return DEFAULT_DRAW_ORDER.find((s) => existing.includes(s)) ?? null;
}

/** The year a roll month's draw belongs to. */
export const budgetYearOf = (month: string) => Number(month.slice(0, 4));
