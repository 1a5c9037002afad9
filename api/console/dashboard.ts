import { Prisma } from '@prisma/client';
import { Router } from 'express';
import { formatYuan, yuanToFen } from '../../domain/money';
import { calendarYearRows } from '../../domain/calendar-years';
import { localDateOf } from '../../domain/working-days';
import { calendarYearCounts } from '../calendar-years';
import { horizontalBars, verticalBars } from '../../domain/case-ageing';
import { chineseDate } from '../../domain/chinese-date';
import { OPEN_PROGRAMME_CODES, PROGRAMMES } from '../../domain/programmes';
import { requireActor } from '../middleware/authenticate';
import { caseRows } from '../supervision/case-rows';
import { loadDashboard } from '../supervision/dashboard';
import { checkFigures } from '../supervision/check-figures';
import { longestLateIds } from '../supervision/late-cases';
import type { ConsoleDeps } from './console-routes';
import { drillDownRoute } from './dashboard-cases';
import {
  DASHBOARD_ROLES,
  dashboardQuerySchema,
  drillDownHref,
  forbidden,
  problemsOf,
} from './dashboard-filters';
import { presentCaseRow } from './dashboard-rows';

/** The longest-overdue steps offered for extension on the dashboard itself; the drill-down has all. */
const EXTENSIONS_ON_DASHBOARD = 20;

/**
 * 督办看板: overdue steps by step, township and county, how long they are overdue, how long
 * decided applications took, open cases by programme and county, the extensions a supervisor
 * approves, and the referral bureaus' figures. Cases of households below the user's unit only.
 * Every figure is grouped by the database (api/supervision/); no case is read but the twenty
 * offered for extension.
 */
export function dashboardRoutes(deps: ConsoleDeps): Router {
  const { db } = deps;
  const router = Router();

  router.get('/dashboard', async (req, res) => {
    const actor = requireActor(req.actor);
    if (!DASHBOARD_ROLES.includes(actor.role)) throw forbidden();
    const parsed = dashboardQuerySchema.safeParse(req.query);
    if (!parsed.success) {
      return res.status(400).render('dashboard', { title: '督办看板', problems: problemsOf(parsed.error) });
    }
    const { programme } = parsed.data;
    /** Every link to the drill-down keeps the programme chosen. */
    const drill = (filters: Parameters<typeof drillDownHref>[0]) => drillDownHref({ programme, ...filters });

    const now = Date.now();
    const [view, calendarYears, checks] = await Promise.all([
      loadDashboard(db, actor, programme, now),
      calendarYearCounts(db),
      checkFigures(db, actor, undefined),
    ]);
    const longest = await longestLateIds(
      db,
      { scope: view.scope, programme, today: view.asOf },
      view.overdueByDays,
      EXTENSIONS_ON_DASHBOARD,
    );
    const rows = longest.length
      ? await caseRows(db, {
          where: Prisma.sql`c.id IN (${Prisma.join(longest)})`,
          orderBy: Prisma.sql`c."caseNo"`,
          limit: EXTENSIONS_ON_DASHBOARD,
          today: view.asOf,
        })
      : [];
    const extensions = rows
      .map(presentCaseRow)
      .sort((a, b) => b.overdueDays - a.overdueDays || a.caseNo.localeCompare(b.caseNo));

    const withHref = <T extends { key: string }>(
      rows: T[],
      filter: (key: string) => Parameters<typeof drill>[0],
    ) => rows.map((r) => ({ ...r, href: drill(filter(r.key)) }));
    const ageing = withHref(view.ageing, (key) => ({ overdue: true, ageing: key }));

    res.render('dashboard', {
      title: '督办看板',
      calendarYears: calendarYearRows(calendarYears, localDateOf(now)),
      checks,
      asOf: chineseDate(now),
      canExtend: actor.role === 'SUPERVISOR',
      programme: programme ?? null,
      programmeName: programme ? PROGRAMMES[programme].name : null,
      programmeOptions: OPEN_PROGRAMME_CODES.map((code) => ({
        code,
        name: PROGRAMMES[code].name,
        selected: code === programme,
      })),
      here: programme ? `/dashboard?${new URLSearchParams({ programme })}` : '/dashboard',
      totals: { ...view.totals, medianDays: view.totals.medianProcessingDays ?? '—' },
      links: {
        overdue: drill({ overdue: true }),
        overallOverdue: drill({ overallOverdue: true }),
        open: drill({}),
      },
      overdueByStep: withHref(view.overdueByStep, (step) => ({ overdue: true, step })),
      overdueByTownship: withHref(view.overdueByTownship, (townshipId) => ({ overdue: true, townshipId })),
      overdueByCounty: withHref(view.overdueByCounty, (countyId) => ({ overdue: true, countyId })),
      ageing,
      ageingChart: verticalBars(
        '超期环节的超期时长（工作日）',
        ageing.map((a) => ({ label: a.name, value: a.count, href: a.href })),
      ),
      processing: view.processing,
      processingChart: verticalBars(
        '已办结申请的办理用时（自然日）',
        view.processing.map((p) => ({ label: p.name, value: p.count })),
      ),
      openProgrammes: view.openByProgramme.map((p) => ({
        ...p,
        href: drillDownHref({ programme: p.key }),
        support: p.support && {
          ...p.support,
          share: p.support.share === null ? '—' : `${Math.round(p.support.share * 100)}%`,
        },
      })),
      programmeChart: horizontalBars(
        '未办结案件（含在保）按救助项目',
        view.openByProgramme
          .filter((p) => p.count > 0)
          .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
          .map((p) => ({ label: p.name, value: p.count, href: drillDownHref({ programme: p.key }) })),
      ),
      countyChart: horizontalBars(
        '未办结案件（含在保）按县（市）',
        view.openByCounty.map((c) => ({ label: c.name, value: c.count, href: drill({ countyId: c.key }) })),
      ),
      extensions,
      disasterEvents: view.disasterEvents.map((e) => ({
        ...e,
        lossText: formatYuan(yuanToFen(e.tally.directLossYuan)),
      })),
      showsDisasters: programme === undefined || programme === 'DISASTER',
      moreLate: view.totals.late > extensions.length,
      showsReferrals: view.referrals !== null,
      referrals: (view.referrals ?? []).map((r) => ({
        ...r,
        hoursToAccept: r.medianHoursToAccept ?? '—',
        hoursToComplete: r.medianHoursToComplete ?? '—',
      })),
    });
  });

  router.get('/dashboard/cases', drillDownRoute(db));

  return router;
}
