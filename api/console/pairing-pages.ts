import { Router } from 'express';
import { formatYuan, yuanToFen } from '../../domain/money';
import { localDateOf } from '../../domain/working-days';
import type { Database } from '../../platform/database';
import { parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import { listPairings, PAIRING_KEEPERS, volunteerHours } from '../pairings';
import { HELPER_KINDS, pairingListQuerySchema } from '../schemas/pairings';

/** 结对帮扶 as a console page: pairings with their visits, the forms to record, volunteers' hours. */
export function pairingPageRoutes(db: Database): Router {
  const router = Router();
  router.get('/pairings', async (req, res) => {
    const actor = requireActor(req.actor);
    const today = localDateOf(Date.now());
    const { year = Number(today.slice(0, 4)) } = parseInput(pairingListQuerySchema, req.query, 'query');
    const [list, hours] = await Promise.all([listPairings(db, actor), volunteerHours(db, actor, year)]);
    const yuan = (v: number | null) => (v === null ? '' : formatYuan(yuanToFen(v)));
    res.render('pairings', {
      title: '结对帮扶',
      year,
      today,
      keeps: PAIRING_KEEPERS.includes(actor.role),
      helperKinds: Object.entries(HELPER_KINDS).map(([value, label]) => ({ value, label })),
      pairings: list.items.map((p) => ({
        ...p,
        value: yuan(p.valueYuan),
        visits: p.visits.map((v) => ({ ...v, value: yuan(v.valueYuan) })),
      })),
      hours: hours.items.map((h) => ({
        ...h,
        helperKindName: HELPER_KINDS[h.helperKind as keyof typeof HELPER_KINDS] ?? h.helperKind,
        value: yuan(h.valueYuan),
      })),
    });
  });
  return router;
}
