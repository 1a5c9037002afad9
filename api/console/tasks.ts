import { Router } from 'express';
import { programmeOf } from '../../domain/programmes';
import type { Database } from '../../platform/database';
import { requireActor } from '../middleware/authenticate';
import { stepLabel } from './case-forms';
import { daysLeftCounter } from './county-calendars';

/**
 * 我的待办: the cases waiting on the user's unit, earliest deadline first, each with its programme
 * and the step as that programme names it, with the working days left (negative: overdue by that
 * many), and the referral proposals the township must confirm.
 */
export function taskRoutes(db: Database): Router {
  const router = Router();
  router.get('/tasks', async (req, res) => {
    const actor = requireActor(req.actor);
    const daysLeft = daysLeftCounter(db);
    const [cases, proposals] = await Promise.all([
      db.case.findMany({
        where: { assigneeUnitId: actor.unitId, closedAt: null, currentStep: { not: null } },
        orderBy: [{ dueAt: 'asc' }, { caseNo: 'asc' }],
        take: 200,
        include: { household: { select: { village: { select: { name: true } } } } },
      }),
      actor.role === 'TOWNSHIP_OFFICER'
        ? db.referral.findMany({
            where: { status: 'PROPOSED', villagePath: { startsWith: actor.unitPath } },
            orderBy: [{ dueAt: 'asc' }],
            include: { case: { select: { caseNo: true, applicantName: true } } },
          })
        : [],
    ]);
    res.render('tasks', {
      title: '我的待办',
      cases: await Promise.all(
        cases.map(async (c) => ({
          caseNo: c.caseNo,
          applicantName: c.applicantName,
          village: c.household.village.name,
          programmeName: programmeOf(c.programmeCode).name,
          status: c.status,
          step: c.currentStep,
          stepText: stepLabel(c.programmeCode, c.currentStep, c.status),
          dueAt: c.dueAt,
          overdue: c.overdue,
          daysLeft: await daysLeft(c.countyId, c.dueAt),
        })),
      ),
      proposals: await Promise.all(
        proposals.map(async (r) => ({ ...r, daysLeft: await daysLeft(r.countyId, r.dueAt) })),
      ),
    });
  });
  return router;
}
