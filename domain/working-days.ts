import { UTCDate } from '@date-fns/utc';
import { addDays, differenceInCalendarDays, endOfDay, format, isWeekend } from 'date-fns';

/**
 * Every deadline is counted on the prefecture's wall clock, China Standard Time: UTC+8 all
 * year, without daylight saving. A fixed offset over UTC dates gives the same answer on
 * every machine and inside the workflow sandbox, whatever the process's own time zone.
 */
const PREFECTURE_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * The official calendar: public holidays that fall on weekdays, and the weekend days
 * that are declared working days (调休). Dates are local `YYYY-MM-DD`.
 */
export interface HolidayCalendar {
  holidays: readonly string[];
  extraWorkdays: readonly string[];
}

export const NO_HOLIDAYS: HolidayCalendar = { holidays: [], extraWorkdays: [] };

export type DayCount = { days: number; unit: 'working' | 'calendar' };

/** The prefecture's wall-clock time, held in the UTC fields of a UTCDate. */
function inPrefecture(instant: Date | number): UTCDate {
  return new UTCDate(new Date(instant).getTime() + PREFECTURE_OFFSET_MS);
}

function toInstant(wallClock: Date): Date {
  return new Date(wallClock.getTime() - PREFECTURE_OFFSET_MS);
}

function parseLocalDate(localDate: string): UTCDate {
  return new UTCDate(`${localDate}T00:00:00Z`);
}

/** The local date (`YYYY-MM-DD`) of an instant in the prefecture. */
export function localDateOf(instant: Date | number): string {
  return format(inPrefecture(instant), 'yyyy-MM-dd');
}

export function isWorkingDay(localDate: string, calendar: HolidayCalendar): boolean {
  if (calendar.extraWorkdays.includes(localDate)) return true;
  if (calendar.holidays.includes(localDate)) return false;
  return !isWeekend(parseLocalDate(localDate));
}

/**
 * The deadline of a limit that starts on the day of `start`: the end (23:59:59.999 local)
 * of the `days`-th working day after it. The starting day itself is not counted,
 * as in administrative practice (期间开始之日不计算在内).
 */
export function addWorkingDays(start: Date | number, days: number, calendar: HolidayCalendar): Date {
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`days must be a whole number ≥ 0, got ${days}`);
  let day = inPrefecture(start);
  let counted = 0;
  while (counted < days) {
    day = addDays(day, 1);
    if (isWorkingDay(format(day, 'yyyy-MM-dd'), calendar)) counted += 1;
  }
  return toInstant(endOfDay(day));
}

/** The end of the `days`-th calendar day after the day of `start`. */
export function addCalendarDays(start: Date | number, days: number): Date {
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`days must be a whole number ≥ 0, got ${days}`);
  return toInstant(endOfDay(addDays(inPrefecture(start), days)));
}

export function deadlineAfter(start: Date | number, limit: DayCount, calendar: HolidayCalendar): Date {
  return limit.unit === 'working'
    ? addWorkingDays(start, limit.days, calendar)
    : addCalendarDays(start, limit.days);
}

/**
 * Working days left from `now` until `deadline`, counting today when it is a working day;
 * negative when the deadline has passed (the number of working days overdue: those after the
 * deadline's day up to and including today, at least one).
 */
export function workingDaysLeft(
  now: Date | number,
  deadline: Date | number,
  calendar: HolidayCalendar,
): number {
  const today = inPrefecture(now);
  const due = inPrefecture(deadline);
  const span = differenceInCalendarDays(due, today);
  const direction = span >= 0 ? 1 : -1;
  let count = 0;
  for (let i = 0; i !== span + direction; i += direction) {
    if (direction < 0 && i === span) continue;
    if (isWorkingDay(format(addDays(today, i), 'yyyy-MM-dd'), calendar)) count += direction;
  }
  return direction < 0 ? Math.min(count, -1) : count;
}
