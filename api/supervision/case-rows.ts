import { Prisma } from '@prisma/client';
import type { Database } from '../../platform/database';
import { DAYS_LEFT, workingDayJoins } from './working-days-sql';

/** A case as the lists show it: never a person's ID number. */
export interface CaseRow {
  id: string;
  caseNo: string;
  programme: string;
  status: string;
  applicantName: string;
  countyId: string;
  townshipId: string;
  villageId: string;
  village: string;
  currentStep: string | null;
  assigneeUnitId: string | null;
  dueAt: Date | null;
  overdue: boolean;
  overallDueAt: Date | null;
  overallOverdue: boolean;
  appliedAt: Date;
  closedAt: Date | null;
  /** Working days left to the step's deadline (negative: overdue by that many); null without one. */
  daysLeft: number | null;
}

export interface CasePage {
  /** A condition on the case row `c`. */
  where: Prisma.Sql;
  /** An order of the case row `c` that ends in a unique column, so pages never overlap. */
  orderBy: Prisma.Sql;
  limit: number;
  offset?: number;
  /** The local (UTC+8) date the working days are counted from. */
  today: string;
}

/**
 * One page of cases: the page is chosen by case number from an index alone where its columns
 * answer the filters (an index-only scan, no row read but the page's), and only its rows are
 * read, joined to their village and to the working-day index.
 */
export function caseRows(db: Database, page: CasePage): Promise<CaseRow[]> {
  return db.$queryRaw<CaseRow[]>`
    SELECT c.id, c."caseNo", c."programmeCode"::text AS programme, c.status, c."applicantName",
           c."countyId", c."townshipId", c."villageId", v.name AS village, c."currentStep",
           c."assigneeUnitId", c."dueAt", c.overdue, c."overallDueAt", c."overallOverdue",
           c."appliedAt", c."closedAt", (${DAYS_LEFT})::int AS "daysLeft"
    FROM (
      SELECT c."caseNo" FROM "Case" c
      WHERE ${page.where}
      ORDER BY ${page.orderBy}
      LIMIT ${page.limit} OFFSET ${page.offset ?? 0}
    ) AS chosen
    JOIN "Case" c ON c."caseNo" = chosen."caseNo"
    JOIN "OrgUnit" v ON v.id = c."villageId"
    ${workingDayJoins('c', page.today)}
    ORDER BY ${page.orderBy}`;
}

/** How many cases match, counted up to `cap` (a page says "more than" beyond it). */
export async function countCapped(db: Database, where: Prisma.Sql, cap: number): Promise<number> {
  const [row] = await db.$queryRaw<[{ n: number }]>`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM "Case" c WHERE ${where} LIMIT ${cap + 1}) AS matching`;
  return row.n;
}
