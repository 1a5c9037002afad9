import { Prisma } from '@prisma/client';
import type { Actor } from '../domain/staff-roles';

/**
 * Which referrals a user may see. A department officer: those sent to the officer's own bureau
 * (a bureau is one county's, so this is also the jurisdiction), never a proposal the township
 * has not sent. A supervisor: those of households below the supervisor's unit and those sent
 * to bureaus below it. Everyone else: those of households within their unit.
 */
export function visibleReferrals(actor: Actor): Prisma.ReferralWhereInput {
  const below = { startsWith: actor.unitPath };
  if (actor.role === 'DEPARTMENT_OFFICER') return { receivingUnit: { path: below }, sentAt: { not: null } };
  if (actor.role === 'SUPERVISOR') {
    return { OR: [{ villagePath: below }, { receivingUnit: { path: below }, sentAt: { not: null } }] };
  }
  return { villagePath: below };
}

/** `LIKE` pattern of the paths below (or at) a unit's path. */
export const belowPath = (unitPath: string) => `${unitPath.replace(/[\\%_]/g, '\\$&')}%`;

/** visibleReferrals as a condition on the referral row `r`, for queries that group in SQL. */
export function visibleReferralsSql(actor: Actor): Prisma.Sql {
  const ofHouseholds = Prisma.sql`r."villagePath" LIKE ${belowPath(actor.unitPath)}`;
  const sentBelow = Prisma.sql`(r."sentAt" IS NOT NULL AND r."receivingUnitId" IN (
    SELECT u.id FROM "OrgUnit" u WHERE u.path LIKE ${belowPath(actor.unitPath)}))`;
  if (actor.role === 'DEPARTMENT_OFFICER') return sentBelow;
  if (actor.role === 'SUPERVISOR') return Prisma.sql`(${ofHouseholds} OR ${sentBelow})`;
  return ofHouseholds;
}
