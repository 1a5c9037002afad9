import type { Client } from '@temporalio/client';
import { Router } from 'express';
import type { Database } from '../../platform/database';
import {
  recordTipOffOutcomeUpdate,
  tipOffWorkflowId,
  type TipOffOutcome,
} from '../../workflows/tip-off-verification';
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
import { applyFinding } from '../verification-findings';
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
    const consequence = outcome.consequence ?? 'NONE';
    const caseNo = outcome.caseNo ?? task.caseNo;
    // The case's review or exit first, through its own paths (a refusal there records nothing);
    // then the outcome, which closes the task with what followed.
    await applyFinding(db, temporal, actor, {
      source: 'TIP_OFF',
      sourceRef: receiptNo,
      consequence,
      caseNo,
      findings: outcome.findings,
      ineligibleFromMonth: outcome.ineligibleFromMonth,
    });
    const payload: TipOffOutcome = {
      status: outcome.status,
      outcomeText: outcome.outcomeText,
      findings: outcome.findings,
      consequence,
      caseNo,
      ineligibleFromMonth: outcome.ineligibleFromMonth ?? null,
    };
    await executeStaffUpdate(
      temporal,
      tipOffWorkflowId(receiptNo),
      recordTipOffOutcomeUpdate,
      { actor, payload },
      { code: 'WrongStep', message: '核查已办结 (already closed)' },
    );
    await audit(db, actor, 'recordTipOffOutcome', 'TipOff', receiptNo, {
      status: outcome.status,
      consequence,
      caseNo,
    });
    res.json(await tipOffFor(db, actor, receiptNo));
  });
  return router;
}
