import { Router } from 'express';
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
import { createSite, giveAid, listSites, registerPerson, returnHome } from '../disaster-relocation';
import { listLists, proposeList, recordStage } from '../disaster-lists';
import { parseInput } from '../http-error';
import { listHouseholdParamsSchema, listProposalSchema, stageSchema } from '../schemas/disaster-lists';
import { requireActor } from '../middleware/authenticate';
import {
  eventDeclarationSchema,
  eventParamsSchema,
  aidSchema,
  issueSchema,
  personParamsSchema,
  receiptSchema,
  registrationSchema,
  returnSchema,
  siteParamsSchema,
  siteSchema,
  reportSchema,
  stockListQuerySchema,
  stockParamsSchema,
  transferSchema,
} from '../schemas/disasters';
import { idempotencyKeyHeaderSchema } from '../schemas/case-application';
import { noQuerySchema } from '../schemas/strict-input';
import type { RouteServices } from '../services';

/**
 * 灾害救助: disaster events and their dated reports, relief supplies 救灾物资, and emergency
 * relocation 紧急转移安置 (sites, the people registered at them, their aid and return home).
 */
export function disasterRoutes({ db, temporal, taskQueue }: RouteServices): Router {
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
  router.post('/sites/:siteId/people', async (req, res) => {
    const actor = requireActor(req.actor);
    const { siteId } = parseInput(siteParamsSchema, req.params, 'params');
    const body = parseInput(registrationSchema, req.body, 'body');
    const key = parseInput(idempotencyKeyHeaderSchema, req.headers, 'headers')['idempotency-key'];
    const { created, ...person } = await registerPerson(
      db,
      { client: temporal, taskQueue },
      actor,
      siteId,
      body,
      key,
    );
    res.status(created ? 201 : 200).json(person);
  });
  router.post('/sites/:siteId/people/:personId/aid', async (req, res) => {
    const actor = requireActor(req.actor);
    const { siteId, personId } = parseInput(personParamsSchema, req.params, 'params');
    res.status(201).json(await giveAid(db, actor, siteId, personId, parseInput(aidSchema, req.body, 'body')));
  });
  router.post('/sites/:siteId/people/:personId/return', async (req, res) => {
    const actor = requireActor(req.actor);
    const { siteId, personId } = parseInput(personParamsSchema, req.params, 'params');
    res.json(
      await returnHome(db, temporal, actor, siteId, personId, parseInput(returnSchema, req.body, 'body')),
    );
  });
  router.get('/:eventId/sites', async (req, res) => {
    const actor = requireActor(req.actor);
    const { eventId } = parseInput(eventParamsSchema, req.params, 'params');
    parseInput(noQuerySchema, req.query, 'query');
    res.json(await listSites(db, actor, eventId));
  });
  router.post('/:eventId/sites', async (req, res) => {
    const actor = requireActor(req.actor);
    const { eventId } = parseInput(eventParamsSchema, req.params, 'params');
    res.status(201).json(await createSite(db, actor, eventId, parseInput(siteSchema, req.body, 'body')));
  });
  router.get('/:eventId/lists', async (req, res) => {
    const actor = requireActor(req.actor);
    const { eventId } = parseInput(eventParamsSchema, req.params, 'params');
    parseInput(noQuerySchema, req.query, 'query');
    res.json(await listLists(db, actor, eventId));
  });
  router.post('/:eventId/lists', async (req, res) => {
    const actor = requireActor(req.actor);
    const { eventId } = parseInput(eventParamsSchema, req.params, 'params');
    const body = parseInput(listProposalSchema, req.body, 'body');
    res.status(201).json(await proposeList(db, { client: temporal, taskQueue }, actor, eventId, body));
  });
  router.post('/:eventId/lists/:listId/households/:householdId/stages', async (req, res) => {
    const actor = requireActor(req.actor);
    const ids = parseInput(listHouseholdParamsSchema, req.params, 'params');
    res.status(201).json(await recordStage(db, actor, ids, parseInput(stageSchema, req.body, 'body')));
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
