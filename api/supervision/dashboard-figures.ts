import { Prisma } from '@prisma/client';
import type { ValueCount } from '../../domain/case-ageing';
import { ENROLMENT_STATUSES } from '../../domain/case-steps';
import type { OpenProgrammeCode } from '../../domain/programmes';
import type { Database } from '../../platform/database';
import { scopeCondition, type CaseScope } from './case-scope';
import { LATE } from './late-cases';
import { DAYS_OVERDUE, localDateOf, workingDayJoinsOn } from './working-days-sql';

/**
 * The dashboard's figures, each one SQL statement that groups in the database: open cases,
 * decisions and late cases from the tallies the triggers keep (by township; a village's from its
 * rows, its late ones from their partial index). What comes back is a row per group (a step, a
 * township, a number of days), never per case.
 */
export interface FigureQuery {
  scope: CaseScope | null;
  programme?: OpenProgrammeCode;
  /** The local (UTC+8) date the figures are counted on. */
  today: string;
}

const ofProgramme = (q: FigureQuery, alias: string) =>
  q.programme ? Prisma.sql`${Prisma.raw(alias)}."programmeCode"::text = ${q.programme}` : Prisma.sql`TRUE`;

/** The tallies are by township: a scope down to a village is counted from its rows. */
const byTally = (q: FigureQuery) => !q.scope?.villageId;

/** Open cases (enrolled included) by county and programme. */
export function openCases(db: Database, q: FigureQuery) {
  if (!byTally(q)) {
    return db.$queryRaw<{ countyId: string; programme: string; cases: number }[]>`
      SELECT c."countyId", c."programmeCode"::text AS programme, count(*)::int AS cases
      FROM "Case" c
      WHERE c."closedAt" IS NULL AND ${scopeCondition(q.scope)} AND ${ofProgramme(q, 'c')}
      GROUP BY 1, 2`;
  }
  return db.$queryRaw<{ countyId: string; programme: string; cases: number }[]>`
    SELECT t."countyId", t."programmeCode"::text AS programme, sum(t.cases)::int AS cases
    FROM "OpenCaseTally" t
    WHERE ${scopeCondition(q.scope, 't')} AND ${ofProgramme(q, 't')}
    GROUP BY 1, 2 HAVING sum(t.cases) > 0`;
}

/**
 * 特困 people supported (the members of supported 特困 cases' households, as the care homes'
 * page counts them) and those of them living in a care home (a PLACED placement).
 */
export async function tekunSupport(
  db: Database,
  q: FigureQuery,
): Promise<{ supported: number; placed: number }> {
  const supporting = Prisma.sql`IN (${Prisma.join([...ENROLMENT_STATUSES])})`;
  if (byTally(q)) {
    const [row] = await db.$queryRaw<[{ supported: number; placed: number }]>`
      SELECT coalesce(sum(t.members), 0)::int AS supported, coalesce(sum(t.placed), 0)::int AS placed
      FROM "OpenCaseTally" t
      WHERE ${scopeCondition(q.scope, 't')} AND t."programmeCode" = 'TEKUN' AND t.status ${supporting}`;
    return row;
  }
  const supported = Prisma.sql`c."closedAt" IS NULL AND c."programmeCode" = 'TEKUN' AND c.status ${supporting}
    AND ${scopeCondition(q.scope)}`;
  const [row] = await db.$queryRaw<[{ supported: number; placed: number }]>`
    SELECT (SELECT count(*) FROM "Case" c JOIN "HouseholdMember" m ON m."householdId" = c."householdId"
            WHERE ${supported})::int AS supported,
           (SELECT count(*) FROM "Case" c JOIN "CarePlacement" p ON p."caseId" = c.id AND p.status = 'PLACED'
            WHERE ${supported})::int AS placed`;
  return row;
}

export interface LateGroup {
  /** Which grouping: by programme and step, by township, by county, or the total. */
  by: 'step' | 'township' | 'county' | 'total';
  programme: string | null;
  step: string | null;
  townshipId: string | null;
  countyId: string | null;
  /** The township's or county's name (`by` township, county). */
  unitName: string | null;
  overdue: number;
  overallOverdue: number;
  late: number;
}

/**
 * Late cases (a step overdue, or the whole procedure's limit exceeded), counted by step, by
 * township, by county and in total, and the overdue steps by working days overdue. From the late
 * tallies the triggers keep; a village's from its rows, and a township's days too (its own late
 * cases, a range of the late cases' partial index).
 */
export async function lateGroups(
  db: Database,
  q: FigureQuery,
): Promise<{ groups: LateGroup[]; overdueByDays: ValueCount[] }> {
  const [groups, overdueByDays] = await Promise.all([lateCounts(db, q), overdueDays(db, q)]);
  return { groups, overdueByDays };
}

async function lateCounts(db: Database, q: FigureQuery): Promise<LateGroup[]> {
  const late = byTally(q)
    ? Prisma.sql`SELECT t."programmeCode", nullif(t.step, '') AS step, t."townshipId", t."countyId",
                        t.overdue, t."overallOverdue", t.late
                 FROM "LateCaseTally" t WHERE ${scopeCondition(q.scope, 't')} AND ${ofProgramme(q, 't')}`
    : Prisma.sql`SELECT c."programmeCode", c."currentStep" AS step, c."townshipId", c."countyId",
                        c.overdue::int AS overdue, c."overallOverdue"::int AS "overallOverdue", 1 AS late
                 FROM "Case" c WHERE ${LATE} AND ${scopeCondition(q.scope)} AND ${ofProgramme(q, 'c')}`;
  const rows = await db.$queryRaw<(Omit<LateGroup, 'by'> & { grouping: number })[]>`
    WITH grouped AS (
      SELECT l."programmeCode"::text AS programme, l.step, l."townshipId", l."countyId",
             GROUPING(l."programmeCode", l.step, l."townshipId", l."countyId")::int AS grouping,
             coalesce(sum(l.overdue), 0)::int AS overdue, coalesce(sum(l."overallOverdue"), 0)::int AS "overallOverdue",
             coalesce(sum(l.late), 0)::int AS late
      FROM (${late}) AS l
      GROUP BY GROUPING SETS ((l."programmeCode", l.step), (l."townshipId"), (l."countyId"), ())
    )
    SELECT g.*, u.name AS "unitName"
    FROM grouped g LEFT JOIN "OrgUnit" u ON u.id = coalesce(g."townshipId", g."countyId")`;
  return rows.map(({ grouping, ...row }) => ({
    ...row,
    by: BY_GROUPING[grouping as keyof typeof BY_GROUPING],
  }));
}

// GROUPING's bits, first argument (programme) highest: 1 where the column is not grouped on.
const BY_GROUPING = { 0b0011: 'step', 0b1101: 'township', 0b1110: 'county', 0b1111: 'total' } as const;

/** The overdue steps by working days overdue, each on its county's calendar: (days, steps) pairs. */
function overdueDays(db: Database, q: FigureQuery): Promise<ValueCount[]> {
  const overdue =
    byTally(q) && !q.scope?.townshipId
      ? Prisma.sql`SELECT t."countyId", t."dueDate" AS due_date, t.overdue
                   FROM "CountyOverdueTally" t WHERE ${scopeCondition(q.scope, 't')} AND ${ofProgramme(q, 't')}`
      : Prisma.sql`SELECT c."countyId", ${localDateOf(Prisma.sql`c."dueAt"`)} AS due_date, 1 AS overdue
                   FROM "Case" c
                   WHERE ${LATE} AND c.overdue AND ${scopeCondition(q.scope)} AND ${ofProgramme(q, 'c')}`;
  return db.$queryRaw<ValueCount[]>`
    WITH by_due_date AS (
      SELECT o."countyId", o.due_date, sum(o.overdue)::int AS overdue FROM (${overdue}) AS o GROUP BY 1, 2
    )
    SELECT ${DAYS_OVERDUE}::int AS value, sum(g.overdue)::int AS count
    FROM by_due_date g
    ${workingDayJoinsOn(Prisma.sql`g."countyId"`, Prisma.sql`g.due_date`, q.today)}
    GROUP BY 1`;
}

/** Decided applications by calendar days from application to decision: (days, decisions) pairs. */
export function decisionDays(db: Database, q: FigureQuery) {
  if (!byTally(q)) {
    return db.$queryRaw<{ days: number; decisions: number }[]>`
      SELECT GREATEST(0, ${localDateOf(Prisma.sql`e."occurredAt"`)} - ${localDateOf(Prisma.sql`c."appliedAt"`)})::int
               AS days,
             count(*)::int AS decisions
      FROM "Case" c JOIN "CaseEvent" e ON e."caseId" = c.id AND e.type = 'caseClosed'
      WHERE ${scopeCondition(q.scope)} AND ${ofProgramme(q, 'c')}
      GROUP BY 1`;
  }
  // A county's or the prefecture's from the county tally, a township's from its own.
  const tally = Prisma.raw(q.scope?.townshipId ? '"DecisionTally"' : '"CountyDecisionTally"');
  return db.$queryRaw<{ days: number; decisions: number }[]>`
    SELECT t.days, sum(t.decisions)::int AS decisions
    FROM ${tally} t
    WHERE ${scopeCondition(q.scope, 't')} AND ${ofProgramme(q, 't')}
    GROUP BY 1`;
}
