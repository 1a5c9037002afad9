import { Router } from 'express';
import { z } from 'zod';
import { loadCountyRules } from '../../activities/county-rules';
import { isWithinJurisdiction } from '../../domain/staff-roles';
import type { Database } from '../../platform/database';
import { HttpError, parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';

const paramsSchema = z.object({ countyId: z.string().regex(/^\d{6}$/, 'a 6-digit county code') });

/**
 * A county's configuration as the procedures apply it: every figure DOMAIN.md marks as a
 * default, the standards by programme and date, and the holiday calendar. Readable by the
 * county's own staff and by those above it.
 */
export function countyPolicyRoutes({ db }: { db: Database }): Router {
  const router = Router();
  router.get('/:countyId/policy', async (req, res) => {
    const actor = requireActor(req.actor);
    const { countyId } = parseInput(paramsSchema, req.params, 'params');
    const county = await db.orgUnit.findUnique({ where: { id: countyId } });
    if (!county || county.level !== 'COUNTY')
      throw new HttpError(404, 'not_found', '县市不存在 (no such county)');
    const readable =
      isWithinJurisdiction(actor.unitPath, county.path) || actor.unitPath.startsWith(county.path);
    if (!readable) throw new HttpError(404, 'not_found', '县市不存在 (no such county)');
    const [rules, standards] = await Promise.all([
      loadCountyRules(db, countyId),
      db.assistanceStandard.findMany({
        where: { countyId },
        orderBy: [{ programmeCode: 'asc' }, { effectiveFrom: 'asc' }],
      }),
    ]);
    res.json({
      county: { id: county.id, name: county.name },
      policy: rules.policy,
      standards: standards.map((s) => ({
        programme: s.programmeCode,
        monthlyYuan: Number(s.monthlyYuan),
        effectiveFrom: s.effectiveFrom.toISOString().slice(0, 10),
      })),
      calendar: rules.calendar,
    });
  });
  return router;
}
