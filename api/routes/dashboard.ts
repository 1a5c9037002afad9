import { Router } from 'express';
import { z } from 'zod';
import { OPEN_PROGRAMME_CODES } from '../../domain/programmes';
import type { Database } from '../../platform/database';
import { DASHBOARD_ROLES } from '../console/dashboard-filters';
import { HttpError, parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import { loadDashboard } from '../supervision/dashboard';
import { checkFigures } from '../supervision/check-figures';
import { parseStrictInput } from '../schemas/strict-input';
import { QUARTER_PATTERN } from '../../domain/random-checks';
import type { Actor } from '../../domain/staff-roles';

/** GET /api/dashboard's one filter: the programme every figure is counted for (all by default). */
export const dashboardApiQuerySchema = z.strictObject(
  {
    programme: z
      .enum(OPEN_PROGRAMME_CODES, {
        error: `救助项目应为 ${OPEN_PROGRAMME_CODES.join('、')} 之一 (unknown programme)`,
      })
      .optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? '不认识的查询参数 (unknown parameter)' : undefined,
  },
);

/** GET /api/dashboard/checks's one filter: a quarter (all quarters by default). */
export const checkFiguresQuerySchema = z.strictObject({
  quarter: z.string().regex(QUARTER_PATTERN, '季度格式应为 YYYY-Qn，如 2026-Q4').optional(),
});

function requireDashboardReader(actor: Actor): void {
  if (!DASHBOARD_ROLES.includes(actor.role)) {
    throw new HttpError(
      403,
      'forbidden',
      '督办看板仅供监督人员和系统管理员使用 (supervisors and administrators only)',
    );
  }
}

/** 督办看板 as JSON: the console dashboard's figures, for supervisors and administrators. */
export function dashboardApiRoutes({ db }: { db: Database }): Router {
  const router = Router();
  /** 随机抽查与举报核查: per county and quarter, in the reader's jurisdiction. */
  router.get('/checks', async (req, res) => {
    const actor = requireActor(req.actor);
    requireDashboardReader(actor);
    const { quarter } = parseStrictInput(checkFiguresQuerySchema, req.query, 'query');
    res.json({ items: await checkFigures(db, actor, quarter) });
  });
  router.get('/', async (req, res) => {
    const actor = requireActor(req.actor);
    requireDashboardReader(actor);
    const { programme } = parseInput(dashboardApiQuerySchema, req.query, 'query');
    const { scope: _scope, overdueByDays: _days, ...figures } = await loadDashboard(db, actor, programme);
    res.json(figures);
  });
  return router;
}
