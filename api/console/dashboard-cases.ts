import { Prisma } from '@prisma/client';
import type { RequestHandler } from 'express';
import { AGEING_BUCKETS } from '../../domain/case-ageing';
import { PROCEDURE_STEPS } from '../../domain/case-steps';
import { PROGRAMMES } from '../../domain/programmes';
import { localDateOf } from '../../domain/working-days';
import type { Database } from '../../platform/database';
import { requireActor } from '../middleware/authenticate';
import { caseRows, countCapped } from '../supervision/case-rows';
import { caseScopeOf, scopeCondition, type CaseScope } from '../supervision/case-scope';
import { ageingCondition } from '../supervision/late-cases';
import {
  DASHBOARD_ROLES,
  drillDownHref,
  drillDownQuerySchema,
  FILTER_LABELS,
  forbidden,
  problemsOf,
  type DrillDownQuery,
} from './dashboard-filters';
import { presentCaseRow, stepText } from './dashboard-rows';
import { pagerOf } from './pager';

/** Cases on a page of the drill-down. */
export const DRILL_DOWN_PAGE = 50;

/** The drill-down counts matching cases up to this many, and says "more than" beyond. */
const COUNT_CAP = 1_000;

/** The drill-down's conditions on the case row `c`: open, in scope, and the filters. */
async function conditionsOf(db: Database, q: DrillDownQuery, scope: CaseScope | null, today: string) {
  // An ageing bucket is a range of overdue steps.
  const overdue = q.ageing ? true : q.overdue;
  const bucket = q.ageing ? AGEING_BUCKETS.find((b) => b.key === q.ageing) : undefined;
  const conditions = [
    Prisma.sql`c."closedAt" IS NULL`,
    scopeCondition(scope),
    q.step ? Prisma.sql`c."currentStep" = ${q.step}` : null,
    q.townshipId ? Prisma.sql`c."townshipId" = ${q.townshipId}` : null,
    q.countyId ? Prisma.sql`c."countyId" = ${q.countyId}` : null,
    q.programme ? Prisma.sql`c."programmeCode"::text = ${q.programme}` : null,
    overdue === undefined ? null : Prisma.sql`c.overdue = ${overdue}`,
    q.overallOverdue === undefined ? null : Prisma.sql`c."overallOverdue" = ${q.overallOverdue}`,
    bucket ? await ageingCondition(db, scope, bucket, today) : null,
  ].filter((c): c is Prisma.Sql => c !== null);
  return { overdue, where: Prisma.join(conditions, ' AND ') };
}

/**
 * 督办明细: the open cases behind a figure of the dashboard, soonest due first, a page at a
 * time, each with its working days left or overdue.
 */
export function drillDownRoute(db: Database): RequestHandler {
  return async (req, res) => {
    const actor = requireActor(req.actor);
    if (!DASHBOARD_ROLES.includes(actor.role)) throw forbidden();
    const parsed = drillDownQuerySchema.safeParse(req.query);
    if (!parsed.success) {
      return res
        .status(400)
        .render('dashboard-cases', { title: '督办明细', problems: problemsOf(parsed.error) });
    }
    const q = parsed.data;
    const today = localDateOf(Date.now());
    const scope = await caseScopeOf(db, actor);
    const { overdue, where } = await conditionsOf(db, q, scope, today);
    const [rows, matching, units] = await Promise.all([
      caseRows(db, {
        where,
        orderBy: Prisma.sql`c."dueAt" ASC NULLS LAST, c."caseNo" ASC`,
        limit: DRILL_DOWN_PAGE,
        offset: (q.page - 1) * DRILL_DOWN_PAGE,
        today,
      }),
      countCapped(db, where, COUNT_CAP),
      db.orgUnit.findMany({
        where: { id: { in: [q.townshipId, q.countyId].filter((id): id is string => id !== undefined) } },
        select: { id: true, name: true },
      }),
    ]);
    const nameOf = (id: string) => units.find((u) => u.id === id)?.name ?? id;
    const filters = [
      q.step && {
        label: FILTER_LABELS.step,
        value: q.programme ? stepText(q.programme, q.step) : PROCEDURE_STEPS[q.step],
      },
      q.townshipId && { label: FILTER_LABELS.townshipId, value: nameOf(q.townshipId) },
      q.countyId && { label: FILTER_LABELS.countyId, value: nameOf(q.countyId) },
      q.programme && { label: FILTER_LABELS.programme, value: PROGRAMMES[q.programme].name },
      overdue !== undefined && { label: FILTER_LABELS.overdue, value: overdue ? '是' : '否' },
      q.overallOverdue !== undefined && {
        label: FILTER_LABELS.overallOverdue,
        value: q.overallOverdue ? '是' : '否',
      },
      q.ageing && {
        label: FILTER_LABELS.ageing,
        value: AGEING_BUCKETS.find((b) => b.key === q.ageing)?.label ?? q.ageing,
      },
    ].filter(Boolean);
    const pages = Math.max(1, Math.ceil(Math.min(matching, COUNT_CAP) / DRILL_DOWN_PAGE));
    const hasNext = q.page * DRILL_DOWN_PAGE < matching;
    res.render('dashboard-cases', {
      title: '督办明细',
      filters,
      cases: rows.map(presentCaseRow),
      total: matching > COUNT_CAP ? `${COUNT_CAP.toLocaleString('en')} 以上` : matching.toLocaleString('en'),
      page: q.page,
      pages: matching > COUNT_CAP ? `${pages}+` : pages,
      pager: pagerOf(q.page, hasNext, (page) => drillDownHref({ ...q, page })),
      canExtend: actor.role === 'SUPERVISOR',
      here: drillDownHref(q),
    });
  };
}
