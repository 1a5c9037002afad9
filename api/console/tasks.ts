import { Prisma } from '@prisma/client';
import { Router } from 'express';
import { z } from 'zod';
import { programmeOf } from '../../domain/programmes';
import { localDateOf } from '../../domain/working-days';
import type { Database } from '../../platform/database';
import { parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import { proposalsToConfirm, referralsToAnswer } from '../referral-proposals';
import { caseRows } from '../supervision/case-rows';
import { stepLabel } from './case-forms';
import { pageNumber, unknownKeys } from './dashboard-filters';
import { pagerOf } from './pager';

/** Cases, and proposals, on a page of the task list. */
export const TASKS_PAGE = 50;

const tasksQuerySchema = z.strictObject({ page: pageNumber, proposalsPage: pageNumber }, unknownKeys);

/**
 * 我的待办: the cases waiting on the user's unit, earliest deadline first, each with its programme
 * and the step as that programme names it, with the working days left (negative: overdue by that
 * many), the referral proposals the township must confirm, and the referrals sent to the
 * township itself (返乡转介) it must accept or complete; each list a page at a time.
 */
export function taskRoutes(db: Database): Router {
  const router = Router();
  router.get('/tasks', async (req, res) => {
    const actor = requireActor(req.actor);
    const q = parseInput(tasksQuerySchema, req.query, 'query');
    const today = localDateOf(Date.now());
    const [cases, proposals, toAnswer] = await Promise.all([
      caseRows(db, {
        where: Prisma.sql`c."assigneeUnitId" = ${actor.unitId} AND c."closedAt" IS NULL AND c."currentStep" IS NOT NULL`,
        orderBy: Prisma.sql`c."dueAt" ASC, c."caseNo" ASC`,
        // One more than a page: whether there is a next one.
        limit: TASKS_PAGE + 1,
        offset: (q.page - 1) * TASKS_PAGE,
        today,
      }),
      actor.role === 'TOWNSHIP_OFFICER'
        ? proposalsToConfirm(db, actor, {
            limit: TASKS_PAGE + 1,
            offset: (q.proposalsPage - 1) * TASKS_PAGE,
            today,
          })
        : [],
      // 返乡转介 sent to the township itself: few, shown whole up to a page.
      actor.role === 'TOWNSHIP_OFFICER' ? referralsToAnswer(db, actor, { limit: TASKS_PAGE, today }) : [],
    ]);
    const href = (page: number, proposalsPage: number) => {
      const params = new URLSearchParams();
      if (page > 1) params.set('page', String(page));
      if (proposalsPage > 1) params.set('proposalsPage', String(proposalsPage));
      return params.size ? `/tasks?${params}` : '/tasks';
    };
    res.render('tasks', {
      title: '我的待办',
      cases: cases.slice(0, TASKS_PAGE).map((c) => ({
        caseNo: c.caseNo,
        applicantName: c.applicantName,
        village: c.village,
        programmeName: programmeOf(c.programme).name,
        status: c.status,
        step: c.currentStep,
        stepText: stepLabel(c.programme, c.currentStep, c.status),
        dueAt: c.dueAt,
        overdue: c.overdue,
        daysLeft: c.daysLeft,
      })),
      pager: pagerOf(q.page, cases.length > TASKS_PAGE, (page) => href(page, q.proposalsPage)),
      proposals: proposals.slice(0, TASKS_PAGE),
      referralsToAnswer: toAnswer,
      proposalsPager: pagerOf(q.proposalsPage, proposals.length > TASKS_PAGE, (page) => href(q.page, page)),
    });
  });
  return router;
}
