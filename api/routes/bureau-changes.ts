import type { Client } from '@temporalio/client';
import { Router } from 'express';
import type { Database } from '../../platform/database';
import { bureauChangeImportSchema, importBureauChanges } from '../bureau-changes';
import { requireBureauOfficer } from '../economic-checks';
import { parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';

/** 部门数据变更: a checking bureau's periodic change file, asking the households named for a review. */
export function bureauChangeRoutes({ db, temporal }: { db: Database; temporal: Client }): Router {
  const router = Router();
  router.post('/import', async (req, res) => {
    const actor = requireActor(req.actor);
    requireBureauOfficer(actor);
    const body = parseInput(bureauChangeImportSchema, req.body, 'body');
    res.json(await importBureauChanges(db, temporal, actor, body));
  });
  return router;
}
