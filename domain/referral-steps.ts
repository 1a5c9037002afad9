import { receivedByTownship } from './referral-needs';
import type { StaffRole } from './staff-roles';

/**
 * A referral's life (转介): proposed by the rules and confirmed by the township, or sent by
 * hand; then accepted or declined by the receiving department, worked on, and completed with
 * an outcome. The table of actions below is what every validator and the console consult.
 */
export const REFERRAL_STATUSES = {
  PROPOSED: '待乡镇确认',
  DISMISSED: '不予转介',
  SENT: '已转介待接收',
  DECLINED: '部门退回',
  ACCEPTED: '部门已接收',
  IN_PROGRESS: '办理中',
  COMPLETED: '已办结',
  UNABLE_TO_HELP: '无法帮扶',
  MEMBER_REFUSED: '本人拒绝',
  CLOSED: '因停保终止',
} as const;

export type ReferralStatus = keyof typeof REFERRAL_STATUSES;

/**
 * A status as staff read it for a referral of `kind`: a township receives some (返乡转介), so
 * where the label says 部门 it says 乡镇.
 */
export function referralStatusLabel(status: string, kind?: unknown): string {
  const label = (REFERRAL_STATUSES as Record<string, string>)[status] ?? status;
  return typeof kind === 'string' && receivedByTownship(kind) ? label.replace('部门', '乡镇') : label;
}

/** With the department: counted as open in its inbox and summary. */
export const OPEN_REFERRAL_STATUSES: readonly ReferralStatus[] = ['SENT', 'ACCEPTED', 'IN_PROGRESS'];

/** Nothing more happens to a referral in these. */
export const FINAL_REFERRAL_STATUSES: readonly ReferralStatus[] = [
  'DISMISSED',
  'DECLINED',
  'COMPLETED',
  'UNABLE_TO_HELP',
  'MEMBER_REFUSED',
  'CLOSED',
];

/** Who acts: the township that referred the household, or the department that received it. */
export type ReferralParty = 'referrer' | 'department';

export const REFERRAL_PARTY_ROLES: Record<ReferralParty, readonly StaffRole[]> = {
  referrer: ['TOWNSHIP_OFFICER'],
  department: ['DEPARTMENT_OFFICER'],
};

/**
 * Who acts for a party on a referral of this kind: the receiving side of a kind a township
 * receives (返乡转介) is that township's officers, not a bureau's.
 */
export function referralPartyRoles(party: ReferralParty, kind: string): readonly StaffRole[] {
  if (party === 'department' && receivedByTownship(kind)) return ['TOWNSHIP_OFFICER'];
  return REFERRAL_PARTY_ROLES[party];
}

export const REFERRAL_ACTIONS = {
  confirm: { label: '确认转介', from: ['PROPOSED'], by: 'referrer' },
  dismiss: { label: '不予转介', from: ['PROPOSED'], by: 'referrer' },
  accept: { label: '接收转介', from: ['SENT'], by: 'department' },
  decline: { label: '退回转介', from: ['SENT'], by: 'department' },
  progress: { label: '登记办理进展', from: ['ACCEPTED', 'IN_PROGRESS'], by: 'department' },
  complete: { label: '办结转介', from: ['ACCEPTED', 'IN_PROGRESS'], by: 'department' },
} as const satisfies Record<string, { label: string; from: readonly ReferralStatus[]; by: ReferralParty }>;

export type ReferralAction = keyof typeof REFERRAL_ACTIONS;

/** Why `action` cannot be taken while the referral is `status`, or null when it can. */
export function referralActionRefusal(action: ReferralAction, status: ReferralStatus): string | null {
  const spec = REFERRAL_ACTIONS[action];
  if ((spec.from as readonly ReferralStatus[]).includes(status)) return null;
  return `转介当前状态为「${REFERRAL_STATUSES[status]}」，不能${spec.label} (cannot ${action} a referral that is ${status})`;
}
