import type { Prisma } from '@prisma/client';
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
