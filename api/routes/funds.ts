import { Router } from 'express';
import type { Database } from '../../platform/database';
import { listBudget, reallocate, repay, setBudgetLine, spending } from '../funds';
import { parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import {
  budgetLineSchema,
  budgetQuerySchema,
  reallocationSchema,
  recoveryParamsSchema,
  repaymentSchema,
  spendingQuerySchema,
} from '../schemas/payment-rolls';

/** 资金: budget lines by source, reallocations, spending against budget, overpayments repaid. */
export function fundRoutes({ db }: { db: Database }): Router {
  const router = Router();
  router.get('/budgets', async (req, res) => {
    const actor = requireActor(req.actor);
    res.json(await listBudget(db, actor, parseInput(budgetQuerySchema, req.query, 'query')));
  });
  router.post('/budgets', async (req, res) => {
    const actor = requireActor(req.actor);
    res.json(await setBudgetLine(db, actor, parseInput(budgetLineSchema, req.body, 'body')));
  });
  router.post('/reallocations', async (req, res) => {
    const actor = requireActor(req.actor);
    res.status(201).json(await reallocate(db, actor, parseInput(reallocationSchema, req.body, 'body')));
  });
  router.get('/spending', async (req, res) => {
    const actor = requireActor(req.actor);
    res.json(await spending(db, actor, parseInput(spendingQuerySchema, req.query, 'query')));
  });
  router.post('/recoveries/:recoveryId/repayments', async (req, res) => {
    const actor = requireActor(req.actor);
    const { recoveryId } = parseInput(recoveryParamsSchema, req.params, 'params');
    const { amountYuan } = parseInput(repaymentSchema, req.body, 'body');
    res.json(await repay(db, actor, recoveryId, amountYuan));
  });
  return router;
}
