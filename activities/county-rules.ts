import { addYears, subYears } from 'date-fns';
import { parseCountyPolicy, type CountyPolicy } from '../domain/county-policy';
import { applyPolicyChanges, type PolicyDelta } from '../domain/county-policy-changes';
import { localDateOf, type HolidayCalendar } from '../domain/working-days';
import type { Database } from '../platform/database';

export interface CountyRules {
  policy: CountyPolicy;
  calendar: HolidayCalendar;
}

type PolicyReader = Pick<Database, 'countyPolicy' | 'countyPolicyChange'>;

/**
 * The county's policy in force on a local date: its own (CountyPolicy) with every change
 * effective by then applied, by date and then as recorded (api/county-policy-changes.ts).
 */
export async function policyOn(db: PolicyReader, countyId: string, localDate: string): Promise<CountyPolicy> {
  const [row, changes] = await Promise.all([
    db.countyPolicy.findUnique({ where: { countyId } }),
    db.countyPolicyChange.findMany({
      where: { countyId, effectiveFrom: { lte: new Date(`${localDate}T00:00:00Z`) } },
      orderBy: [{ effectiveFrom: 'asc' }, { createdAt: 'asc' }],
      select: { changes: true },
    }),
  ]);
  const own = parseCountyPolicy(row?.policy ?? {});
  return changes.length === 0
    ? own
    : applyPolicyChanges(
        own,
        changes.map((c) => c.changes as PolicyDelta),
      );
}

/** The county's configuration and the official calendar around now, for a workflow's deadlines. */
export async function loadCountyRules(
  db: Database,
  countyId: string,
  now = new Date(),
): Promise<CountyRules> {
  const [policy, days] = await Promise.all([
    policyOn(db, countyId, localDateOf(now)),
    db.calendarDay.findMany({
      where: { date: { gte: calendarWindow(now).from, lte: calendarWindow(now).to } },
    }),
  ]);
  const asLocalDate = (d: Date) => d.toISOString().slice(0, 10);
  return {
    policy,
    calendar: {
      holidays: days.filter((d) => d.kind === 'HOLIDAY').map((d) => asLocalDate(d.date)),
      extraWorkdays: days.filter((d) => d.kind === 'WORKDAY').map((d) => asLocalDate(d.date)),
    },
  };
}

/** The calendar around now that deadlines are counted on: a year back, two ahead. */
function calendarWindow(now: Date): { from: Date; to: Date } {
  return { from: subYears(now, 1), to: addYears(now, 2) };
}

type Queryable = Pick<Database, '$queryRaw'>;

/**
 * A fingerprint of the county's configuration and the calendar window, computed by Postgres
 * in one query: cheap enough to answer with every read-model write, so a workflow learns of a
 * change without reading the rules again.
 */
export async function countyRulesVersion(db: Queryable, countyId: string, now = new Date()): Promise<string> {
  const { from, to } = calendarWindow(now);
  const today = localDateOf(now);
  // The county's own policy and the changes in force today (none: the version of a county that
  // never changed its policy is what it was before changes existed), so a change taking effect
  // changes the version.
  const [row] = await db.$queryRaw<{ version: string }[]>`
    SELECT md5(
      coalesce((SELECT policy::text FROM "CountyPolicy" WHERE "countyId" = ${countyId}), '') ||
      coalesce((SELECT '#' || string_agg(id, ',' ORDER BY "effectiveFrom", "createdAt") FROM "CountyPolicyChange"
                WHERE "countyId" = ${countyId} AND "effectiveFrom" <= ${today}::date), '') || '|' ||
      coalesce((SELECT string_agg(date::text || kind::text, ',' ORDER BY date) FROM "CalendarDay"
                WHERE date BETWEEN ${from}::date AND ${to}::date), '')
    ) AS version`;
  return row!.version;
}

/** The county's rules when they differ from the version the workflow holds; else only the version. */
export async function refreshCountyRules(
  db: Database,
  { countyId, knownVersion }: { countyId: string; knownVersion: string | null },
): Promise<{ version: string; rules: CountyRules | null }> {
  const version = await countyRulesVersion(db, countyId);
  if (version === knownVersion) return { version, rules: null };
  return { version, rules: await loadCountyRules(db, countyId) };
}
