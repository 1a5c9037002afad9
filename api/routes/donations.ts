import { Router } from 'express';
import type { Database } from '../../platform/database';
import {
  createDonation,
  createSupermarket,
  exchange,
  issuePoints,
  listDonations,
  listSupermarkets,
  supermarketStock,
  traceDonation,
  donationFor,
  donationReceipt,
} from '../donations';
import { parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import {
  donationListQuerySchema,
  donationParamsSchema,
  donationSchema,
  exchangeSchema,
  pointsIssueSchema,
  supermarketListQuerySchema,
  supermarketParamsSchema,
  supermarketSchema,
} from '../schemas/donations';

/** 社会捐助: donations with receipts, and where each went. */
export function donationRoutes({ db }: { db: Database }): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const actor = requireActor(req.actor);
    res.json(await listDonations(db, actor, parseInput(donationListQuerySchema, req.query, 'query')));
  });
  router.post('/', async (req, res) => {
    const actor = requireActor(req.actor);
    res.status(201).json(await createDonation(db, actor, parseInput(donationSchema, req.body, 'body')));
  });
  router.get('/:donationId/trace', async (req, res) => {
    const actor = requireActor(req.actor);
    const { donationId } = parseInput(donationParamsSchema, req.params, 'params');
    res.json(await traceDonation(db, actor, donationId));
  });
  router.get('/:donationId/receipt', async (req, res) => {
    const actor = requireActor(req.actor);
    const { donationId } = parseInput(donationParamsSchema, req.params, 'params');
    res.type('html').send(await donationReceipt(db, actor, donationId));
  });
  router.get('/:donationId', async (req, res) => {
    const actor = requireActor(req.actor);
    const { donationId } = parseInput(donationParamsSchema, req.params, 'params');
    const d = await donationFor(db, actor, donationId);
    res.json({ donationId: d.id, receiptNo: d.receiptNo });
  });
  return router;
}

/** 爱心超市: supermarkets, their stock, the month's points and exchanges. */
export function charitySupermarketRoutes({ db }: { db: Database }): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const actor = requireActor(req.actor);
    res.json(await listSupermarkets(db, actor, parseInput(supermarketListQuerySchema, req.query, 'query')));
  });
  router.post('/', async (req, res) => {
    const actor = requireActor(req.actor);
    res.status(201).json(await createSupermarket(db, actor, parseInput(supermarketSchema, req.body, 'body')));
  });
  router.post('/points-issues', async (req, res) => {
    const actor = requireActor(req.actor);
    res.json(await issuePoints(db, actor, parseInput(pointsIssueSchema, req.body, 'body')));
  });
  router.get('/:supermarketId', async (req, res) => {
    const actor = requireActor(req.actor);
    const { supermarketId } = parseInput(supermarketParamsSchema, req.params, 'params');
    res.json(await supermarketStock(db, actor, supermarketId));
  });
  router.post('/:supermarketId/exchanges', async (req, res) => {
    const actor = requireActor(req.actor);
    const { supermarketId } = parseInput(supermarketParamsSchema, req.params, 'params');
    res
      .status(201)
      .json(await exchange(db, actor, supermarketId, parseInput(exchangeSchema, req.body, 'body')));
  });
  return router;
}
