import { Prisma } from '@prisma/client';
import { ENROLMENT_STATUSES } from '../../domain/case-steps';
import type { OpenProgrammeCode } from '../../domain/programmes';
import type { Database } from '../../platform/database';
import { scopeCondition, type CaseScope } from './case-scope';
import { LATE } from './late-cases';
import { DAYS_OVERDUE, localDateOf, workingDayJoinsOn } from './working-days-sql';

/**
 * The dashboard's figures, each one SQL statement that groups in the database: open cases and
 * decisions from the tallies the triggers keep (by township; a village's from its rows), late
 * cases from the partial index on them. What comes back is a row per group (a step, a
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
  /** Which grouping: by programme and step, by township, by county, the total, or by days overdue. */
  by: 'step' | 'township' | 'county' | 'total' | 'days';
  programme: string | null;
  step: string | null;
  townshipId: string | null;
  countyId: string | null;
  /** The township's or county's name (`by` township, county). */
  unitName: string | null;
  /** Working days overdue, on the county's calendar (`by` days). */
  days: number | null;
  overdue: number;
  overallOverdue: number;
  late: number;
}

/**
 * Late cases (a step overdue, or the whole procedure's limit exceeded), counted by step, by
 * township, by county, in total and by working days overdue, in one pass over the late cases'
 * partial index: the days from the county-and-due-date groups and the working-day index.
 */
export async function lateGroups(db: Database, q: FigureQuery): Promise<LateGroup[]> {
  const rows = await db.$queryRaw<(Omit<LateGroup, 'by'> & { grouping: number })[]>`
    WITH grouped AS (
      SELECT c."programmeCode"::text AS programme, c."currentStep" AS step, c."townshipId", c."countyId",
             ${localDateOf(Prisma.sql`c."dueAt"`)} AS due_date,
             GROUPING(c."programmeCode", c."currentStep", c."townshipId", c."countyId",
                      ${localDateOf(Prisma.sql`c."dueAt"`)})::int AS grouping,
             (count(*) FILTER (WHERE c.overdue))::int AS overdue,
             (count(*) FILTER (WHERE c."overallOverdue"))::int AS "overallOverdue",
             count(*)::int AS late
      FROM "Case" c
      WHERE ${LATE} AND ${scopeCondition(q.scope)} AND ${ofProgramme(q, 'c')}
      GROUP BY GROUPING SETS ((c."programmeCode", c."currentStep"), (c."townshipId"), (c."countyId"), (),
                              (c."countyId", ${localDateOf(Prisma.sql`c."dueAt"`)}))
    )
    SELECT g.programme, g.step, g."townshipId", g."countyId", u.name AS "unitName", NULL::int AS days, g.grouping,
           g.overdue, g."overallOverdue", g.late
    FROM grouped g LEFT JOIN "OrgUnit" u ON u.id = coalesce(g."townshipId", g."countyId")
    WHERE g.grouping <> ${DAYS_GROUPING}
    UNION ALL
    SELECT NULL, NULL, NULL, NULL, NULL, ${DAYS_OVERDUE}::int, ${DAYS_GROUPING}, sum(g.overdue)::int, 0, 0
    FROM grouped g
    ${workingDayJoinsOn(Prisma.sql`g."countyId"`, Prisma.sql`g.due_date`, q.today)}
    WHERE g.grouping = ${DAYS_GROUPING} AND g.overdue > 0
    GROUP BY 6`;
  return rows.map(({ grouping, ...row }) => ({
    ...row,
    by: BY_GROUPING[grouping as keyof typeof BY_GROUPING],
  }));
}

// GROUPING's bits, first argument (programme) highest: 1 where the column is not grouped on.
const DAYS_GROUPING = 0b11100;
const BY_GROUPING = {
  0b00111: 'step',
  0b11011: 'township',
  0b11101: 'county',
  0b11111: 'total',
  [DAYS_GROUPING]: 'days',
} as const;

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
