import { Router } from 'express';
import { reportQuerySchema } from '../../domain/report-months';
import type { Database } from '../../platform/database';
import { parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import { reportFor } from '../prefecture-reports';
import { prefectureReportWorkbook } from '../supervision/prefecture-report';

/** 统计报表: the prefecture's report as JSON and as an XLSX download (figures only, no names). */
export function reportRoutes({ db }: { db: Database }): Router {
  const router = Router();
  router.get('/prefecture', async (req, res) => {
    const actor = requireActor(req.actor);
    res.json(await reportFor(db, actor, parseInput(reportQuerySchema, req.query, 'query')));
  });
  router.get('/prefecture/workbook', async (req, res) => {
    const actor = requireActor(req.actor);
    const report = await reportFor(db, actor, parseInput(reportQuerySchema, req.query, 'query'));
    const name = `report-${report.countyId ?? 'all'}-${report.from}-${report.to}.xlsx`;
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    res
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(await prefectureReportWorkbook(report));
  });
  return router;
}
