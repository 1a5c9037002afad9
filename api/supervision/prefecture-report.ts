import ExcelJS from 'exceljs';
import { medianOfCounts } from '../../domain/case-ageing';
import { DECISION_NAMES } from '../../domain/decision-names';
import { PROGRAMMES } from '../../domain/programmes';
import type { Database } from '../../platform/database';

/**
 * 统计报表: the prefecture's report over a month range (local time, UTC+8), per county and
 * programme: applications filed, decisions (enrolled or granted, refused, not accepted),
 * refusals by reason, exits by reason, the median calendar days from filing to decision, and
 * steps that went overdue. Every figure is a GROUP BY over the event log; no name is selected.
 * Read through api/prefecture-reports.ts (routes in api/routes/reports.ts, the page /reports).
 */
export interface PrefectureReport {
  from: string;
  to: string;
  rows: {
    countyId: string;
    countyName: string;
    programme: string;
    programmeName: string;
    filed: number;
    approved: number;
    refused: number;
    notAccepted: number;
    medianProcessingDays: number | null;
    overdueSteps: number;
  }[];
  refusals: { countyId: string; programme: string; decision: string; reasons: string; count: number }[];
  exits: { countyId: string; programme: string; reason: string; reasonName: string; count: number }[];
}

/** The first instant of a month in local time (UTC+8). */
const monthStart = (month: string) => new Date(`${month}-01T00:00:00+08:00`);
const nextMonth = (month: string) => {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7));
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};

const REFUSED = new Set(['refused']);
const NOT_ACCEPTED = new Set(['notAccepted']);

const programmeName = (code: string) =>
  (PROGRAMMES as Record<string, { name: string } | undefined>)[code]?.name ?? code;

/** The report of these counties from the first day of `from` to the last of `to` (YYYY-MM). */
export async function loadPrefectureReport(
  db: Database,
  countyIds: string[],
  from: string,
  to: string,
): Promise<PrefectureReport> {
  const start = monthStart(from);
  const end = monthStart(nextMonth(to));
  const [counties, filed, decided, overdue, refusals, exits] = await Promise.all([
    db.orgUnit.findMany({ where: { id: { in: countyIds } }, select: { id: true, name: true } }),
    db.$queryRaw<{ countyId: string; programme: string; count: number }[]>`
      SELECT "countyId", "programmeCode"::text AS programme, count(*)::int AS count FROM "Case"
      WHERE "countyId" = ANY(${countyIds}) AND "appliedAt" >= ${start} AND "appliedAt" < ${end}
      GROUP BY 1, 2`,
    db.$queryRaw<{ countyId: string; programme: string; decision: string; days: number; count: number }[]>`
      SELECT c."countyId", c."programmeCode"::text AS programme, e.decision,
             ((e."occurredAt" AT TIME ZONE 'Asia/Shanghai')::date - (c."appliedAt" AT TIME ZONE 'Asia/Shanghai')::date)::int AS days,
             count(*)::int AS count
      FROM "CaseEvent" e JOIN "Case" c ON c.id = e."caseId"
      WHERE e.type = 'caseClosed' AND c."countyId" = ANY(${countyIds})
        AND e."occurredAt" >= ${start} AND e."occurredAt" < ${end}
      GROUP BY 1, 2, 3, 4`,
    db.$queryRaw<{ countyId: string; programme: string; count: number }[]>`
      SELECT c."countyId", c."programmeCode"::text AS programme, count(*)::int AS count
      FROM "CaseEvent" e JOIN "Case" c ON c.id = e."caseId"
      WHERE e.type = 'stepOverdue' AND c."countyId" = ANY(${countyIds})
        AND e."occurredAt" >= ${start} AND e."occurredAt" < ${end}
      GROUP BY 1, 2`,
    db.$queryRaw<{ countyId: string; programme: string; decision: string; reasons: string; count: number }[]>`
      SELECT c."countyId", c."programmeCode"::text AS programme, e.decision, coalesce(e.reasons, '') AS reasons,
             count(*)::int AS count
      FROM "CaseEvent" e JOIN "Case" c ON c.id = e."caseId"
      WHERE e.type = 'caseClosed' AND e.decision IN ('refused', 'notAccepted') AND c."countyId" = ANY(${countyIds})
        AND e."occurredAt" >= ${start} AND e."occurredAt" < ${end}
      GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 5 DESC, 3, 4`,
    db.$queryRaw<{ countyId: string; programme: string; reason: string; count: number }[]>`
      SELECT c."countyId", c."programmeCode"::text AS programme, coalesce(e.decision, '') AS reason, count(*)::int AS count
      FROM "CaseEvent" e JOIN "Case" c ON c.id = e."caseId"
      WHERE e.type = 'enrolmentEnded' AND c."countyId" = ANY(${countyIds})
        AND e."occurredAt" >= ${start} AND e."occurredAt" < ${end}
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 4 DESC, 3`,
  ]);

  const key = (countyId: string, programme: string) => `${countyId}|${programme}`;
  const keys = new Set<string>();
  for (const r of [...filed, ...decided, ...overdue]) keys.add(key(r.countyId, r.programme));
  const nameOf = new Map(counties.map((c) => [c.id, c.name]));
  const rows = [...keys].sort().map((k) => {
    const [countyId, programme] = k.split('|') as [string, string];
    const mine = decided.filter((d) => key(d.countyId, d.programme) === k);
    const sum = (rows: { count: number }[]) => rows.reduce((n, r) => n + r.count, 0);
    return {
      countyId,
      countyName: nameOf.get(countyId) ?? countyId,
      programme,
      programmeName: programmeName(programme),
      filed: sum(filed.filter((f) => key(f.countyId, f.programme) === k)),
      approved: sum(mine.filter((d) => !REFUSED.has(d.decision) && !NOT_ACCEPTED.has(d.decision))),
      refused: sum(mine.filter((d) => REFUSED.has(d.decision))),
      notAccepted: sum(mine.filter((d) => NOT_ACCEPTED.has(d.decision))),
      medianProcessingDays: medianOfCounts(mine.map((d) => ({ value: d.days, count: d.count }))),
      overdueSteps: sum(overdue.filter((o) => key(o.countyId, o.programme) === k)),
    };
  });
  return {
    from,
    to,
    rows,
    refusals,
    exits: exits.map((e) => ({ ...e, reasonName: DECISION_NAMES[e.reason] ?? e.reason })),
  };
}

/** The report as an XLSX workbook: one sheet of figures, one of refusals, one of exits (zh-CN headers). */
export async function prefectureReportWorkbook(report: PrefectureReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const figures = book.addWorksheet('汇总');
  figures.addRow([`统计期间 ${report.from} 至 ${report.to}`]);
  figures.addRow([
    '县（市）',
    '救助项目',
    '申请',
    '批准',
    '不予批准',
    '不予受理',
    '办理天数中位数',
    '超期环节',
  ]);
  for (const r of report.rows)
    figures.addRow([
      r.countyName,
      r.programmeName,
      r.filed,
      r.approved,
      r.refused,
      r.notAccepted,
      r.medianProcessingDays,
      r.overdueSteps,
    ]);
  const county = new Map(report.rows.map((r) => [r.countyId, r.countyName]));
  const refusals = book.addWorksheet('不予批准理由');
  refusals.addRow(['县（市）', '救助项目', '决定', '理由', '件数']);
  for (const r of report.refusals)
    refusals.addRow([
      county.get(r.countyId) ?? r.countyId,
      programmeName(r.programme),
      DECISION_NAMES[r.decision] ?? r.decision,
      r.reasons,
      r.count,
    ]);
  const exits = book.addWorksheet('退出原因');
  exits.addRow(['县（市）', '救助项目', '原因', '件数']);
  for (const e of report.exits)
    exits.addRow([county.get(e.countyId) ?? e.countyId, programmeName(e.programme), e.reasonName, e.count]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
