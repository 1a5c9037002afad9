import { Router } from 'express';
import { formatYuan, yuanToFen } from '../../domain/money';
import type { Database } from '../../platform/database';
import { listEvents, listStocks } from '../disasters';
import { parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import { noQuerySchema } from '../schemas/strict-input';

/**
 * 灾害救助 as a console page (zh-CN): each open event with its tally, the people still relocated
 * by the latest reports, the supplies issued to it, and the supplies left in the reader's counties.
 */
export function disasterPageRoutes(db: Database): Router {
  const router = Router();
  router.get('/disasters', async (req, res) => {
    const actor = requireActor(req.actor);
    parseInput(noQuerySchema, req.query, 'query');
    const [{ events }, { stocks }] = await Promise.all([listEvents(db, actor), listStocks(db, actor, {})]);
    res.render('disasters', {
      title: '灾害救助',
      events: events.map((e) => ({
        ...e,
        loss: formatYuan(yuanToFen(e.tally.directLossYuan)),
        counties: e.counties.map((c) => ({ ...c, loss: formatYuan(yuanToFen(c.directLossYuan)) })),
      })),
      stocks,
    });
  });
  return router;
}
