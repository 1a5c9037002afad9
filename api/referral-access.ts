import { Prisma } from '@prisma/client';
import { TOWNSHIP_REFERRAL_KINDS } from '../domain/referral-needs';
import type { Actor } from '../domain/staff-roles';

/** Kinds a township receives (返乡转介): the station's own township and villages have no part in them. */
const TOWNSHIP_KINDS = [...TOWNSHIP_REFERRAL_KINDS];

/** Roles whose unit lies below the county: they see no 返乡转介 of a station in their area. */
const BELOW_COUNTY: readonly Actor['role'][] = ['TOWNSHIP_OFFICER', 'VILLAGE_ASSISTANT'];

/**
 * Which referrals a user may see. A department officer: those sent to the officer's own bureau
 * (a bureau is one county's, so this is also the jurisdiction), never a proposal the township
 * has not sent. A supervisor: those of households below the supervisor's unit and those sent
 * to units below it. A township officer: those of households within the township and those
 * sent to the township itself (返乡转介). Everyone else: those of households within their unit.
 * A 返乡转介 belongs to the rescue station's county, not to the township or village the station
 * stands in: below the county, only the receiving township sees it.
 */
export function visibleReferrals(actor: Actor): Prisma.ReferralWhereInput {
  const below = { startsWith: actor.unitPath };
  const sentBelow = { receivingUnit: { path: below }, sentAt: { not: null } };
  if (actor.role === 'DEPARTMENT_OFFICER') return sentBelow;
  if (actor.role === 'SUPERVISOR') return { OR: [{ villagePath: below }, sentBelow] };
  const households = BELOW_COUNTY.includes(actor.role)
    ? { villagePath: below, kind: { notIn: TOWNSHIP_KINDS } }
    : { villagePath: below };
  if (actor.role === 'TOWNSHIP_OFFICER') return { OR: [households, sentBelow] };
  return households;
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
  const households = BELOW_COUNTY.includes(actor.role)
    ? Prisma.sql`(${ofHouseholds} AND r.kind NOT IN (${Prisma.join(TOWNSHIP_KINDS)}))`
    : ofHouseholds;
  if (actor.role === 'TOWNSHIP_OFFICER') return Prisma.sql`(${households} OR ${sentBelow})`;
  return households;
}
