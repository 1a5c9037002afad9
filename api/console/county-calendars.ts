import { loadCountyRules } from '../../activities/county-rules';
import { workingDaysLeft, type HolidayCalendar } from '../../domain/working-days';
import type { Database } from '../../platform/database';

/** Working days left to a deadline, each county's calendar read once per page. */
export function daysLeftCounter(db: Database) {
  const calendars = new Map<string, Promise<HolidayCalendar>>();
  return async (countyId: string, dueAt: Date | null): Promise<number | null> => {
    if (!dueAt) return null;
    if (!calendars.has(countyId)) {
      calendars.set(
        countyId,
        loadCountyRules(db, countyId).then((r) => r.calendar),
      );
    }
    return workingDaysLeft(Date.now(), dueAt, await calendars.get(countyId)!);
  };
}
