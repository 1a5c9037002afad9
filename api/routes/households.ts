import { Router } from 'express';
import type { Database } from '../../platform/database';
import { setBankAccount } from '../funds';
import { parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import { bankAccountSchema, householdParamsSchema } from '../schemas/payment-rolls';

/** A household's bank account for the monthly transfer (社会化发放), changed with an audit entry. */
export function householdRoutes({ db }: { db: Database }): Router {
  const router = Router();
  router.post('/:householdId/bank-account', async (req, res) => {
    const actor = requireActor(req.actor);
    const { householdId } = parseInput(householdParamsSchema, req.params, 'params');
    const body = parseInput(bankAccountSchema, req.body, 'body');
    res.json(await setBankAccount(db, actor, householdId, body));
  });
  return router;
}
