import { Router } from 'express';
import { z } from 'zod';
import { ageOn } from '../../domain/household';
import { programmeOf } from '../../domain/programmes';
import { maskName } from '../../domain/public-notice';
import { canSeeCase } from '../../domain/staff-roles';
import { localDateOf } from '../../domain/working-days';
import type { Database } from '../../platform/database';
import { HttpError, parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';

const paramsSchema = z.object({ villageId: z.string().regex(/^\d{12}$/, 'a 12-digit village code') });

interface NoticeFacts {
  maskedApplicant?: string;
  householdSize?: number;
  amount?: number;
  noticeFrom?: string;
  noticeUntil?: string;
  programmeName?: string;
  personNotice?: boolean;
  reasonText?: string;
}

/** The notices a case on notice posts: the application's, or while supported the termination's. */
const NOTICE_LETTERS = { ON_NOTICE: 'publicNotice', TERMINATION_ON_NOTICE: 'terminationNotice' } as const;

const ADULT = 18;

/**
 * 公示栏: a village's cases now on public notice, as the notice letters show them (names
 * masked as DOMAIN.md requires, no ID numbers), printable for the village's board: households
 * and persons proposed for support, and 特困 persons whose support is proposed to end
 * (拟终止供养). A programme that never publicises minors (特困, domain/programmes.ts
 * `minorsOnNotice`) has no row for one, whatever notice a workflow posted.
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
      where: { villageId, status: { in: Object.keys(NOTICE_LETTERS) } },
      orderBy: { caseNo: 'asc' },
      include: {
        letters: {
          where: { kind: { in: Object.values(NOTICE_LETTERS) } },
          orderBy: { createdAt: 'desc' },
        },
        household: {
          select: { members: { where: { relation: 'APPLICANT' }, select: { birthDate: true } } },
        },
      },
    });
    const today = localDateOf(Date.now());
    const rows = cases.flatMap((c) => {
      const programme = programmeOf(c.programmeCode);
      const person = c.household.members[0];
      const minor = person ? ageOn(person.birthDate.toISOString().slice(0, 10), today) < ADULT : false;
      if (minor && !programme.minorsOnNotice) return [];
      const kind = NOTICE_LETTERS[c.status as keyof typeof NOTICE_LETTERS];
      const letter = c.letters.find((l) => l.kind === kind);
      if (!letter) return [];
      const facts = letter.data as unknown as NoticeFacts;
      return [
        {
          caseNo: c.caseNo,
          letterId: letter.id,
          termination: kind === 'terminationNotice',
          person: programme.family === 'tekun',
          maskedApplicant: facts.maskedApplicant ?? maskName(c.applicantName),
          householdSize: facts.householdSize,
          amount: facts.amount,
          programmeName: facts.programmeName ?? programme.name,
          reasonText: facts.reasonText ?? '',
          noticeFrom: facts.noticeFrom,
          noticeUntil: facts.noticeUntil,
        },
      ];
    });
    res.render('notice-board', {
      title: `${village.name}公示栏`,
      village,
      township: village.parent?.name ?? '',
      notices: rows.filter((r) => !r.termination),
      terminations: rows.filter((r) => r.termination),
    });
  });
  return router;
}
