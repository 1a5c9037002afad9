import type { StaffRole } from './staff-roles';

/** The unit levels of prisma/schema.prisma's UnitLevel. */
export type UnitLevel = 'PREFECTURE' | 'COUNTY' | 'TOWNSHIP' | 'VILLAGE' | 'DEPARTMENT' | 'CARE_HOME';

export const UNIT_LEVEL_LABELS: Record<UnitLevel, string> = {
  PREFECTURE: '州（市）',
  COUNTY: '县（市、区）',
  TOWNSHIP: '乡镇（街道）',
  VILLAGE: '村（社区）',
  DEPARTMENT: '部门',
  CARE_HOME: '供养机构',
};

/**
 * Where each role works: the procedures find a step's staff by the unit (the village's assistant,
 * the township's officer, the county's approver), so an account whose role does not fit its
 * unit would be handed work nobody sees, or see work it cannot do.
 */
export const ROLE_UNIT_LEVELS: Record<StaffRole, readonly UnitLevel[]> = {
  VILLAGE_ASSISTANT: ['VILLAGE'],
  TOWNSHIP_OFFICER: ['TOWNSHIP'],
  COUNTY_APPROVER: ['COUNTY'],
  DEPARTMENT_OFFICER: ['DEPARTMENT'],
  SUPERVISOR: ['PREFECTURE', 'COUNTY', 'TOWNSHIP', 'DEPARTMENT'],
  ADMINISTRATOR: ['PREFECTURE', 'COUNTY'],
  CARE_HOME_MANAGER: ['CARE_HOME'],
};

export function roleFitsUnit(role: StaffRole, level: UnitLevel): boolean {
  return ROLE_UNIT_LEVELS[role].includes(level);
}

/** 「乡镇经办」只能设在乡镇（街道） — why a role does not fit, in zh-CN. */
export function roleUnitMismatch(role: StaffRole, roleLabel: string, level: UnitLevel): string | null {
  if (roleFitsUnit(role, level)) return null;
  const levels = ROLE_UNIT_LEVELS[role].map((l) => UNIT_LEVEL_LABELS[l]).join('、');
  return `「${roleLabel}」只能设在${levels}，不能设在${UNIT_LEVEL_LABELS[level]}`;
}

/**
 * The prefecture's administrators keep the official calendar, which every county's deadlines
 * count on: an administrator at the top of the unit tree (a path of one segment).
 */
export function keepsNationalCalendar(actor: { role: StaffRole; unitPath: string }): boolean {
  return actor.role === 'ADMINISTRATOR' && actor.unitPath.split('/').filter(Boolean).length === 1;
}
