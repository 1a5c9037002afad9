import { Prisma } from '@prisma/client';
import { Router } from 'express';
import { z } from 'zod';
import { localDateSchema } from '../../domain/step-decisions';
import { loadCountyRules } from '../../activities/county-rules';
import { isWithinJurisdiction, type Actor } from '../../domain/staff-roles';
import type { Database } from '../../platform/database';
import { HttpError, parseInput } from '../http-error';
import { storableText } from '../schemas/storable-text';
import { reviewProgressView } from '../../domain/standard-change';
import { startStandardChange } from '../standard-changes';
import { requireActor } from '../middleware/authenticate';
import type { RouteServices } from '../services';

export const paramsSchema = z.object({ countyId: z.string().regex(/^\d{6}$/, 'a 6-digit county code') });

/** 调整低保标准: a county's new standard for a programme, from a date, and why (kept in the audit trail). */
export const newStandardSchema = z.object({
  programme: z.enum(['DIBAO_URBAN', 'DIBAO_RURAL']),
  monthlyYuan: z.number().positive().max(100_000).multipleOf(0.01),
  effectiveFrom: localDateSchema,
  reason: storableText({ multiline: true }).min(2, '请填写理由').max(500).optional(),
});

/** A county its own staff and those above may see; any other answers as if it did not exist. */
export async function findReadableCounty(db: Database, actor: Actor, countyId: string) {
  const county = await db.orgUnit.findUnique({ where: { id: countyId } });
  const readable =
    county?.level === 'COUNTY' &&
    (isWithinJurisdiction(actor.unitPath, county.path) || actor.unitPath.startsWith(county.path));
  if (!county || !readable) throw new HttpError(404, 'not_found', '县市不存在 (no such county)');
  return county;
}

/**
 * A county's configuration as the procedures apply it: every figure DOMAIN.md marks as a
 * default, the standards by programme and date, and the holiday calendar. Readable by the
 * county's own staff and by those above it.
 */
export function countyPolicyRoutes({ db, temporal, taskQueue }: RouteServices): Router {
  const router = Router();

  /**
   * The county's approver sets a new standard; every enrolled case of the programme is then
   * asked for an out-of-cycle review, whose re-assessment applies the standard in force.
   */
  router.post('/:countyId/standards', async (req, res) => {
    const actor = requireActor(req.actor);
    const { countyId } = parseInput(paramsSchema, req.params, 'params');
    const body = parseInput(newStandardSchema, req.body, 'body');
    const county = await findReadableCounty(db, actor, countyId);
    if (actor.role !== 'COUNTY_APPROVER' || !isWithinJurisdiction(actor.unitPath, county.path))
      throw new HttpError(403, 'Forbidden', '低保标准只能由本县民政局审批人员调整 (county approver only)');
    const standard = await db
      .$transaction(async (tx) => {
        const created = await tx.assistanceStandard.create({
          data: {
            countyId,
            programmeCode: body.programme,
            monthlyYuan: body.monthlyYuan,
            effectiveFrom: new Date(`${body.effectiveFrom}T00:00:00Z`),
            createdBy: actor.userId,
          },
        });
        await tx.auditEntry.create({
          data: {
            userId: actor.userId,
            username: actor.username,
            action: 'setStandard',
            resource: 'assistanceStandard',
            resourceId: created.id,
            detail: body,
          },
        });
        return created;
      })
      .catch((error: unknown) => {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
          throw new HttpError(409, 'Conflict', '该日期已有标准 (a standard from this date exists)');
        throw error;
      });
    await startStandardChange(temporal, taskQueue, standard.id);
    res.status(201).json({
      id: standard.id,
      programme: standard.programmeCode,
      monthlyYuan: Number(standard.monthlyYuan),
      effectiveFrom: body.effectiveFrom,
    });
  });

  router.get('/:countyId/policy', async (req, res) => {
    const actor = requireActor(req.actor);
    const { countyId } = parseInput(paramsSchema, req.params, 'params');
    const county = await findReadableCounty(db, actor, countyId);
    const [rules, standards] = await Promise.all([
      loadCountyRules(db, countyId),
      db.assistanceStandard.findMany({
        where: { countyId },
        orderBy: [{ programmeCode: 'asc' }, { effectiveFrom: 'asc' }],
        include: { reviewProgress: true },
      }),
    ]);
    res.json({
      county: { id: county.id, name: county.name },
      policy: rules.policy,
      standards: standards.map((s) => ({
        programme: s.programmeCode,
        monthlyYuan: Number(s.monthlyYuan),
        effectiveFrom: s.effectiveFrom.toISOString().slice(0, 10),
        reviews: reviewProgressView(s),
      })),
      calendar: rules.calendar,
    });
  });
  return router;
}
