import { Router } from 'express';
import { horizontalBars } from '../../domain/case-ageing';
import { chineseMonth } from '../../domain/chinese-date';
import { reportQuerySchema, tallyBy } from '../../domain/report-months';
import type { Database } from '../../platform/database';
import { requireActor } from '../middleware/authenticate';
import { reportFor, REPORT_READERS } from '../prefecture-reports';
import { requireRole } from '../payment-rolls';
import { problemsOf } from './dashboard-filters';

/** How many refusal reasons a chart names before it sums the rest as 其他. */
const REASONS_SHOWN = 8;

const FILTER_LABELS: Record<string, string> = { from: '起始月份', to: '截止月份', countyId: '县（市）' };

/**
 * 统计报表 as a console page: the prefecture's report over a month range for supervisors and
 * administrators, drawn as server-side SVG bars (templates/pages/partials/bar-chart.hbs) with
 * the tables beside them, and the same report's XLSX a link away.
 */
export function reportPageRoutes(db: Database): Router {
  const router = Router();

  router.get('/reports', async (req, res) => {
    const actor = requireActor(req.actor);
    requireRole(actor, REPORT_READERS, '统计报表仅供监督人员和系统管理员查看');
    // The form sends a blank county for 全部: a blank field is a field left out.
    const asked = Object.fromEntries(Object.entries(req.query).filter(([, v]) => v !== ''));
    const parsed = reportQuerySchema.safeParse(asked);
    if (!parsed.success)
      return res.status(400).render('reports', {
        title: '统计报表',
        problems: problemsOf(parsed.error).map((p) => ({ ...p, label: FILTER_LABELS[p.field] ?? null })),
      });
    const report = await reportFor(db, actor, parsed.data);
    const rows = report.rows.map((r) => ({
      ...r,
      label: `${r.countyName} · ${r.programmeName}`,
      medianDays: r.medianProcessingDays ?? '—',
    }));
    const county = new Map(report.rows.map((r) => [r.countyId, r.countyName]));
    const refusals = report.refusals.map((r) => ({
      ...r,
      countyName: county.get(r.countyId) ?? r.countyId,
      programmeName: rows.find((x) => x.programme === r.programme)?.programmeName ?? r.programme,
      decisionLabel: r.decision === 'notAccepted' ? '不予受理' : '不予批准',
      reasonText: r.reasons || '（未写明）',
    }));
    const exits = report.exits.map((e) => ({
      ...e,
      countyName: county.get(e.countyId) ?? e.countyId,
      programmeName: rows.find((x) => x.programme === e.programme)?.programmeName ?? e.programme,
    }));
    const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((n, r) => n + pick(r), 0);
    const query = new URLSearchParams({
      from: report.from,
      to: report.to,
      ...(report.countyId && { countyId: report.countyId }),
    });
    res.render('reports', {
      title: '统计报表',
      from: report.from,
      to: report.to,
      period: `${chineseMonth(report.from)}至${chineseMonth(report.to)}`,
      countyOptions: report.counties.map((c) => ({ ...c, selected: c.id === report.countyId })),
      workbookHref: `/api/reports/prefecture/workbook?${query}`,
      totals: {
        filed: sum((r) => r.filed),
        approved: sum((r) => r.approved),
        refused: sum((r) => r.refused),
        notAccepted: sum((r) => r.notAccepted),
        overdueSteps: sum((r) => r.overdueSteps),
        exits: report.exits.reduce((n, e) => n + e.count, 0),
      },
      rows,
      refusals,
      exits,
      charts: {
        filed: horizontalBars(
          '申请件数（按县市）',
          tallyBy(
            rows,
            (r) => r.countyName,
            (r) => r.filed,
          ),
        ),
        approved: horizontalBars(
          '批准件数（按救助项目）',
          tallyBy(
            rows,
            (r) => r.programmeName,
            (r) => r.approved,
          ),
        ),
        refusals: horizontalBars(
          '不予批准、不予受理理由',
          tallyBy(
            refusals,
            (r) => `${r.decisionLabel}：${r.reasonText}`,
            (r) => r.count,
            REASONS_SHOWN,
          ),
          { width: 600, labelWidth: 260 },
        ),
        exits: horizontalBars(
          '退出原因',
          tallyBy(
            exits,
            (e) => e.reasonName,
            (e) => e.count,
            REASONS_SHOWN,
          ),
          { width: 600, labelWidth: 260 },
        ),
        processing: horizontalBars(
          '办理天数中位数（自然日，按县市和救助项目）',
          rows
            .filter((r) => r.medianProcessingDays !== null)
            .map((r) => ({ label: r.label, value: r.medianProcessingDays ?? 0 })),
          { width: 600, labelWidth: 220 },
        ),
        overdue: horizontalBars(
          '超期环节（按县市）',
          tallyBy(
            rows,
            (r) => r.countyName,
            (r) => r.overdueSteps,
          ),
        ),
      },
    });
  });

  return router;
}
