import type { CalendarYearCount } from '../domain/calendar-years';
import type { Database } from '../platform/database';

/** Per year of the official calendar: its weekday holidays and its working weekend days (调休). */
export async function calendarYearCounts(db: Pick<Database, '$queryRaw'>): Promise<CalendarYearCount[]> {
  return db.$queryRaw<CalendarYearCount[]>`
    SELECT extract(year FROM date)::int AS year,
           (count(*) FILTER (WHERE kind = 'HOLIDAY'))::int AS holidays,
           (count(*) FILTER (WHERE kind = 'WORKDAY'))::int AS workdays
    FROM "CalendarDay" GROUP BY 1 ORDER BY 1`;
}

/** The years whose calendar is loaded. */
export async function loadedCalendarYears(db: Pick<Database, '$queryRaw'>): Promise<number[]> {
  return (await calendarYearCounts(db)).map((c) => c.year);
}
