import { Router } from 'express';
import { isWithinJurisdiction } from '../../domain/staff-roles';
import type { Database } from '../../platform/database';
import { policyHistory, recordPolicyChange } from '../county-policy-changes';
import { HttpError } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import { policyChangeSchema } from '../schemas/county-policy-change';
import { noQuerySchema, parseStrictInput } from '../schemas/strict-input';
import { findReadableCounty, paramsSchema } from './county-policy';

/**
 * 县级政策 changes: the county's approver sets every limit, share and figure of the policy from a
 * date, with a reason; the history (who, when, why, what changed, which is in force) is readable
 * by whoever reads the county's policy. GET /:countyId/policy answers the policy in force today.
 */
export function countyPolicyChangeRoutes({ db }: { db: Database }): Router {
  const router = Router();

  router.post('/:countyId/policy', async (req, res) => {
    const actor = requireActor(req.actor);
    const { countyId } = parseStrictInput(paramsSchema, req.params, 'params');
    const county = await findReadableCounty(db, actor, countyId);
    if (actor.role !== 'COUNTY_APPROVER' || !isWithinJurisdiction(actor.unitPath, county.path))
      throw new HttpError(403, 'Forbidden', '县级政策只能由本县民政局审批人员修改 (county approver only)');
    const body = parseStrictInput(policyChangeSchema, req.body, 'body');
    const { change, changes, status } = await recordPolicyChange(db, actor, countyId, body);
    res.status(201).json({
      id: change.id,
      effectiveFrom: body.effectiveFrom,
      reason: change.reason,
      changedBy: change.changedByName,
      createdAt: change.createdAt,
      status,
      changes,
    });
  });

  router.get('/:countyId/policy/changes', async (req, res) => {
    const actor = requireActor(req.actor);
    const { countyId } = parseStrictInput(paramsSchema, req.params, 'params');
    parseStrictInput(noQuerySchema, req.query, 'query');
    const county = await findReadableCounty(db, actor, countyId);
    res.json({ county: { id: county.id, name: county.name }, changes: await policyHistory(db, countyId) });
  });

  return router;
}
