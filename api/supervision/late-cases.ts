import { Prisma } from '@prisma/client';
import type { Bucket, ValueCount } from '../../domain/case-ageing';
import type { Database } from '../../platform/database';
import { scopeCondition, type CaseScope } from './case-scope';
import { DAYS_OVERDUE, workingDayJoins } from './working-days-sql';

/** Late: a step overdue, or the whole procedure's limit exceeded. */
export const LATE = Prisma.sql`c."closedAt" IS NULL AND (c.overdue OR c."overallOverdue")`;

/** The start (00:00 local, UTC+8) of a local date, as the read model stores instants. */
const startOf = (date: string) => Prisma.sql`(${date}::date::timestamp - interval '8 hours')`;

/**
 * The due dates of the steps overdue by a bucket's working days, on each county's calendar: a
 * step `min`–`max` working days overdue (at least one, see DAYS_OVERDUE) was due on or after the
 * working day `max` before today's and before the working day `min − 1` before today's. As a
 * condition on `c."dueAt"`, a range per group of counties that share their dates, so the
 * overdue steps' index is read over that range only.
 */
export async function ageingCondition(
  db: Database,
  scope: CaseScope | null,
  bucket: Pick<Bucket, 'min' | 'max'>,
  today: string,
): Promise<Prisma.Sql> {
  if (!scope) return Prisma.sql`FALSE`;
  const bounds = await db.$queryRaw<{ countyId: string; from: string | null; until: string | null }[]>`
    SELECT t."countyId",
           to_char((SELECT w.date FROM "WorkingDay" w
                    WHERE w."countyId" = t."countyId" AND w.working AND w.ordinal = t.ordinal - ${bucket.max ?? 0}::int),
                   'YYYY-MM-DD') AS "from",
           to_char((SELECT w.date FROM "WorkingDay" w
                    WHERE w."countyId" = t."countyId" AND w.working AND w.ordinal = t.ordinal - ${bucket.min}::int + 1),
                   'YYYY-MM-DD') AS until
    FROM "WorkingDay" t
    WHERE t.date = ${today}::date AND t."countyId" IN (${Prisma.join(scope.countyIds)})`;
  const groups = new Map<string, { from: string | null; until: string | null; counties: string[] }>();
  for (const b of bounds) {
    const from = bucket.max === null ? null : b.from;
    // One working day overdue also counts a step due today or later that its workflow has marked.
    const until = bucket.min <= 1 ? null : b.until;
    const key = `${from}/${until}`;
    const group = groups.get(key) ?? { from, until, counties: [] };
    group.counties.push(b.countyId);
    groups.set(key, group);
  }
  if (groups.size === 0) return Prisma.sql`FALSE`;
  const rangeOf = ({ from, until }: { from: string | null; until: string | null }) =>
    [
      from ? Prisma.sql`c."dueAt" >= ${startOf(from)}` : null,
      until ? Prisma.sql`c."dueAt" < ${startOf(until)}` : bucket.min <= 1 ? null : Prisma.sql`FALSE`,
    ].filter((c): c is Prisma.Sql => c !== null);
  // Every county on one calendar (as now): one range, stated once so the planner's estimate holds.
  if (groups.size === 1) {
    const range = rangeOf([...groups.values()][0]!);
    return range.length > 0 ? Prisma.sql`(${Prisma.join(range, ' AND ')})` : Prisma.sql`TRUE`;
  }
  const ranges = [...groups.values()].map((group) =>
    Prisma.join([Prisma.sql`c."countyId" IN (${Prisma.join(group.counties)})`, ...rangeOf(group)], ' AND '),
  );
  const condition = Prisma.sql`(${Prisma.join(
    ranges.map((r) => Prisma.sql`(${r})`),
    ' OR ',
  )})`;
  // The widest range of them all, which the index can seek to when the counties' ranges differ.
  const froms = [...groups.values()].map((g) => g.from);
  const untils = [...groups.values()].map((g) => g.until);
  const seek = [
    froms.every((f) => f !== null) ? Prisma.sql`c."dueAt" >= ${startOf(froms.sort()[0]!)}` : null,
    untils.every((u) => u !== null) ? Prisma.sql`c."dueAt" < ${startOf(untils.sort().at(-1)!)}` : null,
  ].filter((c): c is Prisma.Sql => c !== null);
  return seek.length > 0 ? Prisma.sql`${Prisma.join(seek, ' AND ')} AND ${condition}` : condition;
}

/**
 * The ids of the `limit` late cases overdue longest (working days, on their county's calendar;
 * a case only past the whole procedure's limit counts none), then by case number. From the
 * overdue steps counted by days (the dashboard's figures) follows how many days the last of
 * them is overdue; only the cases at least that late are read, a range of the due-date index.
 */
export async function longestLateIds(
  db: Database,
  q: { scope: CaseScope | null; programme?: string; today: string },
  overdueByDays: readonly ValueCount[],
  limit: number,
): Promise<string[]> {
  let running = 0;
  const cut = [...overdueByDays]
    .sort((a, b) => b.value - a.value)
    .find((d) => (running += d.count) >= limit)?.value;
  const programme = q.programme ? Prisma.sql`c."programmeCode"::text = ${q.programme}` : Prisma.sql`TRUE`;
  // Fewer overdue than the limit: every late case, those only past the overall limit last.
  const candidates =
    cut === undefined
      ? Prisma.sql`TRUE`
      : Prisma.sql`c.overdue AND ${await ageingCondition(db, q.scope, { min: cut, max: null }, q.today)}`;
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT c.id
    FROM "Case" c
    ${workingDayJoins('c', q.today)}
    WHERE ${LATE} AND ${scopeCondition(q.scope)} AND ${programme} AND ${candidates}
    ORDER BY CASE WHEN c.overdue THEN ${DAYS_OVERDUE} ELSE 0 END DESC, c."caseNo"
    LIMIT ${limit}`;
  return rows.map((r) => r.id);
}
