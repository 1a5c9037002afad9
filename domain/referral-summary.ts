import { OPEN_REFERRAL_STATUSES, type ReferralStatus } from './referral-steps';

/** A referral's figures, as the department summary counts them. */
export interface ReferralTimes {
  status: ReferralStatus;
  overdue: boolean;
  sentAt: Date | null;
  acceptedAt: Date | null;
  endedAt: Date | null;
}

export interface ReferralSummary {
  /** Sent to the department (proposals it never had are not counted). */
  received: number;
  open: number;
  overdue: number;
  declined: number;
  completed: number;
  /** Median hours from sending to acceptance, over the accepted ones; null when none. */
  medianHoursToAccept: number | null;
  /** Median hours from acceptance to the outcome, over the completed ones; null when none. */
  medianHoursToComplete: number | null;
}

/** Statuses in which the department gave its outcome. */
const ANSWERED: readonly ReferralStatus[] = ['COMPLETED', 'UNABLE_TO_HELP', 'MEMBER_REFUSED'];

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const hoursBetween = (from: Date, to: Date) =>
  Math.round(((to.getTime() - from.getTime()) / 3_600_000) * 10) / 10;

export function summarizeReferrals(rows: readonly ReferralTimes[]): ReferralSummary {
  const received = rows.filter((r) => r.sentAt !== null);
  const open = received.filter((r) => OPEN_REFERRAL_STATUSES.includes(r.status));
  const accepted = received.filter((r) => r.acceptedAt !== null);
  const answered = accepted.filter((r) => ANSWERED.includes(r.status) && r.endedAt !== null);
  return {
    received: received.length,
    open: open.length,
    overdue: open.filter((r) => r.overdue).length,
    declined: received.filter((r) => r.status === 'DECLINED').length,
    completed: answered.length,
    medianHoursToAccept: median(accepted.map((r) => hoursBetween(r.sentAt!, r.acceptedAt!))),
    medianHoursToComplete: median(answered.map((r) => hoursBetween(r.acceptedAt!, r.endedAt!))),
  };
}
