import { Router } from 'express';
import type { Database } from '../../platform/database';
import {
  declareEvent,
  eventView,
  fileReport,
  issueSupplies,
  listEvents,
  listStocks,
  receiveSupplies,
  transferSupplies,
} from '../disasters';
import { parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import {
  eventDeclarationSchema,
  eventParamsSchema,
  issueSchema,
  receiptSchema,
  reportSchema,
  stockListQuerySchema,
  stockParamsSchema,
  transferSchema,
} from '../schemas/disasters';
import { noQuerySchema } from '../schemas/strict-input';

/** 灾害救助: disaster events and their dated reports, and relief supplies 救灾物资. */
export function disasterRoutes({ db }: { db: Database }): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const actor = requireActor(req.actor);
    parseInput(noQuerySchema, req.query, 'query');
    res.json(await listEvents(db, actor));
  });
  router.post('/', async (req, res) => {
    const actor = requireActor(req.actor);
    res.status(201).json(await declareEvent(db, actor, parseInput(eventDeclarationSchema, req.body, 'body')));
  });
  router.get('/supplies', async (req, res) => {
    const actor = requireActor(req.actor);
    res.json(await listStocks(db, actor, parseInput(stockListQuerySchema, req.query, 'query')));
  });
  router.post('/supplies', async (req, res) => {
    const actor = requireActor(req.actor);
    res.json(await receiveSupplies(db, actor, parseInput(receiptSchema, req.body, 'body')));
  });
  router.post('/supplies/:stockId/issues', async (req, res) => {
    const actor = requireActor(req.actor);
    const { stockId } = parseInput(stockParamsSchema, req.params, 'params');
    res.status(201).json(await issueSupplies(db, actor, stockId, parseInput(issueSchema, req.body, 'body')));
  });
  router.post('/supplies/:stockId/transfers', async (req, res) => {
    const actor = requireActor(req.actor);
    const { stockId } = parseInput(stockParamsSchema, req.params, 'params');
    res
      .status(201)
      .json(await transferSupplies(db, actor, stockId, parseInput(transferSchema, req.body, 'body')));
  });
  router.get('/:eventId', async (req, res) => {
    const actor = requireActor(req.actor);
    const { eventId } = parseInput(eventParamsSchema, req.params, 'params');
    parseInput(noQuerySchema, req.query, 'query');
    res.json(await eventView(db, actor, eventId));
  });
  router.post('/:eventId/reports', async (req, res) => {
    const actor = requireActor(req.actor);
    const { eventId } = parseInput(eventParamsSchema, req.params, 'params');
    res.status(201).json(await fileReport(db, actor, eventId, parseInput(reportSchema, req.body, 'body')));
  });
  return router;
}
