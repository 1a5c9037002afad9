import { Prisma } from '@prisma/client';
import { addDays, formatISO } from 'date-fns';
import { loadCountyRules } from '../../activities/county-rules';
import { DAYS_LEFT, workingDayJoins } from '../../api/supervision/working-days-sql';
import { workingDaysLeft } from '../../domain/working-days';
import type { Database } from '../../platform/database';
import { createTestDatabase } from '../support/test-database';

/**
 * The working-day index (WorkingDay, filled by the database from the calendar) answers in SQL
 * what domain/working-days.ts counts in TypeScript, on the seeded 2026 calendar with its
 * holidays and adjusted working days, and follows the calendar when it changes.
 */

let db: Database;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
});
afterAll(() => db?.$disconnect());

/** SQL's working days left from a local date to a deadline, for 大理市. */
async function daysLeftInSql(today: string, dueAt: Date): Promise<number | null> {
  const [row] = await db.$queryRaw<[{ left: number | null }]>`
    SELECT (${DAYS_LEFT})::int AS left
    FROM (SELECT '532901'::text AS "countyId", ${dueAt}::timestamp AS "dueAt") AS c
    ${workingDayJoins('c', today)}`;
  return row.left;
}

/** Noon in the prefecture (UTC+8) of a local date, and the end of a local date. */
const noonOf = (date: string) => new Date(`${date}T12:00:00+08:00`);
const endOf = (date: string) => new Date(`${date}T23:59:59.999+08:00`);
const localDates = (from: string, days: number, step: number) =>
  Array.from({ length: Math.ceil(days / step) }, (_, i) =>
    formatISO(addDays(new Date(`${from}T00:00:00Z`), i * step), { representation: 'date' }),
  );

test('days left and overdue equal workingDaysLeft, around 春节 and 国庆节 and every weekday', async () => {
  const { calendar } = await loadCountyRules(db, '532901', noonOf('2026-06-01'));
  const todays = [
    ...localDates('2026-02-09', 24, 1),
    ...localDates('2026-09-24', 21, 1),
    '2026-05-09',
    '2026-11-30',
  ];
  const differences: unknown[] = [];
  for (const today of todays) {
    for (const due of localDates(
      formatISO(addDays(new Date(`${today}T00:00:00Z`), -20), { representation: 'date' }),
      41,
      3,
    )) {
      const expected = workingDaysLeft(noonOf(today), endOf(due), calendar);
      const actual = await daysLeftInSql(today, endOf(due));
      if (actual !== expected) differences.push({ today, due, expected, actual });
    }
  }
  expect(differences).toEqual([]);
});

test('a holiday added to the calendar refills the index: one working day fewer after it', async () => {
  const before = await daysLeftInSql('2026-12-01', endOf('2026-12-11'));
  await db.calendarDay.create({
    data: { date: new Date('2026-12-07T00:00:00Z'), kind: 'HOLIDAY', name: '测试假日' },
  });
  expect(await daysLeftInSql('2026-12-01', endOf('2026-12-11'))).toBe(before! - 1);
  await db.calendarDay.delete({ where: { date: new Date('2026-12-07T00:00:00Z') } });
  expect(await daysLeftInSql('2026-12-01', endOf('2026-12-11'))).toBe(before);
  // The index is the calendar's, row for row, for every county.
  const [counts] = await db.$queryRaw<[{ counties: number; rows: number }]>(
    Prisma.sql`SELECT count(DISTINCT "countyId")::int AS counties, count(*)::int AS rows FROM "WorkingDay"`,
  );
  expect(counts.counties).toBe(12);
  expect(counts.rows % 12).toBe(0);
});
