import { reportRange, type ReportQuery } from '../domain/report-months';
import type { Actor, StaffRole } from '../domain/staff-roles';
import { localDateOf } from '../domain/working-days';
import type { Database } from '../platform/database';
import { countyInJurisdiction, readableCounties, requireRole } from './payment-rolls';
import { loadPrefectureReport, type PrefectureReport } from './supervision/prefecture-report';

/**
 * 统计报表: the prefecture's report for a reader, over the month range asked (January to this
 * month by default), for the counties in the reader's jurisdiction — the prefecture's twelve,
 * or the one county of a county supervisor — or the one county named (outside: 403, unknown: 422).
 */

export const REPORT_READERS: readonly StaffRole[] = ['SUPERVISOR', 'ADMINISTRATOR'];

export interface ScopedReport extends PrefectureReport {
  counties: { id: string; name: string }[];
  countyId: string | null;
}

export async function reportFor(
  db: Database,
  actor: Actor,
  q: ReportQuery,
  now: number = Date.now(),
): Promise<ScopedReport> {
  requireRole(actor, REPORT_READERS, '统计报表仅供监督人员和系统管理员查看');
  const readable = await readableCounties(db, actor);
  const counties = q.countyId
    ? [await countyInJurisdiction(db, actor, q.countyId, 'query.countyId')]
    : readable;
  const { from, to } = reportRange(q, localDateOf(now).slice(0, 7));
  const report = await loadPrefectureReport(
    db,
    counties.map((c) => c.id),
    from,
    to,
  );
  return {
    ...report,
    countyId: q.countyId ?? null,
    counties: readable.map((c) => ({ id: c.id, name: c.name })),
  };
}
