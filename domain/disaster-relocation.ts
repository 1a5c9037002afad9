import { UTCDate } from '@date-fns/utc';
import { addDays, addMonths, differenceInCalendarDays, format } from 'date-fns';
import { fenToYuan, yuanToFen } from './money';

/**
 * 紧急转移安置 emergency relocation and 过渡期生活救助 transitional living aid: the aid a person
 * at a relocation site may be given, and the transitional aid's days and amounts. Dates are
 * local `YYYY-MM-DD` in the prefecture (UTC+8).
 *
 * Transitional aid is paid per person per day (the county's daily amount) from the day the
 * person was registered at a site up to the day before they return home, for at most the
 * county's number of months: the entitlement ends on the same day that many months later
 * (that day not counted). It is paid by calendar month in arrears, each month's days counted
 * exactly, so the first and the last month are prorated by the days relocated in them.
 */

export const RELOCATION_AID_KINDS = {
  FOOD: '食品',
  WATER: '饮用水',
  CLOTHING: '衣被',
  TENT: '帐篷',
  CASH: '现金',
} as const;

export type RelocationAidKind = keyof typeof RELOCATION_AID_KINDS;

export const RELOCATION_AID_KIND_CODES = Object.keys(RELOCATION_AID_KINDS) as [
  RelocationAidKind,
  ...RelocationAidKind[],
];

const PREFECTURE_OFFSET_MS = 8 * 60 * 60 * 1000;

const dateOf = (local: string) => new UTCDate(`${local}T00:00:00Z`);
const localOf = (d: Date) => format(d, 'yyyy-MM-dd');

/** 00:00 of a local date in the prefecture, as an instant (epoch ms). */
export function localDayStart(local: string): number {
  return dateOf(local).getTime() - PREFECTURE_OFFSET_MS;
}

/** The first day of the month after the one `local` falls in. */
export function firstOfNextMonth(local: string): string {
  return localOf(addMonths(dateOf(`${local.slice(0, 7)}-01`), 1));
}

/** The day before a local date. */
export function previousDay(local: string): string {
  return localOf(addDays(dateOf(local), -1));
}

/** Days from `from` up to, not including, `to` (0 when `to` is not later). */
export function daysBetween(from: string, to: string): number {
  return Math.max(0, differenceInCalendarDays(dateOf(to), dateOf(from)));
}

/**
 * The first day no longer paid: the same day `months` later (clamped to that month's end, so
 * 31 Jan + 1 month ends on 28/29 Feb), or the next day when `months` is 0 … never before.
 */
export function transitionalAidEnd(relocatedOn: string, months: number): string {
  if (!Number.isInteger(months) || months < 0) throw new RangeError(`months ≥ 0, not ${months}`);
  return localOf(addMonths(dateOf(relocatedOn), months));
}

export interface TransitionalTerms {
  /** 每人每天 yuan, at most 2 decimals. */
  dailyYuan: number;
  /** People covered by the case (a household registered together). */
  persons: number;
}

export interface TransitionalMonth {
  month: string;
  /** First day paid, and the first day not paid. */
  from: string;
  to: string;
  days: number;
  amountYuan: number;
}

/**
 * One month's transitional aid for the days relocated in it between `relocatedOn` and `stopOn`
 * (the day of return, or the entitlement's end; not counted): null when no day of the month falls
 * in the period.
 */
export function transitionalAidForMonth(
  month: string,
  period: { relocatedOn: string; stopOn: string },
  terms: TransitionalTerms,
): TransitionalMonth | null {
  const first = `${month}-01`;
  const from = period.relocatedOn > first ? period.relocatedOn : first;
  const next = firstOfNextMonth(first);
  const to = period.stopOn < next ? period.stopOn : next;
  const days = daysBetween(from, to);
  if (days === 0) return null;
  const fen = yuanToFen(terms.dailyYuan) * days * terms.persons;
  return { month, from, to, days, amountYuan: fenToYuan(fen) };
}

/** Every month's aid over the period, in order: what the roster holds once the case has ended. */
export function transitionalAidMonths(
  period: { relocatedOn: string; stopOn: string },
  terms: TransitionalTerms,
): TransitionalMonth[] {
  const months: TransitionalMonth[] = [];
  for (let day = `${period.relocatedOn.slice(0, 7)}-01`; day < period.stopOn; day = firstOfNextMonth(day)) {
    const paid = transitionalAidForMonth(day.slice(0, 7), period, terms);
    if (paid) months.push(paid);
  }
  return months;
}

/** Why a return date cannot be recorded, or null: not before the days already paid, nor in the future. */
export function returnDateProblem(
  returnedOn: string,
  bounds: { relocatedOn: string; paidUntil: string; today: string },
): string | null {
  if (returnedOn < bounds.relocatedOn) return `返家日期不能早于安置日期 ${bounds.relocatedOn}`;
  if (returnedOn > bounds.today) return `返家日期不能晚于今天 ${bounds.today}`;
  if (returnedOn < bounds.paidUntil)
    return `过渡期生活救助已发放至 ${previousDay(bounds.paidUntil)}，返家日期不能更早`;
  return null;
}

/** An amount per person and day as the notice states it, e.g. 20 → "每人每天 20 元". */
export function dailyRateText(dailyYuan: number): string {
  return `每人每天 ${String(dailyYuan)} 元`;
}
