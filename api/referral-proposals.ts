import { Prisma } from '@prisma/client';
import { OPEN_REFERRAL_STATUSES } from '../domain/referral-steps';
import type { Actor } from '../domain/staff-roles';
import type { Database } from '../platform/database';
import { belowPath } from './referral-access';
import { DAYS_LEFT, workingDayJoins } from './supervision/working-days-sql';

export interface ProposalRow {
  referralNo: string;
  kind: string;
  reason: string;
  dueAt: Date | null;
  overdue: boolean;
  daysLeft: number | null;
  case: { applicantName: string };
}

/**
 * The referral proposals of the households below a township officer's unit, waiting for the
 * township to confirm them, soonest due first, with the working days left: one page.
 */
export async function proposalsToConfirm(
  db: Database,
  actor: Pick<Actor, 'unitPath'>,
  page: { limit: number; offset: number; today: string },
): Promise<ProposalRow[]> {
  const rows = await db.$queryRaw<(Omit<ProposalRow, 'case'> & { applicantName: string })[]>`
    SELECT r."referralNo", r.kind, r.reason, r."dueAt", r.overdue, c."applicantName",
           (${DAYS_LEFT})::int AS "daysLeft"
    FROM (
      SELECT r.* FROM "Referral" r
      WHERE r.status = 'PROPOSED' AND r."villagePath" LIKE ${belowPath(actor.unitPath)}
      ORDER BY r."dueAt" ASC NULLS LAST, r."referralNo" ASC
      LIMIT ${page.limit} OFFSET ${page.offset}
    ) AS r
    JOIN "Case" c ON c.id = r."caseId"
    ${workingDayJoins('r', page.today)}
    ORDER BY r."dueAt" ASC NULLS LAST, r."referralNo" ASC`;
  return rows.map(({ applicantName, ...r }) => ({ ...r, case: { applicantName } }));
}

/**
 * 返乡转介 sent to a township officer's own township and not yet answered (to accept, or to
 * complete once accepted), soonest due first, with the working days left: at most `limit`.
 */
export async function referralsToAnswer(
  db: Database,
  actor: Pick<Actor, 'unitId'>,
  page: { limit: number; today: string },
): Promise<(ProposalRow & { status: string })[]> {
  const open = Prisma.join([...OPEN_REFERRAL_STATUSES]);
  const rows = await db.$queryRaw<(Omit<ProposalRow, 'case'> & { applicantName: string; status: string })[]>`
    SELECT r."referralNo", r.kind, r.reason, r.status, r."dueAt", r.overdue, c."applicantName",
           (${DAYS_LEFT})::int AS "daysLeft"
    FROM (
      SELECT r.* FROM "Referral" r
      WHERE r."receivingUnitId" = ${actor.unitId} AND r.status IN (${open}) AND r."sentAt" IS NOT NULL
      ORDER BY r."dueAt" ASC NULLS LAST, r."referralNo" ASC
      LIMIT ${page.limit}
    ) AS r
    JOIN "Case" c ON c.id = r."caseId"
    ${workingDayJoins('r', page.today)}
    ORDER BY r."dueAt" ASC NULLS LAST, r."referralNo" ASC`;
  return rows.map(({ applicantName, ...r }) => ({ ...r, case: { applicantName } }));
}
