import { Router } from 'express';
import { z } from 'zod';
import { horizontalBars, verticalBars } from '../../domain/case-ageing';
import { chineseDate, chineseMonth } from '../../domain/chinese-date';
import { FUND_SOURCES, type FundSource } from '../../domain/funds';
import { formatYuan, yuanToFen } from '../../domain/money';
import { localDateOf } from '../../domain/working-days';
import { PROGRAMMES } from '../../domain/programmes';
import type { Database } from '../../platform/database';
import { listBudget, spending } from '../funds';
import { parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import { listRolls, rollFor, rollView, ROLL_ACTORS } from '../payment-rolls';
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

/** The note the page shows after a bank return was imported (`?returned=<paid>-<failed>`). */
const returnedNoteSchema = z.object({
  returned: z
    .string()
    .regex(/^\d{1,7}-\d{1,7}$/, '导入结果格式不正确 (paid-failed)')
    .transform((v) => {
      const [paid, failed] = v.split('-').map(Number);
      return { paid, failed };
    })
    .optional(),
});

/** HH:mm of an instant in the prefecture (UTC+8). */
const localTimeOf = (instant: Date) =>
  new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);

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
        statusLabel: ROLL_STATUS_NAMES[r.status] ?? r.status,
        total: yuan(r.totalYuan),
        reviewDue: r.reviewDueAt ? chineseDate(new Date(r.reviewDueAt)) : '',
      })),
      // The county's approver starts (or finds) a month's roll by hand; the Schedule does it monthly.
      start:
        ROLL_ACTORS.includes(actor.role) && actor.unitPath.split('/').filter(Boolean).length === 2
          ? { countyId: actor.unitId, month: localDateOf(Date.now()).slice(0, 7) }
          : null,
    });
  });

  router.get('/payment-rolls/:rollId', async (req, res) => {
    const actor = requireActor(req.actor);
    const { rollId } = parseInput(rollParamsSchema, req.params, 'params');
    const { returned: _note, ...query } = req.query;
    const page = parseInput(rollViewQuerySchema, query, 'query');
    const { roll, county } = await rollFor(db, actor, rollId);
    const view = await rollView(db, roll, county.name, page);
    // The county's approver acts on its roll (rollFor has checked the county): under review,
    // rebuild or approve; approved, the bank's files. Others read.
    const acts = ROLL_ACTORS.includes(actor.role);
    const programmes = [...new Set(view.totals.byTownshipAndProgramme.map((t) => t.programmeCode))];
    const programmeNames = new Map(
      view.totals.byTownshipAndProgramme.map((t) => [t.programmeCode, t.programme]),
    );
    res.render('payment-roll', {
      title: `发放名册 ${county.name} ${chineseMonth(roll.month)}`,
      actions: {
        review: acts && view.status === 'REVIEW',
        bank: acts && view.status === 'APPROVED',
        building: view.status === 'BUILDING',
      },
      reviewDue: view.reviewDueAt && {
        date: chineseDate(new Date(view.reviewDueAt)),
        time: localTimeOf(new Date(view.reviewDueAt)),
      },
      fundChoices: programmes.map((code) => ({
        code,
        name: programmeNames.get(code) ?? code,
        sources: Object.entries(FUND_SOURCES).map(([source, name]) => ({ source, name })),
      })),
      returned: parseInput(returnedNoteSchema, { returned: req.query.returned }, 'query').returned ?? null,
      roll: {
        ...view,
        monthName: chineseMonth(view.month),
        statusLabel: ROLL_STATUS_NAMES[view.status] ?? view.status,
        total: yuan(view.totalYuan),
      },
      totals: view.totals.byTownshipAndProgramme.map((t) => ({ ...t, amount: yuan(t.amountYuan) })),
      lines: view.lines.map((l) => ({
        ...l,
        amount: yuan(l.amountYuan),
        adjustment: l.adjustmentYuan ? yuan(l.adjustmentYuan) : '',
        requeued: l.requeuedYuan ? yuan(l.requeuedYuan) : '',
        statusLabel: LINE_STATUS_NAMES[l.status] ?? l.status,
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
    const programmeName = (code: string) =>
      (PROGRAMMES as Record<string, { name: string } | undefined>)[code]?.name ?? code;
    res.render('funds', {
      title: '资金',
      year,
      charts: {
        byMonth: verticalBars(
          '逐月支出（元，各县市和救助项目合计）',
          table.months.map((m) => ({
            label: `${Number(m.slice(5))}月`,
            value: Math.round(table.rows.reduce((n, r) => n + (r.byMonth[m] ?? 0), 0)),
          })),
          { width: 600, gap: 8 },
        ),
        execution: horizontalBars(
          '预算执行率（已支出占全年预算，%）',
          table.rows.map((r) => ({
            label: `${r.countyName} · ${programmeName(r.programmeCode)}`,
            value: r.share === null ? 0 : Math.round(r.share * 1000) / 10,
          })),
          { width: 600, labelWidth: 240, scaleMax: 100 },
        ),
      },
      months: table.months.map((m) => ({ month: m, name: `${Number(m.slice(5))}月` })),
      rows: table.rows.map((r) => ({
        ...r,
        programmeName: programmeName(r.programmeCode),
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
