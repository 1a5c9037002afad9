import { Prisma } from '@prisma/client';
import type { ReferralSummary } from '../domain/referral-summary';
import { OPEN_REFERRAL_STATUSES } from '../domain/referral-steps';
import type { Actor } from '../domain/staff-roles';
import type { Database } from '../platform/database';
import { belowPath, visibleReferralsSql } from './referral-access';

export interface BureauSummary extends ReferralSummary {
  receivingUnitId: string;
  receivingUnit: string;
  department: string;
}

/** Statuses in which the department gave its outcome (domain/referral-summary.ts's ANSWERED). */
const ANSWERED = ['COMPLETED', 'UNABLE_TO_HELP', 'MEMBER_REFUSED'];

/** Hours between two instants to a tenth, as domain/referral-summary.ts rounds them. */
const hours = (from: string, to: string) =>
  Prisma.raw(`round(extract(epoch FROM r."${to}" - r."${from}") / 360) / 10`);

/** The figures of the sent referrals matching a condition on `r`, per bureau, from the rows. */
function summaryFromRows(condition: Prisma.Sql): Prisma.Sql {
  const open = Prisma.join(OPEN_REFERRAL_STATUSES);
  const answered = Prisma.sql`r."acceptedAt" IS NOT NULL AND r.status IN (${Prisma.join(ANSWERED)}) AND r."endedAt" IS NOT NULL`;
  return Prisma.sql`
    SELECT r."receivingUnitId", u.name AS "receivingUnit", r.department::text AS department,
           count(*)::int AS received,
           (count(*) FILTER (WHERE r.status IN (${open})))::int AS open,
           (count(*) FILTER (WHERE r.status IN (${open}) AND r.overdue))::int AS overdue,
           (count(*) FILTER (WHERE r.status = 'DECLINED'))::int AS declined,
           (count(*) FILTER (WHERE ${answered}))::int AS completed,
           (percentile_cont(0.5) WITHIN GROUP (ORDER BY ${hours('sentAt', 'acceptedAt')})
              FILTER (WHERE r."acceptedAt" IS NOT NULL))::float8 AS "medianHoursToAccept",
           (percentile_cont(0.5) WITHIN GROUP (ORDER BY ${hours('acceptedAt', 'endedAt')})
              FILTER (WHERE ${answered}))::float8 AS "medianHoursToComplete"
    FROM "Referral" r JOIN "OrgUnit" u ON u.id = r."receivingUnitId"
    WHERE r."sentAt" IS NOT NULL AND ${condition}
    GROUP BY r."receivingUnitId", u.name, r.department`;
}

/**
 * The bureaus below a unit, whose figures are kept whole (ReferralBureauSummary, counted again
 * by a trigger whenever one of their referrals changes).
 */
function keptSummaries(unitPath: string): Prisma.Sql {
  return Prisma.sql`
    SELECT s."receivingUnitId", u.name AS "receivingUnit", s.department::text AS department, s.received,
           s.open, s.overdue, s.declined, s.completed, s."medianHoursToAccept", s."medianHoursToComplete"
    FROM "ReferralBureauSummary" s JOIN "OrgUnit" u ON u.id = s."receivingUnitId"
    WHERE u.path LIKE ${belowPath(unitPath)}`;
}

/**
 * Per receiving bureau, the referrals it received (sent on or after `since`, when given) that
 * the user may see: the API's summary, the inbox's and the dashboard's, with
 * domain/referral-summary.ts's definitions. A bureau below the user's unit (a department
 * officer's own, a supervisor's) is seen whole: its kept figures. A bureau seen in part (a
 * supervisor's households' referrals to a bureau elsewhere, everyone else's households'), or
 * since a date, is counted from its rows by the database.
 */
export async function referralSummaryByBureau(
  db: Database,
  actor: Actor,
  since?: Date,
): Promise<BureauSummary[]> {
  const seesWholeBureaus = actor.role === 'SUPERVISOR' || actor.role === 'DEPARTMENT_OFFICER';
  let query: Prisma.Sql;
  if (since || !seesWholeBureaus) {
    const after = since ? Prisma.sql`r."sentAt" >= ${since}` : Prisma.sql`TRUE`;
    query = summaryFromRows(Prisma.sql`${visibleReferralsSql(actor)} AND ${after}`);
  } else if (actor.role === 'DEPARTMENT_OFFICER') {
    query = keptSummaries(actor.unitPath);
  } else {
    // A supervisor's households' referrals to bureaus outside the supervisor's unit, too.
    const outside = Prisma.sql`r."villagePath" LIKE ${belowPath(actor.unitPath)} AND r."receivingUnitId" IN (
      SELECT s."receivingUnitId" FROM "ReferralBureauSummary" s JOIN "OrgUnit" u ON u.id = s."receivingUnitId"
      WHERE u.path NOT LIKE ${belowPath(actor.unitPath)})`;
    query = Prisma.sql`${keptSummaries(actor.unitPath)} UNION ALL ${summaryFromRows(outside)}`;
  }
  const rows = await db.$queryRaw<BureauSummary[]>(query);
  return rows.sort((a, b) => a.receivingUnitId.localeCompare(b.receivingUnitId));
}
