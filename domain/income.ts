import type { CountyPolicy } from './county-policy';
import { divideRounded, fenToYuan, yuanToFen } from './money';

/**
 * Household income: the four counted categories of the national rules, and the kinds a county
 * leaves out (its `incomeNotCounted` list; any kind may be on it).
 */
export const INCOME_KINDS = {
  wages: '工资性收入',
  business: '经营净收入',
  property: '财产净收入',
  transfer: '转移净收入',
  basicPension: '基本养老金',
  survivorBenefit: '抚恤金',
  oldAgeAllowance: '高龄津贴',
  scholarship: '奖学金',
  temporaryAssistance: '临时救助金',
  oneChildAward: '独生子女奖励',
  braveryAward: '见义勇为奖励',
} as const;

export type IncomeKind = keyof typeof INCOME_KINDS;

export interface IncomeItem {
  memberId: string;
  kind: IncomeKind;
  /** Net amount, ≥ 0: a business or property loss is entered as 0. */
  amountYuan: number;
  period: 'monthly' | 'yearly';
}

export type IncomeItemStatus = 'counted' | 'kindNotCounted' | 'notHouseholdMember';

export interface AssessedIncomeItem extends IncomeItem {
  monthlyFen: number;
  status: IncomeItemStatus;
}

export interface HouseholdIncome {
  memberCount: number;
  /** Exact: counted income over a year, so monthly items and yearly items add without rounding. */
  annualFen: number;
  monthlyFen: number;
  /** Rounded half up to the fen. */
  perCapitaMonthlyFen: number;
  perCapitaMonthlyYuan: number;
  items: AssessedIncomeItem[];
}

function annualFenOf(item: IncomeItem): number {
  if (item.amountYuan < 0) throw new RangeError(`income cannot be negative: ${item.kind} ${item.amountYuan}`);
  const fen = yuanToFen(item.amountYuan);
  return item.period === 'monthly' ? fen * 12 : fen;
}

function statusOf(
  item: IncomeItem,
  members: ReadonlySet<string>,
  notCounted: ReadonlySet<IncomeKind>,
): IncomeItemStatus {
  if (!members.has(item.memberId)) return 'notHouseholdMember';
  return notCounted.has(item.kind) ? 'kindNotCounted' : 'counted';
}

/** Monthly per-capita income over the counted household members (see household.ts). */
export function assessHouseholdIncome(
  countedMemberIds: readonly string[],
  items: readonly IncomeItem[],
  policy: Pick<CountyPolicy, 'incomeNotCounted'>,
): HouseholdIncome {
  const members = new Set(countedMemberIds);
  if (members.size === 0) throw new RangeError('a household needs at least one counted member');
  const notCounted = new Set(policy.incomeNotCounted);
  const assessed = items.map((item) => ({
    ...item,
    annualFen: annualFenOf(item),
    status: statusOf(item, members, notCounted),
  }));
  const annualFen = assessed.filter((i) => i.status === 'counted').reduce((sum, i) => sum + i.annualFen, 0);
  const perCapitaMonthlyFen = divideRounded(annualFen, 12 * members.size);
  return {
    memberCount: members.size,
    annualFen,
    monthlyFen: divideRounded(annualFen, 12),
    perCapitaMonthlyFen,
    perCapitaMonthlyYuan: fenToYuan(perCapitaMonthlyFen),
    items: assessed.map(({ annualFen: itemAnnualFen, ...item }) => ({
      ...item,
      monthlyFen: divideRounded(itemAnnualFen, 12),
    })),
  };
}
