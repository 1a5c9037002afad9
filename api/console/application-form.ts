import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { SCHOOL_STAGES } from '../../domain/household';
import type { Database } from '../../platform/database';
import { HttpError } from '../http-error';
import { requireActor } from '../middleware/authenticate';

const ROWS = 6;

/**
 * 新申请: the 低保 application form, filed through POST /api/cases with a fresh Idempotency-Key
 * per form, so a double click files one case. The API's messages appear beside the fields.
 */
export function applicationFormRoutes(db: Database): Router {
  const router = Router();
  router.get('/applications/new', async (req, res) => {
    const actor = requireActor(req.actor);
    if (actor.role !== 'VILLAGE_ASSISTANT' && actor.role !== 'TOWNSHIP_OFFICER') {
      throw new HttpError(403, 'forbidden', '只有村协理员或乡镇经办可以代为申请');
    }
    const villages = await db.orgUnit.findMany({
      where: { level: 'VILLAGE', path: { startsWith: actor.unitPath } },
      orderBy: { id: 'asc' },
      select: { id: true, name: true, isUrban: true },
    });
    res.render('application-form', {
      title: '新申请',
      villages,
      rows: Array.from({ length: ROWS }, (_, i) => ({ index: i, applicant: i === 0 })),
      schoolStages: SCHOOL_STAGES,
      idempotencyKey: `console-${randomUUID()}`,
    });
  });
  return router;
}
