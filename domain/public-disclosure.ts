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

/** A group's households and people as the public sees them; people hidden (null) with a small group. */
export interface PublicTally {
  households: number | '<3';
  people: number | null;
}

/** A group's tally: "<3" households and its people hidden when it has one or two households. */
export function publicTally(households: number, people: number): PublicTally {
  const shown = publicCount(households);
  return { households: shown, people: shown === '<3' ? null : people };
}

/**
 * The tallies of the parts of a whole whose total is published (the townships of a programme):
 * small parts are suppressed, and while the suppressed parts hold one or two households in all
 * (the total less the shown parts would name them), the smallest shown part is suppressed too
 * (complementary suppression). Answers, in the parts' order, whether each is suppressed.
 */
export function suppressedParts(households: readonly number[]): boolean[] {
  const suppressed = households.map((n) => n > 0 && n < SMALLEST_SHOWN_COUNT);
  const hiddenSum = () => households.reduce((sum, n, i) => (suppressed[i] ? sum + n : sum), 0);
  while (hiddenSum() > 0 && hiddenSum() < SMALLEST_SHOWN_COUNT) {
    let smallest = -1;
    households.forEach((n, i) => {
      if (!suppressed[i] && n > 0 && (smallest < 0 || n < households[smallest]!)) smallest = i;
    });
    if (smallest < 0) break;
    suppressed[smallest] = true;
  }
  return suppressed;
}
