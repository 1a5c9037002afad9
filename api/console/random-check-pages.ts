import { Router } from 'express';
import { chineseDate } from '../../domain/chinese-date';
import { VERIFICATION_CONSEQUENCES } from '../../domain/verification-findings';
import { localDateOf } from '../../domain/working-days';
import { quarterOfLocalDate } from '../../domain/random-checks';
import type { Database } from '../../platform/database';
import { parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import {
  drawFor,
  drawParamsSchema,
  listDraws,
  RANDOM_CHECK_VERIFIERS,
  randomCheckListQuerySchema,
  rerunFor,
} from '../random-checks';
import { noQuerySchema, parseStrictInput } from '../schemas/strict-input';

const consequenceOptions = Object.entries(VERIFICATION_CONSEQUENCES).map(([value, c]) => ({
  value,
  label: c.name,
}));

/**
 * 随机抽查: the quarter's draws (a draw by hand for the county approver), one draw with its visits
 * and their finding forms, and the draw's re-run compared with what was recorded.
 */
export function randomCheckPageRoutes(db: Database): Router {
  const router = Router();
  router.get('/random-checks', async (req, res) => {
    const actor = requireActor(req.actor);
    const query = parseStrictInput(randomCheckListQuerySchema, req.query, 'query');
    const { items } = await listDraws(db, actor, query);
    res.render('random-checks', {
      title: '随机抽查',
      draws: items.map((d) => ({
        ...d,
        sharePercent: Math.round(d.share * 1000) / 10,
        drawnOn: chineseDate(new Date(d.drawnAt)),
      })),
      canDraw: RANDOM_CHECK_VERIFIERS.includes(actor.role),
      thisQuarter: quarterOfLocalDate(localDateOf(Date.now())),
    });
  });
  router.get('/random-checks/:drawId', async (req, res) => {
    const actor = requireActor(req.actor);
    parseStrictInput(noQuerySchema, req.query, 'query');
    const { drawId } = parseInput(drawParamsSchema, req.params, 'params');
    const draw = await drawFor(db, actor, drawId);
    const verifies = RANDOM_CHECK_VERIFIERS.includes(actor.role) && actor.unitId === draw.countyId;
    res.render('random-check', {
      title: `随机抽查 ${draw.quarter}`,
      draw: {
        ...draw,
        sharePercent: Math.round(draw.share * 1000) / 10,
        drawnOn: chineseDate(new Date(draw.drawnAt)),
      },
      visits: draw.visits.map((v) => ({
        ...v,
        dueOn: v.dueAt ? chineseDate(new Date(v.dueAt)) : '',
        canRecord: verifies && v.status === 'CHECKING',
      })),
      consequenceOptions,
    });
  });
  router.get('/random-checks/:drawId/rerun', async (req, res) => {
    const actor = requireActor(req.actor);
    parseStrictInput(noQuerySchema, req.query, 'query');
    const { drawId } = parseInput(drawParamsSchema, req.params, 'params');
    const rerun = await rerunFor(db, actor, drawId);
    res.render('random-check-rerun', {
      title: `复现抽查 ${rerun.quarter}`,
      rerun,
      rows: rerun.recorded.map((caseNo, i) => ({
        n: i + 1,
        recorded: caseNo,
        recomputed: rerun.recomputed[i] ?? '',
        same: caseNo === rerun.recomputed[i],
      })),
    });
  });
  return router;
}
