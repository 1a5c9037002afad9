import { Router } from 'express';
import type { Database } from '../../platform/database';
import { parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import { keptPairing, listPairings, pairHousehold, saveVisit, volunteerHours } from '../pairings';
import { idempotencyKeyHeaderSchema } from '../schemas/case-application';
import { pairingListQuerySchema, pairingParamsSchema, pairingSchema, visitSchema } from '../schemas/pairings';

/** 结对帮扶: pairings, the visits and help given through them, and volunteers' service hours. */
export function pairingRoutes({ db }: { db: Database }): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const actor = requireActor(req.actor);
    parseInput(pairingListQuerySchema, req.query, 'query');
    res.json(await listPairings(db, actor));
  });
  router.post('/', async (req, res) => {
    const actor = requireActor(req.actor);
    res.status(201).json(await pairHousehold(db, actor, parseInput(pairingSchema, req.body, 'body')));
  });
  router.get('/volunteer-hours', async (req, res) => {
    const actor = requireActor(req.actor);
    const { year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear() } = parseInput(
      pairingListQuerySchema,
      req.query,
      'query',
    );
    res.json(await volunteerHours(db, actor, year));
  });
  router.post('/:pairingId/visits', async (req, res) => {
    const actor = requireActor(req.actor);
    const { pairingId } = parseInput(pairingParamsSchema, req.params, 'params');
    const pairing = await keptPairing(db, actor, pairingId);
    const body = parseInput(visitSchema, req.body, 'body');
    const key = parseInput(idempotencyKeyHeaderSchema, req.headers, 'headers')['idempotency-key'];
    res.status(201).json(await saveVisit(db, actor, pairing.id, body, key));
  });
  return router;
}
