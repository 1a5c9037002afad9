import { localDateOf } from './working-days';

/**
 * Which years of the official holiday calendar (CalendarDay) are loaded, and what that means for
 * deadlines: a year without its calendar counts working days on weekends alone, so a deadline in
 * it ignores public holidays and 调休 working weekends. A year counts as loaded when it has any
 * calendar day; every year's arrangement has weekday holidays, so a loaded year is never empty.
 */

/**
 * From this day on, the administrators are warned when next year's calendar is missing. The
 * State Council's General Office publishes next year's holiday arrangement in the autumn
 * (October to December in recent years): 1 October leaves the quarter to import it. The calendar
 * is the nation's, one table for every county, so this is a constant, not a county's policy.
 */
export const CALENDAR_WARNING_FROM = { month: 10, day: 1 } as const;

const yearOf = (localDate: string) => Number(localDate.slice(0, 4));

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The years to warn about on a local date: the current year when it is not loaded, and from
 * the warning day on next year when it is not.
 */
export function missingCalendarYears(
  today: string,
  loadedYears: readonly number[],
  warnFrom: { month: number; day: number } = CALENDAR_WARNING_FROM,
): number[] {
  const year = yearOf(today);
  const warnFromDate = `${year}-${pad(warnFrom.month)}-${pad(warnFrom.day)}`;
  const due = today >= warnFromDate ? [year, year + 1] : [year];
  return due.filter((y) => !loadedYears.includes(y));
}

/**
 * The years, from the local date of `from` to that of `to`, whose calendar is not loaded: a
 * working-day deadline counted over them was counted on weekends alone.
 */
export function uncalendaredYears(
  from: Date | number,
  to: Date | number,
  loadedYears: readonly number[],
): number[] {
  const first = yearOf(localDateOf(from));
  const last = yearOf(localDateOf(to));
  const years: number[] = [];
  for (let y = Math.min(first, last); y <= Math.max(first, last); y++) {
    if (!loadedYears.includes(y)) years.push(y);
  }
  return years;
}

export interface CalendarYearCount {
  year: number;
  holidays: number;
  workdays: number;
}

export interface CalendarYearRow extends CalendarYearCount {
  loaded: boolean;
}

/** Every loaded year and the current and next years, loaded or not, in order. */
export function calendarYearRows(loaded: readonly CalendarYearCount[], today: string): CalendarYearRow[] {
  const year = yearOf(today);
  const rows = new Map<number, CalendarYearRow>(loaded.map((c) => [c.year, { ...c, loaded: true }]));
  for (const y of [year, year + 1]) {
    if (!rows.has(y)) rows.set(y, { year: y, holidays: 0, workdays: 0, loaded: false });
  }
  return [...rows.values()].sort((a, b) => a.year - b.year);
}
