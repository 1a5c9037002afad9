import { summarizeReferrals, type ReferralSummary } from '../domain/referral-summary';
import type { ReferralStatus } from '../domain/referral-steps';
import type { Actor } from '../domain/staff-roles';
import type { Database } from '../platform/database';
import { visibleReferrals } from './referral-access';

export interface BureauSummary extends ReferralSummary {
  receivingUnitId: string;
  receivingUnit: string;
  department: string;
}

/**
 * Per receiving bureau, the referrals it received (sent on or after `since`, when given) that
 * the user may see: the API's summary, the inbox's and the dashboard's.
 */
export async function referralSummaryByBureau(
  db: Database,
  actor: Actor,
  since?: Date,
): Promise<BureauSummary[]> {
  const rows = await db.referral.findMany({
    where: { AND: [visibleReferrals(actor), { sentAt: since ? { gte: since } : { not: null } }] },
    select: {
      receivingUnitId: true,
      department: true,
      status: true,
      overdue: true,
      sentAt: true,
      acceptedAt: true,
      endedAt: true,
      receivingUnit: { select: { name: true } },
    },
  });
  const byUnit = new Map<string, typeof rows>();
  for (const r of rows) byUnit.set(r.receivingUnitId, [...(byUnit.get(r.receivingUnitId) ?? []), r]);
  return [...byUnit.entries()]
    .map(([receivingUnitId, group]) => ({
      receivingUnitId,
      receivingUnit: group[0]!.receivingUnit.name,
      department: group[0]!.department,
      ...summarizeReferrals(group.map((r) => ({ ...r, status: r.status as ReferralStatus }))),
    }))
    .sort((a, b) => a.receivingUnitId.localeCompare(b.receivingUnitId));
}
