import { Router } from 'express';
import { z } from 'zod';
import { canSeeCase } from '../../domain/staff-roles';
import type { Database } from '../../platform/database';
import { HttpError, parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';

const paramsSchema = z.object({ villageId: z.string().regex(/^\d{12}$/, 'a 12-digit village code') });

interface NoticeFacts {
  maskedApplicant: string;
  householdSize: number;
  amount: number;
  noticeFrom: string;
  noticeUntil: string;
  programmeName: string;
}

/**
 * 公示栏: a village's cases now on public notice, as the notice letters show them (names
 * masked as DOMAIN.md requires, no ID numbers), printable for the village's board.
 */
export function noticeBoardRoutes(db: Database): Router {
  const router = Router();
  router.get('/villages/:villageId/notice-board', async (req, res) => {
    const actor = requireActor(req.actor);
    const { villageId } = parseInput(paramsSchema, req.params, 'params');
    const village = await db.orgUnit.findUnique({ where: { id: villageId }, include: { parent: true } });
    if (!village || village.level !== 'VILLAGE' || !canSeeCase(actor, village.path)) {
      throw new HttpError(404, 'not_found', '村（社区）不存在 (no such village)');
    }
    const cases = await db.case.findMany({
      where: { villageId, status: 'ON_NOTICE' },
      orderBy: { caseNo: 'asc' },
      include: {
        letters: { where: { kind: 'publicNotice' }, orderBy: { createdAt: 'desc' }, take: 1 },
      },
    });
    res.render('notice-board', {
      title: `${village.name}公示栏`,
      village,
      township: village.parent?.name ?? '',
      notices: cases.flatMap((c) =>
        c.letters.map((l) => ({ caseNo: c.caseNo, letterId: l.id, ...(l.data as unknown as NoticeFacts) })),
      ),
    });
  });
  return router;
}
