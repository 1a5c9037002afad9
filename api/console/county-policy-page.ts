import { Router } from 'express';
import { z } from 'zod';
import { policyOn } from '../../activities/county-rules';
import { isWithinJurisdiction, type StaffRole } from '../../domain/staff-roles';
import { localDateOf } from '../../domain/working-days';
import type { Database } from '../../platform/database';
import { policyHistory } from '../county-policy-changes';
import { HttpError, parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import { ownCounty } from '../routes/care-homes';
import { findReadableCounty, paramsSchema } from '../routes/county-policy';
import { reviewProgressText, reviewProgressView } from '../../domain/standard-change';
import { describeChange, policyFormView } from './county-policy-form';

/** Who opens the page: the county's approver, and supervisors and administrators at or above it. */
export const POLICY_PAGE_ROLES: readonly StaffRole[] = ['COUNTY_APPROVER', 'SUPERVISOR', 'ADMINISTRATOR'];

const blankIsAbsent = (value: unknown) => (value === '' ? undefined : value);
const pageQuerySchema = z.strictObject({
  countyId: z.preprocess(blankIsAbsent, paramsSchema.shape.countyId.optional()),
  changed: z.literal('1').optional(),
});

const PROGRAMME_NAMES = { DIBAO_URBAN: '城市低保', DIBAO_RURAL: '农村低保' } as const;

/**
 * 县级政策: the county's policy in force today as a form of every figure (the county's approver
 * changes it from a date, with a reason), the standards by programme and date, and the history
 * of changes with what each changed from what. Above county level, pick the county first.
 */
export function countyPolicyPageRoutes(db: Database): Router {
  const router = Router();

  router.get('/county-policy', async (req, res) => {
    const actor = requireActor(req.actor);
    if (!POLICY_PAGE_ROLES.includes(actor.role))
      throw new HttpError(403, 'Forbidden', '县级政策由县民政局审批人员、监督和系统管理员查看');
    const q = parseInput(pageQuerySchema, req.query, 'query');
    const own = await ownCounty(db, actor);
    const counties = own
      ? []
      : await db.orgUnit.findMany({
          where: { level: 'COUNTY', path: { startsWith: actor.unitPath } },
          orderBy: { id: 'asc' },
          select: { id: true, name: true },
        });
    const picker = counties.map((c) => ({ ...c, selected: c.id === q.countyId }));
    const countyId = q.countyId ?? own?.id;
    if (!countyId)
      return res.render('county-policy', { title: '县级政策', counties: picker, needCounty: true });

    const county = await findReadableCounty(db, actor, countyId);
    const today = localDateOf(new Date());
    const editable = actor.role === 'COUNTY_APPROVER' && isWithinJurisdiction(actor.unitPath, county.path);
    const [policy, history, standards] = await Promise.all([
      policyOn(db, county.id, today),
      policyHistory(db, county.id),
      db.assistanceStandard.findMany({
        where: { countyId: county.id },
        orderBy: [{ programmeCode: 'asc' }, { effectiveFrom: 'asc' }],
        include: { reviewProgress: true },
      }),
    ]);
    res.render('county-policy', {
      title: `县级政策 · ${county.name}`,
      county,
      counties: picker,
      today,
      editable,
      changed: q.changed === '1',
      sections: policyFormView(policy, editable),
      standards: standards.map((s) => ({
        programmeName: PROGRAMME_NAMES[s.programmeCode as keyof typeof PROGRAMME_NAMES] ?? s.programmeCode,
        monthlyYuan: Number(s.monthlyYuan),
        effectiveFrom: s.effectiveFrom.toISOString().slice(0, 10),
        reviews: reviewProgressText(reviewProgressView(s)),
      })),
      history: history.reverse().map((entry) => ({
        ...entry,
        scheduled: entry.status === 'scheduled',
        changes: entry.changes.map(describeChange),
      })),
    });
  });

  return router;
}
