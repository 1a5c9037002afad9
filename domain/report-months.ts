import { z } from 'zod';
import { ROLL_MONTH_PATTERN } from './payment-roll';
import { lazySchema } from './lazy-schema';

/**
 * The month range of the prefecture's report 统计报表 (YYYY-MM to YYYY-MM, both included) and
 * the figures its charts draw: pure, so the route, the page and the tests share them.
 */

/** At most ten years in one report: a wider range is refused, naming `to`. */
export const REPORT_MAX_MONTHS = 120;

const MONTH_MESSAGE = '月份格式应为 YYYY-MM (a month YYYY-MM)';
const month = lazySchema(() => z.string().regex(ROLL_MONTH_PATTERN, MONTH_MESSAGE));

/** Months counted from year 0: 2026-01 and 2025-12 are one apart. */
export const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;

/** How many months from `from` to `to`, both included (0 when `to` is before `from`). */
export const monthsInRange = (from: string, to: string) => Math.max(0, monthIndex(to) - monthIndex(from) + 1);

/**
 * The range as asked: either end may be left out (the page's first view), and then the range
 * runs from January of `to`'s year to this month (UTC+8), never ending before it starts.
 */
export function reportRange(
  q: { from?: string; to?: string },
  thisMonth: string,
): { from: string; to: string } {
  const to = q.to ?? (q.from && q.from > thisMonth ? q.from : thisMonth);
  const from = q.from ?? `${to.slice(0, 4)}-01`;
  return { from, to };
}

/** Checks of a range given whole: the end not before the start, and not too long. */
export function rangeProblem(from: string, to: string): string | null {
  if (to < from) return '截止月份不能早于起始月份 (to is before from)';
  if (monthsInRange(from, to) > REPORT_MAX_MONTHS)
    return `统计期间最长 ${REPORT_MAX_MONTHS} 个月 (at most ${REPORT_MAX_MONTHS} months)`;
  return null;
}

/** The query of the report's routes and page: a month range and, optionally, one county. */
export const reportQuerySchema = lazySchema(() =>
  z
    .strictObject(
      {
        from: month.optional(),
        to: month.optional(),
        countyId: z
          .string()
          .regex(/^\d{6}$/, '县市代码应为 6 位数字 (a 6-digit county code)')
          .optional(),
      },
      {
        error: (issue) => (issue.code === 'unrecognized_keys' ? '不认识的参数 (unknown field)' : undefined),
      },
    )
    .superRefine((q, ctx) => {
      if (!q.from || !q.to) return;
      const problem = rangeProblem(q.from, q.to);
      if (problem) ctx.addIssue({ code: 'custom', path: ['to'], message: problem });
    }),
);

export type ReportQuery = z.infer<typeof reportQuerySchema>;

export interface Tally {
  label: string;
  value: number;
}

/**
 * Sums of `value` by `label`, largest first (ties by label), the rest beyond `top` summed as
 * 其他 so a chart of many reasons stays readable.
 */
export function tallyBy<T>(
  rows: readonly T[],
  label: (row: T) => string,
  value: (row: T) => number,
  top = Infinity,
): Tally[] {
  const sums = new Map<string, number>();
  for (const row of rows) sums.set(label(row), (sums.get(label(row)) ?? 0) + value(row));
  const sorted = [...sums]
    .map(([l, v]) => ({ label: l, value: v }))
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label, 'zh-CN'));
  if (sorted.length <= top) return sorted;
  const rest = sorted.slice(top).reduce((n, t) => n + t.value, 0);
  return [...sorted.slice(0, top), { label: '其他', value: rest }];
}
