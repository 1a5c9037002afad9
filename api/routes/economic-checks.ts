import type { Client } from '@temporalio/client';
import { Router } from 'express';
import type { Database } from '../../platform/database';
import {
  answerRequest,
  askForCheck,
  checkAnswerBodySchema,
  checkImportBodySchema,
  checkInboxQuerySchema,
  checkParamsSchema,
  checkRequestBodySchema,
  checkRequestFor,
  readCheckRequest,
  checkResolutionBodySchema,
  checksOfCase,
  listCheckRequests,
  requestParamsSchema,
  importAnswers,
  resolveCheck,
  checkToResolve,
  requestToAnswer,
  requireBureauOfficer,
  requireRequester,
} from '../economic-checks';
import { parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import { caseRefSchema } from '../schemas/case-application';
import { noQuerySchema, parseStrictInput } from '../schemas/strict-input';
import { findVisibleCase } from './cases';

interface Deps {
  db: Database;
  temporal: Client;
  taskQueue: string;
}

/** 家庭经济状况核对 of a case: the township asks for one; whoever sees the case reads the reports. */
export function caseEconomicCheckRoutes({ db, temporal, taskQueue }: Deps): Router {
  const router = Router();
  router.post('/:id/economic-checks', async (req, res) => {
    const actor = requireActor(req.actor);
    const { id } = parseInput(caseRefSchema, req.params, 'params');
    const found = await findVisibleCase(db, actor, id);
    requireRequester(actor, found);
    const body = parseStrictInput(checkRequestBodySchema, req.body, 'body');
    const checkNo = await askForCheck(db, temporal, taskQueue, actor, found, body);
    res.status(201).json({ checkNo });
  });
  router.get('/:id/economic-checks', async (req, res) => {
    const actor = requireActor(req.actor);
    const { id } = parseInput(caseRefSchema, req.params, 'params');
    parseStrictInput(noQuerySchema, req.query, 'query');
    const found = await findVisibleCase(db, actor, id);
    res.json({ caseNo: found.caseNo, checks: await checksOfCase(db, found.id) });
  });
  return router;
}

/** 核对差异处理: the township resolves a report's mismatch with its reasons. */
export function economicCheckRoutes({ db }: Deps): Router {
  const router = Router();
  router.post('/:checkNo/resolution', async (req, res) => {
    const actor = requireActor(req.actor);
    const { checkNo } = parseInput(checkParamsSchema, req.params, 'params');
    const check = await checkToResolve(db, actor, checkNo);
    const body = parseStrictInput(checkResolutionBodySchema, req.body, 'body');
    await resolveCheck(db, actor, check, body);
    res.json({ checkNo, resolved: true });
  });
  return router;
}

/** The bureaus' inbox 核对请求: list, one request, its answers by member, and a result file. */
export function checkRequestRoutes({ db, temporal }: Deps): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const actor = requireActor(req.actor);
    res.json(await listCheckRequests(db, actor, parseStrictInput(checkInboxQuerySchema, req.query, 'query')));
  });
  router.post('/import', async (req, res) => {
    const actor = requireActor(req.actor);
    requireBureauOfficer(actor);
    const body = parseInput(checkImportBodySchema, req.body, 'body');
    res.json(await importAnswers(db, temporal, actor, body));
  });
  router.get('/:requestNo', async (req, res) => {
    const actor = requireActor(req.actor);
    const { requestNo } = parseInput(requestParamsSchema, req.params, 'params');
    parseStrictInput(noQuerySchema, req.query, 'query');
    const view = await readCheckRequest(db, actor, requestNo);
    res.json(view);
  });
  router.post('/:requestNo/answers', async (req, res) => {
    const actor = requireActor(req.actor);
    const { requestNo } = parseInput(requestParamsSchema, req.params, 'params');
    const row = await requestToAnswer(db, actor, requestNo);
    const body = parseStrictInput(checkAnswerBodySchema, req.body, 'body');
    await answerRequest(db, temporal, actor, row, body);
    const { view } = await checkRequestFor(db, actor, requestNo);
    res.json(view);
  });
  return router;
}
