import type { Client } from '@temporalio/client';
import { Router } from 'express';
import type { Database } from '../../platform/database';
import { recordTipOffOutcomeUpdate, tipOffWorkflowId } from '../../workflows/tip-off-verification';
import { audit } from '../audit';
import { parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import { parseStrictInput } from '../schemas/strict-input';
import {
  listTipOffs,
  receiptParamsSchema,
  requireVerifier,
  tipOffFor,
  tipOffListQuerySchema,
  tipOffOutcomeSchema,
} from '../tip-offs';
import { executeStaffUpdate } from '../workflow-updates';

/** 举报投诉核查: the verification inbox, one task, and its outcome. */
export function tipOffRoutes({ db, temporal }: { db: Database; temporal: Client }): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const actor = requireActor(req.actor);
    res.json(await listTipOffs(db, actor, parseStrictInput(tipOffListQuerySchema, req.query, 'query')));
  });
  router.get('/:receiptNo', async (req, res) => {
    const actor = requireActor(req.actor);
    const { receiptNo } = parseInput(receiptParamsSchema, req.params, 'params');
    const task = await tipOffFor(db, actor, receiptNo);
    if (task.reporterVisible) await audit(db, actor, 'readTipOffReporter', 'TipOff', receiptNo);
    res.json(task);
  });
  router.post('/:receiptNo/outcome', async (req, res) => {
    const actor = requireActor(req.actor);
    const { receiptNo } = parseInput(receiptParamsSchema, req.params, 'params');
    const task = await tipOffFor(db, actor, receiptNo);
    requireVerifier(actor, task);
    const outcome = parseStrictInput(tipOffOutcomeSchema, req.body, 'body');
    await executeStaffUpdate(
      temporal,
      tipOffWorkflowId(receiptNo),
      recordTipOffOutcomeUpdate,
      { actor, payload: outcome },
      { code: 'WrongStep', message: '核查已办结 (already closed)' },
    );
    await audit(db, actor, 'recordTipOffOutcome', 'TipOff', receiptNo, { status: outcome.status });
    res.json(await tipOffFor(db, actor, receiptNo));
  });
  return router;
}
