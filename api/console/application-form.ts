import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { SCHOOL_STAGES } from '../../domain/household';
import {
  APPLICATION_CHANNELS,
  APPLIED_PROGRAMME_CODES,
  PROGRAMMES,
  type OpenProgrammeCode,
} from '../../domain/programmes';
import { TEMPORARY_CAUSES, TEMPORARY_PATHS } from '../../domain/temporary-assistance';
import type { Database } from '../../platform/database';
import { HttpError, parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';

const ROWS = 6;

/** The programme the form is for: ?programme=TEKUN; 农村低保 when none is named. */
const querySchema = z.object({ programme: z.enum(APPLIED_PROGRAMME_CODES).default('DIBAO_RURAL') });

const DISABILITY_KINDS = {
  physical: '肢体',
  intellectual: '智力',
  mental: '精神',
  visual: '视力',
  hearing: '听力',
  speech: '言语',
  multiple: '多重',
} as const;

/**
 * 新申请: the application form of an open programme (domain/programmes.ts), filed through
 * POST /api/cases with a fresh Idempotency-Key per form, so a double click files one case. The
 * programme is chosen first (the channels offered depend on it: 主动发现 is 特困's); programmes of
 * one procedure (城市/农村低保) are also offered in the form. The API's messages appear beside the
 * fields.
 */
export function applicationFormRoutes(db: Database): Router {
  const router = Router();
  router.get('/applications/new', async (req, res) => {
    const actor = requireActor(req.actor);
    if (actor.role !== 'VILLAGE_ASSISTANT' && actor.role !== 'TOWNSHIP_OFFICER') {
      throw new HttpError(403, 'forbidden', '只有村协理员或乡镇经办可以代为申请');
    }
    const { programme: code } = parseInput(querySchema, req.query, 'query');
    const chosen = PROGRAMMES[code];
    const villages = await db.orgUnit.findMany({
      where: { level: 'VILLAGE', path: { startsWith: actor.unitPath } },
      orderBy: { id: 'asc' },
      select: { id: true, name: true, isUrban: true },
    });
    const family = (APPLIED_PROGRAMME_CODES as OpenProgrammeCode[]).filter(
      (c) => PROGRAMMES[c].family === chosen.family,
    );
    // The chosen one first: it is the form's default.
    const inForm = [code, ...family.filter((c) => c !== code)];
    const channels = chosen.channels as readonly (keyof typeof APPLICATION_CHANNELS)[];
    res.render('application-form', {
      title: '新申请',
      heading: `${chosen.name}申请`,
      programme: chosen,
      tekun: chosen.family === 'tekun',
      // 临时救助: the request itself (path, cause, circumstances); the household as for any case.
      temporary: chosen.family === 'temporary' && {
        paths: Object.entries(TEMPORARY_PATHS).map(([value, label]) => ({ value, label })),
        causes: Object.entries(TEMPORARY_CAUSES).map(([value, label]) => ({ value, label })),
      },
      programmeChoices: APPLIED_PROGRAMME_CODES.map((c) => ({
        code: c,
        name: PROGRAMMES[c].name,
        current: c === code,
      })),
      programmesInForm: inForm.map((c) => ({ code: c, name: PROGRAMMES[c].name })),
      channels: channels.map((c) => ({ value: c, label: APPLICATION_CHANNELS[c] })),
      proxyAllowed: channels.includes('proxy'),
      villages,
      rows: Array.from({ length: ROWS }, (_, i) => ({ index: i, applicant: i === 0 })),
      schoolStages: SCHOOL_STAGES,
      disabilityKinds: Object.entries(DISABILITY_KINDS).map(([value, label]) => ({ value, label })),
      idempotencyKey: `console-${randomUUID()}`,
    });
  });
  return router;
}
