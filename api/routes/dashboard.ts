import { Router } from 'express';
import { z } from 'zod';
import { OPEN_PROGRAMME_CODES } from '../../domain/programmes';
import type { Database } from '../../platform/database';
import { DASHBOARD_ROLES } from '../console/dashboard-filters';
import { HttpError, parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import { loadDashboard } from '../supervision/dashboard';

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

/** 督办看板 as JSON: the console dashboard's figures, for supervisors and administrators. */
export function dashboardApiRoutes({ db }: { db: Database }): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const actor = requireActor(req.actor);
    if (!DASHBOARD_ROLES.includes(actor.role)) {
      throw new HttpError(
        403,
        'forbidden',
        '督办看板仅供监督人员和系统管理员使用 (supervisors and administrators only)',
      );
    }
    const { programme } = parseInput(dashboardApiQuerySchema, req.query, 'query');
    const { scope: _scope, overdueByDays: _days, ...figures } = await loadDashboard(db, actor, programme);
    res.json(figures);
  });
  return router;
}
