import { Router } from 'express';
import { recordRandomCheckFindingUpdate, randomCheckWorkflowId } from '../../workflows/random-checks';
import { audit } from '../audit';
import { parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import {
  drawByHand,
  drawFor,
  drawParamsSchema,
  drawRequestSchema,
  listDraws,
  randomCheckListQuerySchema,
  requireDrawer,
  rerunFor,
  visitFindingSchema,
  visitForVerifier,
  visitParamsSchema,
} from '../random-checks';
import { noQuerySchema, parseStrictInput } from '../schemas/strict-input';
import { applyFinding } from '../verification-findings';
import { executeStaffUpdate } from '../workflow-updates';
import type { RouteServices } from '../services';

/** 随机抽查: the quarter's draws, one draw with its visits, its re-run, a draw by hand, a visit's finding. */
export function randomCheckRoutes({ db, temporal, taskQueue }: RouteServices): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const actor = requireActor(req.actor);
    res.json(await listDraws(db, actor, parseStrictInput(randomCheckListQuerySchema, req.query, 'query')));
  });
  router.post('/', async (req, res) => {
    const actor = requireActor(req.actor);
    requireDrawer(actor);
    const body = parseStrictInput(drawRequestSchema, req.body ?? {}, 'body');
    const { created, draw } = await drawByHand(db, temporal, taskQueue, actor, body);
    if (created) await audit(db, actor, 'drawRandomChecks', 'RandomCheckDraw', draw.drawId);
    res.status(created ? 201 : 200).json(draw);
  });
  router.get('/:drawId', async (req, res) => {
    const actor = requireActor(req.actor);
    parseStrictInput(noQuerySchema, req.query, 'query');
    const { drawId } = parseInput(drawParamsSchema, req.params, 'params');
    res.json(await drawFor(db, actor, drawId));
  });
  router.get('/:drawId/rerun', async (req, res) => {
    const actor = requireActor(req.actor);
    parseStrictInput(noQuerySchema, req.query, 'query');
    const { drawId } = parseInput(drawParamsSchema, req.params, 'params');
    res.json(await rerunFor(db, actor, drawId));
  });
  router.post('/visits/:visitId/finding', async (req, res) => {
    const actor = requireActor(req.actor);
    const { visitId } = parseInput(visitParamsSchema, req.params, 'params');
    const visit = await visitForVerifier(db, actor, visitId);
    const finding = parseStrictInput(visitFindingSchema, req.body, 'body');
    // The case's review or exit first, through its own paths; then the finding closes the visit.
    await applyFinding(db, temporal, actor, {
      source: 'RANDOM_CHECK',
      sourceRef: visitId,
      consequence: finding.consequence,
      caseNo: visit.caseNo,
      findings: finding.findings,
      ineligibleFromMonth: finding.ineligibleFromMonth,
    });
    await executeStaffUpdate(
      temporal,
      randomCheckWorkflowId(visitId),
      recordRandomCheckFindingUpdate,
      { actor, payload: { ...finding, ineligibleFromMonth: finding.ineligibleFromMonth ?? null } },
      { code: 'WrongStep', message: '核查已办结 (already closed)' },
    );
    await audit(db, actor, 'recordRandomCheckFinding', 'RandomCheckVisit', visitId, {
      consequence: finding.consequence,
      caseNo: visit.caseNo,
    });
    res.json(await drawFor(db, actor, visit.drawId));
  });
  return router;
}
