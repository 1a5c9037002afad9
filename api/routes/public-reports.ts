import { Router } from 'express';
import type { Database } from '../../platform/database';
import { parseInput } from '../http-error';
import { redeemChallenge, type PublicReportDesk } from '../public-report-desk';
import { noQuerySchema, parseStrictInput } from '../schemas/strict-input';
import { answerFor, publicReportSchema, receiptParamsSchema } from '../tip-offs';

/**
 * 举报/投诉 without sign-in, the JSON twin of the public page: a challenge, the report, and the
 * answer by receipt number (status and outcome only).
 */
export function publicReportRoutes({ db, desk }: { db: Database; desk: PublicReportDesk }): Router {
  const router = Router();
  router.get('/challenge', desk.limitChallenges, (req, res) => {
    parseStrictInput(noQuerySchema, req.query, 'query');
    res.set('Cache-Control', 'no-store').json(desk.challenges.issue());
  });
  router.post('/', async (req, res) => {
    const report = parseStrictInput(publicReportSchema, req.body, 'body');
    await redeemChallenge(desk, db, report);
    await desk.countReport(req.ip);
    res.status(201).json(await desk.file(report));
  });
  router.get('/:receiptNo', async (req, res) => {
    const { receiptNo } = parseInput(receiptParamsSchema, req.params, 'params');
    parseStrictInput(noQuerySchema, req.query, 'query');
    res.set('Cache-Control', 'no-store').json(await answerFor(db, receiptNo));
  });
  return router;
}
