import type { ReferralDepartment } from '../domain/referral-needs';
import type { Actor } from '../domain/staff-roles';
import type { Database } from '../platform/database';
import { visibleReferrals } from './referral-access';

/** Midnight at the start of a local (UTC+8) date. */
export const localMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`);

export interface InboxFilters {
  statuses?: string[];
  overdue?: boolean;
  /** Due before this local date. */
  dueBefore?: string;
  department?: ReferralDepartment;
}

/** The referrals a user may see that match the filters, earliest deadline first: the API's and the console's inbox. */
export async function loadReferralInbox(
  db: Database,
  actor: Actor,
  f: InboxFilters,
  page: { take: number; skip?: number },
) {
  const where = {
    AND: [
      visibleReferrals(actor),
      {
        ...(f.statuses && { status: { in: f.statuses } }),
        ...(f.overdue !== undefined && { overdue: f.overdue }),
        ...(f.dueBefore && { dueAt: { lt: localMidnight(f.dueBefore) } }),
        ...(f.department && { department: f.department }),
      },
    ],
  };
  const [total, rows] = await Promise.all([
    db.referral.count({ where }),
    db.referral.findMany({
      where,
      include: {
        receivingUnit: { select: { name: true } },
        case: { select: { caseNo: true, applicantName: true } },
      },
      orderBy: [{ dueAt: { sort: 'asc', nulls: 'last' } }, { referralNo: 'asc' }],
      ...page,
    }),
  ]);
  return { total, rows };
}
