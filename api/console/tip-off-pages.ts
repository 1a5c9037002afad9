import { Router } from 'express';
import { chineseDate } from '../../domain/chinese-date';
import type { Database } from '../../platform/database';
import { requireActor } from '../middleware/authenticate';
import { noQuerySchema, parseStrictInput } from '../schemas/strict-input';
import { listTipOffs, mayRecordOutcome } from '../tip-offs';
import { VERIFICATION_CONSEQUENCES } from '../../domain/verification-findings';

/**
 * 举报投诉核查: the verification inbox of the reader's unit and below, as a page. The reporter's
 * name and phone only for the county's supervisors, masked for everyone else (api/tip-offs.ts).
 */
export function tipOffPageRoutes(db: Database): Router {
  const router = Router();
  router.get('/tip-offs', async (req, res) => {
    const actor = requireActor(req.actor);
    parseStrictInput(noQuerySchema, req.query, 'query');
    const { items } = await listTipOffs(db, actor, {});
    res.render('tip-offs', {
      title: '举报投诉核查',
      consequenceOptions: Object.entries(VERIFICATION_CONSEQUENCES).map(([value, c]) => ({
        value,
        label: c.name,
      })),
      tasks: items.map((t) => ({
        ...t,
        canRecord: t.status === 'VERIFYING' && mayRecordOutcome(actor, t),
        dueOn: t.dueAt ? chineseDate(new Date(t.dueAt)) : '',
        filedOn: chineseDate(new Date(t.createdAt)),
      })),
    });
  });
  return router;
}
