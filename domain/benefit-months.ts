import { UTCDate } from '@date-fns/utc';
import { addMonths, differenceInCalendarMonths, format } from 'date-fns';
import { localDateOf } from './working-days';

/**
 * Benefit months (`YYYY-MM`) on the prefecture's calendar. A benefit is paid per month; a
 * change or a stop takes effect from the first day of a month, local time (UTC+8).
 */
const PREFECTURE_OFFSET_MS = 8 * 60 * 60 * 1000;

const firstOf = (month: string) => new UTCDate(`${month}-01T00:00:00Z`);

/** The month an instant falls in, in the prefecture. */
export function monthOf(instant: Date | number): string {
  return localDateOf(instant).slice(0, 7);
}

export function addToMonth(month: string, months: number): string {
  return format(addMonths(firstOf(month), months), 'yyyy-MM');
}

/** The month after the one an instant falls in: benefits start, change and stop then. */
export function followingMonth(instant: Date | number): string {
  return addToMonth(monthOf(instant), 1);
}

/** 00:00 on the month's first day in the prefecture, as an instant (epoch ms). */
export function monthStart(month: string): number {
  return firstOf(month).getTime() - PREFECTURE_OFFSET_MS;
}

/** How many months from `from` to `to`: 0 for the same month, negative when `to` is earlier. */
export function monthsBetween(from: string, to: string): number {
  return differenceInCalendarMonths(firstOf(to), firstOf(from));
}

/** The same local day `months` later (clamped to the month's end), 00:00 local, as an instant. */
export function sameDayMonthsLater(instant: Date | number, months: number): number {
  const day = addMonths(new UTCDate(`${localDateOf(instant)}T00:00:00Z`), months);
  return day.getTime() - PREFECTURE_OFFSET_MS;
}
