import { sameDayMonthsLater } from './benefit-months';
import type { CountyPolicy } from './county-policy';
import { fenToYuan, wholeYuanOfShare, yuanToFen } from './money';

/**
 * 临时救助 temporary assistance: catches a household in sudden hardship that no other programme
 * covers in time. Two paths: urgent 急难型 (the township grants at once, 先行救助, and the
 * paperwork follows) and expense-driven 支出型 (application, investigation, county approval).
 * The amount is months of the local 低保 standard by cause, capped; a person is helped once per
 * cause within the county's repeat window (a year by default). Every figure is county policy.
 */

/** Causes of hardship the county sets an amount for (the keys of its policy). */
export const TEMPORARY_CAUSES = {
  fire: '火灾',
  trafficAccident: '交通事故',
  seriousIllness: '重大疾病',
  suddenAccident: '突发意外',
  essentialExpenseSurge: '生活必需支出突增',
} as const;

export type TemporaryCause = keyof typeof TEMPORARY_CAUSES;

export const TEMPORARY_CAUSE_CODES = Object.keys(TEMPORARY_CAUSES) as [TemporaryCause, ...TemporaryCause[]];

export const TEMPORARY_PATHS = {
  urgent: '急难型',
  expense: '支出型',
} as const;

export type TemporaryPath = keyof typeof TEMPORARY_PATHS;

type TemporaryPolicy = Pick<CountyPolicy, 'temporaryAssistance'>;

export interface TemporaryAmount {
  /** Months of the standard for the cause. */
  byCauseYuan: number;
  /** The county's cap on one grant. */
  capYuan: number;
  /** The verified expense still to be borne, when one was found. */
  expenseYuan: number | null;
  /** The least of the three: what the rule grants. */
  amountYuan: number;
  limitedBy: 'cause' | 'cap' | 'expense';
  /** How the amount reads in the case log and the letter (zh-CN). */
  explanation: string;
}

/**
 * The amount by the county's rule: the cause's months of the 低保 standard (rounded half up to
 * the yuan), no more than the cap (months of the standard), and no more than the verified
 * expense the household still bears, when there is one.
 */
export function temporaryAmount(
  input: { cause: TemporaryCause; standardYuan: number; expenseYuan?: number | null },
  policy: TemporaryPolicy,
): TemporaryAmount {
  const { monthsOfStandard, capMonthsOfStandard } = policy.temporaryAssistance;
  const standardFen = yuanToFen(input.standardYuan);
  const months = monthsOfStandard[input.cause];
  const byCauseFen = wholeYuanOfShare(standardFen, months) * 100;
  const capFen = wholeYuanOfShare(standardFen, capMonthsOfStandard) * 100;
  const expenseFen = input.expenseYuan == null ? null : yuanToFen(input.expenseYuan);
  let amountFen = byCauseFen;
  let limitedBy: TemporaryAmount['limitedBy'] = 'cause';
  if (capFen < amountFen) {
    amountFen = capFen;
    limitedBy = 'cap';
  }
  if (expenseFen !== null && expenseFen < amountFen) {
    amountFen = expenseFen;
    limitedBy = 'expense';
  }
  const cause = TEMPORARY_CAUSES[input.cause];
  const rule = `${cause}按低保标准 ${input.standardYuan} 元的 ${months} 个月计 ${fenToYuan(byCauseFen)} 元`;
  const explanation = {
    cause: rule,
    cap: `${rule}，超过救助上限（${capMonthsOfStandard} 个月标准 ${fenToYuan(capFen)} 元），按上限给予`,
    expense: `${rule}，按核实的自负支出 ${fenToYuan(expenseFen ?? 0)} 元给予`,
  }[limitedBy];
  return {
    byCauseYuan: fenToYuan(byCauseFen),
    capYuan: fenToYuan(capFen),
    expenseYuan: expenseFen === null ? null : fenToYuan(expenseFen),
    amountYuan: fenToYuan(amountFen),
    limitedBy,
    explanation,
  };
}

/** What an urgent grant 先行救助 gives: cash, or goods at their value. */
export type UrgentGrant =
  { kind: 'cash'; amountYuan: number } | { kind: 'goods'; goods: string; valueYuan: number };

/** Why an urgent grant cannot be made as given (over the county's cap), or null when it can. */
export function urgentGrantProblem(grant: UrgentGrant, policy: TemporaryPolicy): string | null {
  const cap = policy.temporaryAssistance.urgentCapYuan;
  const value = grant.kind === 'cash' ? grant.amountYuan : grant.valueYuan;
  if (yuanToFen(value) > yuanToFen(cap)) {
    return `先行救助金额（含实物折价）${value} 元超过本县上限 ${cap} 元 (urgent grant over the cap)`;
  }
  return null;
}

/**
 * 查重 of temporary assistance: the claim group of a cause, so one person holds one case per
 * cause (an open case, or a grant within the repeat window), while causes do not block each other.
 */
export function temporaryClaimGroup(cause: TemporaryCause): string {
  return `temporary:${cause}`;
}

/**
 * The day a grant made at `grantedAt` stops blocking another for the same person and cause: its
 * anniversary (00:00 local) after the county's repeat window, as an instant (epoch ms).
 */
export function repeatWindowEnds(grantedAt: Date | number, policy: TemporaryPolicy): number {
  return sameDayMonthsLater(grantedAt, policy.temporaryAssistance.repeatWindowMonths);
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * For an application made `now`: grants made at or after this instant still block it, earlier
 * ones do not (the same cut as `repeatWindowEnds`, stated for a query over grant times).
 */
export function repeatWindowStart(now: Date | number, policy: TemporaryPolicy): number {
  return sameDayMonthsLater(now, -policy.temporaryAssistance.repeatWindowMonths) + DAY_MS;
}
