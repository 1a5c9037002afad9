import { createHash } from 'node:crypto';
import { addYears, subYears } from 'date-fns';
import { parseCountyPolicy, type CountyPolicy } from '../domain/county-policy';
import type { HolidayCalendar } from '../domain/working-days';
import type { Database } from '../platform/database';

export interface CountyRules {
  policy: CountyPolicy;
  calendar: HolidayCalendar;
}

/** The county's configuration and the official calendar around now, for a workflow's deadlines. */
export async function loadCountyRules(
  db: Database,
  countyId: string,
  now = new Date(),
): Promise<CountyRules> {
  const [row, days] = await Promise.all([
    db.countyPolicy.findUnique({ where: { countyId } }),
    db.calendarDay.findMany({ where: { date: { gte: subYears(now, 1), lte: addYears(now, 2) } } }),
  ]);
  const asLocalDate = (d: Date) => d.toISOString().slice(0, 10);
  return {
    policy: parseCountyPolicy(row?.policy ?? {}),
    calendar: {
      holidays: days.filter((d) => d.kind === 'HOLIDAY').map((d) => asLocalDate(d.date)),
      extraWorkdays: days.filter((d) => d.kind === 'WORKDAY').map((d) => asLocalDate(d.date)),
    },
  };
}

/** The county's rules when they differ from the version the workflow holds; else only the version. */
export async function refreshCountyRules(
  db: Database,
  { countyId, knownVersion }: { countyId: string; knownVersion: string | null },
): Promise<{ version: string; rules: CountyRules | null }> {
  const rules = await loadCountyRules(db, countyId);
  const version = createHash('sha256').update(JSON.stringify(rules)).digest('base64url').slice(0, 22);
  return { version, rules: version === knownVersion ? null : rules };
}
