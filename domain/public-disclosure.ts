/**
 * Public disclosure 公示: the rules of what a county's public page may show. Counts small
 * enough to point at a household are suppressed; months are listed whether or not a roll
 * was approved for them, so a gap is said rather than hidden.
 */

/** A count below this is shown as "<3": a village or township with one or two households served. */
export const SMALLEST_SHOWN_COUNT = 3;

/** A count as the public may see it: the number, or "<3" when it is 1 or 2 (0 stays 0). */
export function publicCount(count: number): number | '<3' {
  return count > 0 && count < SMALLEST_SHOWN_COUNT ? '<3' : count;
}

/** How many months back the page shows funds paid, this month included. */
export const DISCLOSED_MONTHS = 12;

/** The `count` months (YYYY-MM) ending with the month of `localDate` (YYYY-MM-DD), oldest first. */
export function monthsEndingAt(localDate: string, count = DISCLOSED_MONTHS): string[] {
  const year = Number(localDate.slice(0, 4));
  const month = Number(localDate.slice(5, 7));
  const months: string[] = [];
  for (let back = count - 1; back >= 0; back--) {
    const index = year * 12 + (month - 1) - back;
    months.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`);
  }
  return months;
}
