import { Router } from 'express';
import { TIP_OFF_KINDS } from '../../domain/tip-offs';
import type { Database } from '../../platform/database';
import { HttpError, parseInput } from '../http-error';
import { redeemChallenge, type PublicReportDesk } from '../public-report-desk';
import { parseStrictInput } from '../schemas/strict-input';
import { answerFor, publicReportSchema, receiptParamsSchema } from '../tip-offs';

const FIELD_LABELS: Record<string, string> = {
  'body.kind': '类别',
  'body.villageId': '村（社区）',
  'body.caseNo': '案件编号',
  'body.facts': '反映的事实',
  'body.contactName': '联系人',
  'body.contactPhone': '联系电话',
  'body.challenge': '验证',
  'body.nonce': '验证',
};

/** Every village of the prefecture, grouped by county and township, for the form's select. */
async function villageGroups(db: Database) {
  const units = await db.orgUnit.findMany({
    where: { level: { in: ['COUNTY', 'TOWNSHIP', 'VILLAGE'] } },
    select: { id: true, name: true, level: true, parentId: true },
    orderBy: { id: 'asc' },
  });
  const byId = new Map(units.map((u) => [u.id, u]));
  const groups = new Map<string, { label: string; villages: { id: string; name: string }[] }>();
  for (const v of units.filter((u) => u.level === 'VILLAGE')) {
    const township = v.parentId ? byId.get(v.parentId) : undefined;
    if (!township) continue;
    const county = township.parentId ? byId.get(township.parentId) : undefined;
    const group = groups.get(township.id) ?? {
      label: `${county?.name ?? ''} ${township.name}`,
      villages: [],
    };
    group.villages.push({ id: v.id, name: v.name });
    groups.set(township.id, group);
  }
  return [...groups.values()];
}

/**
 * 举报/投诉 公开页面: the form (no sign-in; the browser works the proof of work in
 * /assets/tip-off-work.js before it sends) and the answer page by receipt number, which shows
 * the status and the outcome and nothing else.
 */
export function publicReportPages({ db, desk }: { db: Database; desk: PublicReportDesk }): Router {
  const router = Router();
  const form = async (values: Record<string, unknown> = {}, problems: unknown[] = []) => ({
    title: '举报投诉',
    kinds: Object.entries(TIP_OFF_KINDS).map(([code, k]) => ({ code, name: k.name })),
    groups: await villageGroups(db),
    values,
    problems,
  });
  router.get('/', async (_req, res) => {
    res.render('public-report', await form());
  });
  router.post('/', async (req, res) => {
    try {
      const report = parseStrictInput(publicReportSchema, req.body, 'body');
      await redeemChallenge(desk, db, report);
      await desk.countReport(req.ip);
      const { receiptNo } = await desk.file(report);
      res.redirect(303, `/public/reports/${receiptNo}`);
    } catch (error) {
      if (!(error instanceof HttpError) || !Array.isArray(error.details) || error.status >= 500) throw error;
      const problems = (error.details as { field: string; message: string }[]).map((p) => ({
        ...p,
        label: FIELD_LABELS[p.field],
      }));
      const { challenge: _c, nonce: _n, ...values } = (req.body ?? {}) as Record<string, unknown>;
      res.status(error.status).render('public-report', await form(values, problems));
    }
  });
  router.get('/:receiptNo', async (req, res) => {
    const { receiptNo } = parseInput(receiptParamsSchema, req.params, 'params');
    res.set('Cache-Control', 'no-store').render('public-report-answer', {
      title: '举报投诉办理结果',
      ...(await answerFor(db, receiptNo)),
    });
  });
  return router;
}
