import { Router } from 'express';
import { RELOCATION_AID_KINDS } from '../../domain/disaster-relocation';
import { formatYuan, yuanToFen } from '../../domain/money';
import { localDateOf } from '../../domain/working-days';
import type { Database } from '../../platform/database';
import { relocationOverview } from '../disaster-relocation';
import { DISASTER_READERS, listEvents, listStocks } from '../disasters';
import { parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import { noQuerySchema } from '../schemas/strict-input';

/**
 * 灾害救助 as a console page (zh-CN): each open event with its tally, how it grew and the supplies
 * issued (for the county's bureau, supervisors and administrators); its relocation sites with the
 * people still there, the transitional aid in progress and any overdue step, with the forms to set
 * up a site, register a person and record a return home (township officers and the county's
 * approver); and the supplies left in the reader's counties.
 */
export function disasterPageRoutes(db: Database): Router {
  const router = Router();
  router.get('/disasters', async (req, res) => {
    const actor = requireActor(req.actor);
    parseInput(noQuerySchema, req.query, 'query');
    const overview = await relocationOverview(db, actor);
    const readsTally = DISASTER_READERS.includes(actor.role);
    const [{ events }, { stocks }] = readsTally
      ? await Promise.all([listEvents(db, actor), listStocks(db, actor, {})])
      : [{ events: [] }, { stocks: [] }];
    const runsSites = actor.role === 'TOWNSHIP_OFFICER' || actor.role === 'COUNTY_APPROVER';
    const tallies = new Map(events.map((e) => [e.eventId, e]));
    res.render('disasters', {
      title: '灾害救助',
      today: localDateOf(Date.now()),
      events: overview.map((o) => {
        const e = tallies.get(o.eventId);
        return {
          ...o,
          runsSites,
          tally: e && {
            ...e,
            loss: formatYuan(yuanToFen(e.tally.directLossYuan)),
            counties: e.counties.map((c) => ({ ...c, loss: formatYuan(yuanToFen(c.directLossYuan)) })),
          },
          aidKinds: Object.entries(RELOCATION_AID_KINDS).map(([value, label]) => ({ value, label })),
        };
      }),
      stocks,
      showStocks: readsTally,
    });
  });
  return router;
}
