import { Router } from 'express';
import type { Database } from '../../platform/database';
import { requireActor } from '../middleware/authenticate';
import { daysLeftCounter } from './county-calendars';

/**
 * 我的待办: the cases waiting on the user's unit, earliest deadline first, with the working days
 * left (negative: overdue by that many), and the referral proposals the township must confirm.
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
          status: c.status,
          step: c.currentStep,
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
