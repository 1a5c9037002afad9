import { Router } from 'express';
import { chineseDate } from '../../domain/chinese-date';
import type { Database } from '../../platform/database';
import { parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import { loadSecurityLog, requireSecurityLogReader, securityLogQuerySchema } from '../security-log';

/** 2026年11月30日 14:30:05, in the prefecture's time. */
const dateTime = (d: Date) =>
  `${chineseDate(d)} ${new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(11, 19)}`;

/** A filter form sends its blank fields: they are no filter. */
const withoutBlanks = (query: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''));

/** 安全日志: the API's log as a page, with the same query (a bad one answers 400 naming the field). */
export function securityLogPageRoutes(db: Database): Router {
  const router = Router();
  router.get('/security-log', async (req, res) => {
    const actor = requireActor(req.actor);
    requireSecurityLogReader(actor);
    const q = parseInput(securityLogQuerySchema, withoutBlanks(req.query), 'query');
    const { items, nextCursor } = await loadSecurityLog(db, actor, q);
    const filters = { username: q.username ?? '', since: q.since ?? '' };
    const next = nextCursor && new URLSearchParams({ ...withoutBlanks(filters), cursor: nextCursor });
    res.render('security-log', {
      title: '安全日志',
      filters,
      entries: items.map((e) => ({ ...e, when: dateTime(e.at) })),
      nextHref: next ? `/security-log?${next}` : null,
      firstPage: q.cursor === undefined,
    });
  });
  return router;
}
