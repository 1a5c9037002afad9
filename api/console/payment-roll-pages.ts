import { Router } from 'express';
import { z } from 'zod';
import { chineseMonth } from '../../domain/chinese-date';
import { FUND_SOURCES, type FundSource } from '../../domain/funds';
import { formatYuan, yuanToFen } from '../../domain/money';
import type { Database } from '../../platform/database';
import { listBudget, spending } from '../funds';
import { parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import { listRolls, rollFor, rollView } from '../payment-rolls';
import { rollParamsSchema, rollViewQuerySchema } from '../schemas/payment-rolls';

/** 发放名册 and 资金 as console pages (zh-CN): read views of what the API answers. */

export const ROLL_STATUS_NAMES: Record<string, string> = {
  BUILDING: '生成中',
  REVIEW: '待审核',
  APPROVED: '已审核',
};
const LINE_STATUS_NAMES: Record<string, string> = { PENDING: '待发放', PAID: '已发放', FAILED: '发放失败' };

const yuan = (v: number) => formatYuan(yuanToFen(v));

const fundsQuerySchema = z.strictObject(
  { year: z.coerce.number().int().min(2000).max(2100).optional() },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? '不认识的参数 (unknown field)' : undefined) },
);

export function paymentRollPageRoutes(db: Database): Router {
  const router = Router();

  router.get('/payment-rolls', async (req, res) => {
    const actor = requireActor(req.actor);
    const { items } = await listRolls(db, actor, {});
    res.render('payment-rolls', {
      title: '发放名册',
      rolls: items.map((r) => ({
        ...r,
        monthName: chineseMonth(r.month),
        statusName: ROLL_STATUS_NAMES[r.status] ?? r.status,
        total: yuan(r.totalYuan),
      })),
    });
  });

  router.get('/payment-rolls/:rollId', async (req, res) => {
    const actor = requireActor(req.actor);
    const { rollId } = parseInput(rollParamsSchema, req.params, 'params');
    const page = parseInput(rollViewQuerySchema, req.query, 'query');
    const { roll, county } = await rollFor(db, actor, rollId);
    const view = await rollView(db, roll, county.name, page);
    res.render('payment-roll', {
      title: `发放名册 ${county.name} ${chineseMonth(roll.month)}`,
      roll: {
        ...view,
        monthName: chineseMonth(view.month),
        statusName: ROLL_STATUS_NAMES[view.status] ?? view.status,
        total: yuan(view.totalYuan),
      },
      totals: view.totals.byTownshipAndProgramme.map((t) => ({ ...t, amount: yuan(t.amountYuan) })),
      lines: view.lines.map((l) => ({
        ...l,
        amount: yuan(l.amountYuan),
        adjustment: l.adjustmentYuan ? yuan(l.adjustmentYuan) : '',
        requeued: l.requeuedYuan ? yuan(l.requeuedYuan) : '',
        statusName: LINE_STATUS_NAMES[l.status] ?? l.status,
      })),
      owed: view.owed.map((o) => ({
        ...o,
        outstanding: yuan(o.outstandingYuan),
        owedTotal: yuan(o.owedYuan),
      })),
    });
  });

  router.get('/funds', async (req, res) => {
    const actor = requireActor(req.actor);
    const { year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear() } = parseInput(
      fundsQuerySchema,
      req.query,
      'query',
    );
    const [table, budget] = await Promise.all([
      spending(db, actor, { year }),
      listBudget(db, actor, { year }),
    ]);
    res.render('funds', {
      title: '资金',
      year,
      months: table.months.map((m) => ({ month: m, name: `${Number(m.slice(5))}月` })),
      rows: table.rows.map((r) => ({
        ...r,
        allocated: yuan(r.allocatedYuan),
        drawn: yuan(r.drawnYuan),
        share: r.share === null ? '—' : `${(r.share * 100).toFixed(1)}%`,
        cells: table.months.map((m) => (r.byMonth[m] ? yuan(r.byMonth[m]) : '')),
      })),
      lines: budget.lines.map((l) => ({
        ...l,
        sourceName: FUND_SOURCES[l.source as FundSource],
        allocated: yuan(l.allocatedYuan),
        drawn: yuan(l.drawnYuan),
        remaining: yuan(l.remainingYuan),
      })),
      reallocations: budget.reallocations.map((r) => ({ ...r, amount: yuan(r.amountYuan) })),
    });
  });

  return router;
}
