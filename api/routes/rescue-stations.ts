import { Router } from 'express';
import { audit } from '../audit';
import { startCaseWorkflow } from '../case-workflows';
import { parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import { outageOf } from '../outage';
import {
  admitPerson,
  assertHomeTownship,
  assertStationStaff,
  findVisibleStation,
  listStations,
  stationOverview,
  stationParamsSchema,
  vagrantIntakeSchema,
} from '../rescue-stations';
import { idempotencyKeyHeaderSchema } from '../schemas/case-application';
import { noQuerySchema, parseStrictInput } from '../schemas/strict-input';
import type { RouteServices } from '../services';

/**
 * 救助管理站: `GET /api/rescue-stations` the stations the reader may see; `GET …/{id}` one with
 * the people present and their clocks; `POST …/{id}/intakes` 入站登记, which opens the person's
 * VAGRANT case (VG-…) and starts its workflow. Exits and the rest go through the case's steps
 * and actions (`/api/cases/{caseNo}/steps/vagrantExit`, `…/actions/recordTracingNotice` …).
 */
export function rescueStationRoutes({ db, temporal, taskQueue }: RouteServices): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const actor = requireActor(req.actor);
    parseStrictInput(noQuerySchema, req.query, 'query');
    const stations = await listStations(db, actor);
    res.json({
      stations: stations.map((s) => ({
        id: s.id,
        name: s.name,
        countyId: s.countyId,
        address: s.address,
        capacity: s.capacity,
        occupancy: s.occupancy,
      })),
    });
  });

  router.get('/:stationId', async (req, res) => {
    const actor = requireActor(req.actor);
    const { stationId: id } = parseInput(stationParamsSchema, req.params, 'params');
    parseStrictInput(noQuerySchema, req.query, 'query');
    const station = await findVisibleStation(db, actor, id);
    const overview = await stationOverview(db, station);
    await audit(db, actor, 'read', 'rescueStation', station.id, {
      caseNos: overview.present.map((p) => p.caseNo ?? ''),
    });
    res.json(overview);
  });

  router.post('/:stationId/intakes', async (req, res) => {
    const actor = requireActor(req.actor);
    const { stationId: id } = parseInput(stationParamsSchema, req.params, 'params');
    const headers = parseInput(idempotencyKeyHeaderSchema, req.headers, 'headers');
    const station = await findVisibleStation(db, actor, id);
    assertStationStaff(actor, station);
    const intake = parseInput(vagrantIntakeSchema, req.body, 'body');
    await assertHomeTownship(db, intake, 'body.homeTownshipId');
    const result = await admitPerson(db, actor, station, intake, headers['idempotency-key']);
    const found = await db.case.findUniqueOrThrow({
      where: { id: result.caseId },
      select: { caseNo: true, status: true, workflowId: true },
    });
    let workflow = 'started';
    try {
      await startCaseWorkflow(db, temporal, taskQueue, result.caseId);
    } catch (error) {
      // Written and numbered: with Temporal down the reconciler starts it once Temporal is back.
      if (outageOf(error) !== 'temporal') throw error;
      workflow = 'pending';
    }
    res.status(workflow === 'pending' ? 202 : result.created ? 201 : 200).json({ ...found, workflow });
  });

  return router;
}
