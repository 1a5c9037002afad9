import { CASE_STATUSES, type CaseStatus } from '../domain/case-steps';
import { statusLabel } from '../domain/programmes';
import { canSeeCase, type Actor } from '../domain/staff-roles';
import type { Database } from '../platform/database';

/** At most this many other cases are listed; a household holds a few. */
export const HOUSEHOLD_CASES_LIMIT = 50;

export interface HouseholdCase {
  caseNo: string;
  programme: string;
  programmeName: string;
  status: string;
  /** The status as the case's programme names it. */
  statusLabel: string;
  village: string;
  appliedAt: Date;
  closedAt: Date | null;
  /** Names of this case's members who are members of the other case too. */
  sharedMembers: string[];
}

/**
 * 一户一档: the other cases, of any programme, with a member of the same ID number as one of
 * this case's members (each application writes its own household rows), those the actor may
 * see only, latest application first. The case page and GET /api/cases/:id list them.
 */
export async function householdCases(
  db: Database,
  actor: Actor,
  caseId: string,
  idNumbers: string[],
): Promise<HouseholdCase[]> {
  if (idNumbers.length === 0) return [];
  const others = await db.case.findMany({
    where: {
      id: { not: caseId },
      household: {
        members: { some: { idNumber: { in: idNumbers } } },
        // Jurisdiction in the query too, so cases out of sight do not use up the limit.
        village: { path: { startsWith: actor.unitPath } },
      },
    },
    orderBy: [{ appliedAt: 'desc' }, { caseNo: 'desc' }],
    take: HOUSEHOLD_CASES_LIMIT,
    select: {
      caseNo: true,
      programmeCode: true,
      status: true,
      appliedAt: true,
      closedAt: true,
      programme: { select: { name: true } },
      household: {
        select: {
          village: { select: { path: true, name: true } },
          members: { where: { idNumber: { in: idNumbers } }, select: { name: true } },
        },
      },
    },
  });
  return others
    .filter((o) => canSeeCase(actor, o.household.village.path))
    .map((o) =>
      presentHouseholdCase({
        caseNo: o.caseNo,
        programmeCode: o.programmeCode,
        programmeName: o.programme.name,
        status: o.status,
        appliedAt: o.appliedAt,
        closedAt: o.closedAt,
        villageName: o.household.village.name,
        sharedMembers: o.household.members.map((m) => m.name),
      }),
    );
}

/** One other case of the household as the case page and GET /api/cases/:id list it. */
export function presentHouseholdCase(o: {
  caseNo: string;
  programmeCode: string;
  programmeName: string;
  status: string;
  appliedAt: Date;
  closedAt: Date | null;
  villageName: string;
  sharedMembers: string[];
}): HouseholdCase {
  return {
    caseNo: o.caseNo,
    programme: o.programmeCode,
    programmeName: o.programmeName,
    status: o.status,
    statusLabel: statusLabel(
      o.programmeCode,
      o.status as CaseStatus,
      CASE_STATUSES[o.status as CaseStatus] ?? o.status,
    ),
    village: o.villageName,
    appliedAt: o.appliedAt,
    closedAt: o.closedAt,
    sharedMembers: o.sharedMembers,
  };
}
