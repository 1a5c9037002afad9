/** Staff roles, as in prisma/schema.prisma's StaffRole, with their zh-CN names. */
export const STAFF_ROLES = [
  'VILLAGE_ASSISTANT',
  'TOWNSHIP_OFFICER',
  'COUNTY_APPROVER',
  'DEPARTMENT_OFFICER',
  'SUPERVISOR',
  'ADMINISTRATOR',
  'CARE_HOME_MANAGER',
] as const;

export type StaffRole = (typeof STAFF_ROLES)[number];

export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  VILLAGE_ASSISTANT: '村协理员',
  TOWNSHIP_OFFICER: '乡镇经办',
  COUNTY_APPROVER: '县民政局审批',
  DEPARTMENT_OFFICER: '部门经办',
  SUPERVISOR: '监督',
  ADMINISTRATOR: '系统管理员',
  CARE_HOME_MANAGER: '供养机构负责人',
};

/** Who is acting: carried from the API into every workflow Update and every event. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: StaffRole;
  unitId: string;
  /** Materialised path of the user's unit, e.g. "/5329/532901/532901100/". */
  unitPath: string;
}

/**
 * A unit's path lies within a user's jurisdiction when it is the user's unit or below it.
 * Department officers see referrals only, never cases, so case access excludes them.
 */
export function isWithinJurisdiction(actorUnitPath: string, unitPath: string): boolean {
  return unitPath.startsWith(actorUnitPath);
}

export function canSeeCase(actor: Pick<Actor, 'role' | 'unitPath'>, caseVillagePath: string): boolean {
  return actor.role !== 'DEPARTMENT_OFFICER' && isWithinJurisdiction(actor.unitPath, caseVillagePath);
}
