import { Router } from 'express';
import type { Database } from '../../platform/database';
import { parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import { loadSecurityLog, requireSecurityLogReader, securityLogQuerySchema } from '../security-log';

/** 安全日志: the refused accesses of the reader's unit and below, newest first, a page at a time. */
export function securityLogRoutes({ db }: { db: Database }): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const actor = requireActor(req.actor);
    requireSecurityLogReader(actor);
    const q = parseInput(securityLogQuerySchema, req.query, 'query');
    res.json(await loadSecurityLog(db, actor, q));
  });
  return router;
}
