import { Router } from 'express';
import { z } from 'zod';
import { policyOn } from '../../activities/county-rules';
import { rollMonthSchema } from '../../domain/payment-roll';
import { chineseMonth } from '../../domain/chinese-date';
import { formatYuan, yuanToFen } from '../../domain/money';
import { OPEN_PROGRAMME_CODES, PROGRAMMES, type ProgrammeDefinition } from '../../domain/programmes';
import type { Actor } from '../../domain/staff-roles';
import { localDateOf } from '../../domain/working-days';
import type { Database } from '../../platform/database';
import {
  DONATION_KEEPERS,
  listDonations,
  listSupermarkets,
  supermarketStock,
  traceDonation,
} from '../donations';
import { parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import { donationParamsSchema, supermarketParamsSchema } from '../schemas/donations';
import { readableCounties } from '../payment-rolls';

/**
 * 社会捐助 and 爱心超市 as console pages (zh-CN): read views of what the donation API answers, with
 * forms posting to the same API (record a donation, open a supermarket, issue the month's points,
 * exchange a household's points for goods). Reads go through the API's own access checks.
 */

const unknownKey = {
  error: (issue: { code?: string }) =>
    issue.code === 'unrecognized_keys' ? '不认识的参数 (unknown field)' : undefined,
};
/** A GET form sends a blank field as ''; the filter treats it as not set. */
const blank = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
const date = z.iso.date('日期格式应为 YYYY-MM-DD (a date)');

const donationFilterSchema = z.strictObject(
  {
    countyId: blank(z.string().regex(/^\d{6}$/, '县市代码应为 6 位数字 (a 6-digit county code)')),
    kind: blank(z.enum(['MONEY', 'GOODS'], { error: '捐赠类型不正确 (MONEY or GOODS)' })),
    donorKind: blank(
      z.enum(['PERSON', 'ORGANISATION'], { error: '捐赠人类型不正确 (PERSON or ORGANISATION)' }),
    ),
    // Searched with LIKE: control characters (NUL above all) are refused before Postgres sees them.
    donor: blank(
      z
        .string()
        .trim()
        .max(100, '捐赠人过长 (too long)')
        .regex(/^[^\p{Cc}\p{Cs}]*$/u, '捐赠人含有不可见字符 (control characters)'),
    ),
    from: blank(date),
    to: blank(date),
  },
  unknownKey,
);

const supermarketListQuerySchema = z.strictObject(
  {
    issued: blank(z.coerce.number().int().min(0).max(10_000_000)),
    month: blank(rollMonthSchema),
  },
  unknownKey,
);

const supermarketPageQuerySchema = z.strictObject(
  {
    caseNo: blank(
      z
        .string()
        .trim()
        .max(40, '案件编号过长 (too long)')
        .regex(/^[A-Z]{1,4}-\d{6}-[0-9-]{4,20}$/, '案件编号格式不正确 (not a case number)'),
    ),
  },
  unknownKey,
);

const DONOR_KINDS: Record<string, string> = { PERSON: '个人', ORGANISATION: '单位' };
const DONATION_KINDS: Record<string, string> = { MONEY: '捐款', GOODS: '捐物' };

const yuan = (v: number | null) => (v === null ? '' : formatYuan(yuanToFen(v)));
const programmeName = (code: string | null) =>
  code ? ((PROGRAMMES as Record<string, ProgrammeDefinition | undefined>)[code]?.name ?? code) : null;
/** HH:mm of an instant in the prefecture (UTC+8), with its date. */
const localDateTime = (instant: Date | string) =>
  new Date(new Date(instant).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The county an approver keeps (a county-level unit), or null for staff above or elsewhere. */
const keptCounty = (actor: Actor) =>
  DONATION_KEEPERS.includes(actor.role) && actor.unitPath.split('/').filter(Boolean).length === 2
    ? actor.unitId
    : null;

async function unitNames(db: Database, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  const units = await db.orgUnit.findMany({
    where: { id: { in: wanted } },
    select: { id: true, name: true },
  });
  return new Map(units.map((u) => [u.id, u.name]));
}

/** 每户 N 分；第二人起每人加 M 分，最多计 K 人 — the rule as staff read it. */
function ruleText(rule: {
  pointsPerHousehold: number;
  pointsPerExtraMember: number;
  membersCountedMax: number;
}) {
  return rule.pointsPerExtraMember === 0
    ? `每户 ${rule.pointsPerHousehold} 分（不论人数）`
    : `每户 ${rule.pointsPerHousehold} 分，第二人起每人加 ${rule.pointsPerExtraMember} 分，最多计 ${rule.membersCountedMax} 人`;
}

export function donationPageRoutes(db: Database): Router {
  const router = Router();

  router.get('/donations', async (req, res) => {
    const actor = requireActor(req.actor);
    const filter = parseInput(donationFilterSchema, req.query, 'query');
    const { countyId, ...rest } = filter;
    const { donations: shown } = await listDonations(db, actor, { countyId }, rest);
    const counties = await readableCounties(db, actor);
    const countyName = new Map(counties.map((c) => [c.id, c.name]));
    const county = keptCounty(actor);
    const [supermarkets, townships] = county
      ? await Promise.all([
          db.charitySupermarket.findMany({ where: { countyId: county }, orderBy: { name: 'asc' } }),
          db.orgUnit.findMany({
            where: { level: 'TOWNSHIP', path: { startsWith: actor.unitPath } },
            orderBy: { id: 'asc' },
          }),
        ])
      : [[], []];
    const moneyTotal = shown.reduce((n, d) => n + (d.amountYuan ?? 0), 0);
    res.render('donations', {
      title: '社会捐赠',
      filter,
      counties: counties.map((c) => ({ id: c.id, name: c.name, selected: c.id === filter.countyId })),
      record: county
        ? {
            countyId: county,
            today: localDateOf(Date.now()),
            supermarkets: supermarkets.map((m) => ({ id: m.id, name: m.name })),
            townships: townships.map((t) => ({ id: t.id, name: t.name })),
            programmes: OPEN_PROGRAMME_CODES.map((code) => ({ code, name: programmeName(code) })),
          }
        : null,
      summary: {
        count: shown.length,
        capped: shown.length >= 500,
        money: yuan(Math.round(moneyTotal * 100) / 100),
      },
      donations: shown.map((d) => ({
        ...d,
        countyName: countyName.get(d.countyId) ?? d.countyId,
        donorKindName: DONOR_KINDS[d.donorKind] ?? d.donorKind,
        kindName: DONATION_KINDS[d.kind] ?? d.kind,
        amount: yuan(d.amountYuan),
        directed: Boolean(d.direction.programmeCode || d.direction.townshipId || d.direction.group),
      })),
    });
  });

  router.get('/donations/:donationId', async (req, res) => {
    const actor = requireActor(req.actor);
    const { donationId } = parseInput(donationParamsSchema, req.params, 'params');
    const trace = await traceDonation(db, actor, donationId);
    const d = trace.donation;
    const households = await db.case.findMany({
      where: { householdId: { in: trace.exchanges.map((e) => e.householdId) }, countyId: d.countyId },
      select: { householdId: true, caseNo: true, applicantName: true },
      orderBy: { caseNo: 'asc' },
    });
    const caseOf = new Map(households.map((h) => [h.householdId, h]));
    const names = await unitNames(db, [
      d.countyId,
      d.direction.townshipId,
      ...trace.exchanges.map((e) => e.townshipId),
    ]);
    const market = d.goods?.supermarketId
      ? await db.charitySupermarket.findUnique({ where: { id: d.goods.supermarketId } })
      : null;
    const direction = [
      programmeName(d.direction.programmeCode),
      names.get(d.direction.townshipId ?? ''),
      d.direction.group,
    ]
      .filter(Boolean)
      .join('，');
    res.render('donation', {
      title: `社会捐赠 ${d.receiptNo}`,
      donation: {
        ...d,
        countyName: names.get(d.countyId) ?? d.countyId,
        donorKindName: DONOR_KINDS[d.donorKind] ?? d.donorKind,
        kindName: DONATION_KINDS[d.kind] ?? d.kind,
        amount: yuan(d.amountYuan),
        direction: direction || '不定向',
        supermarketName: market?.name ?? null,
      },
      goods: trace.goods,
      draws: trace.draws.map((x) => ({
        ...x,
        monthName: chineseMonth(x.month),
        drawn: yuan(x.drawnYuan),
        share: yuan(x.shareYuan),
      })),
      usedYuan: yuan(trace.draws.reduce((n, x) => n + x.shareYuan, 0)),
      exchanges: trace.exchanges.map((e) => ({
        ...e,
        at: localDateTime(e.at),
        township: names.get(e.townshipId ?? '') ?? '',
        caseNo: caseOf.get(e.householdId)?.caseNo ?? '',
        applicantName: caseOf.get(e.householdId)?.applicantName ?? '',
      })),
    });
  });

  router.get('/supermarkets', async (req, res) => {
    const actor = requireActor(req.actor);
    const note = parseInput(supermarketListQuerySchema, req.query, 'query');
    const { supermarkets } = await listSupermarkets(db, actor, {});
    const counts = await db.supermarketStock.groupBy({
      by: ['supermarketId'],
      where: { supermarketId: { in: supermarkets.map((m) => m.supermarketId) } },
      _sum: { quantity: true },
      _count: { _all: true },
    });
    const stockOf = new Map(counts.map((c) => [c.supermarketId, c]));
    const names = await unitNames(
      db,
      supermarkets.flatMap((m) => [m.countyId, m.townshipId]),
    );
    const county = keptCounty(actor);
    const month = note.month ?? localDateOf(Date.now()).slice(0, 7);
    const [policy, townships, issuedSoFar] = county
      ? await Promise.all([
          policyOn(db, county, `${month}-01`),
          db.orgUnit.findMany({
            where: { level: 'TOWNSHIP', path: { startsWith: actor.unitPath } },
            orderBy: { id: 'asc' },
          }),
          db.pointsIssue.aggregate({
            where: { countyId: county, month },
            _count: { _all: true },
            _sum: { points: true },
          }),
        ])
      : [null, [], null];
    res.render('supermarkets', {
      title: '爱心超市',
      supermarkets: supermarkets.map((m) => ({
        ...m,
        countyName: names.get(m.countyId) ?? m.countyId,
        townshipName: m.townshipId ? (names.get(m.townshipId) ?? m.townshipId) : '',
        items: stockOf.get(m.supermarketId)?._count._all ?? 0,
        units: stockOf.get(m.supermarketId)?._sum.quantity ?? 0,
      })),
      keeps: county
        ? {
            countyId: county,
            month,
            monthName: chineseMonth(month),
            rule: policy ? ruleText(policy.charitySupermarket) : '',
            ruleNote: policy?.charitySupermarket.note ?? '',
            households: issuedSoFar?._count._all ?? 0,
            points: issuedSoFar?._sum.points ?? 0,
            townships: townships.map((t) => ({ id: t.id, name: t.name })),
          }
        : null,
      issued: note.issued === undefined ? null : { households: note.issued, monthName: chineseMonth(month) },
    });
  });

  router.get('/supermarkets/:supermarketId', async (req, res) => {
    const actor = requireActor(req.actor);
    const { supermarketId } = parseInput(supermarketParamsSchema, req.params, 'params');
    const { caseNo } = parseInput(supermarketPageQuerySchema, req.query, 'query');
    const market = await supermarketStock(db, actor, supermarketId);
    const exchanges = await db.supermarketExchange.findMany({
      where: { supermarketId },
      orderBy: { createdAt: 'desc' },
      take: 20,
    });
    const itemOf = new Map(market.stock.map((s) => [s.stockId, s.itemName]));
    const cases = await db.case.findMany({
      where: { householdId: { in: exchanges.map((e) => e.householdId) }, countyId: market.countyId },
      select: { householdId: true, caseNo: true, applicantName: true },
      orderBy: { caseNo: 'asc' },
    });
    const caseOf = new Map(cases.map((c) => [c.householdId, c]));
    // 查找家庭: a case number of the supermarket's county names the household whose points are spent.
    let household: { householdId: string; caseNo: string; applicantName: string; balance: number } | null =
      null;
    let lookupError: string | null = null;
    const keeps = DONATION_KEEPERS.includes(actor.role);
    if (caseNo && keeps) {
      const found = await db.case.findFirst({ where: { caseNo, countyId: market.countyId } });
      if (!found) lookupError = `本县（市）没有案件 ${caseNo}`;
      else {
        const points = await db.householdPoints.findUnique({ where: { householdId: found.householdId } });
        household = {
          householdId: found.householdId,
          caseNo: found.caseNo,
          applicantName: found.applicantName,
          balance: points?.balance ?? 0,
        };
      }
    }
    const names = await unitNames(db, [market.countyId]);
    res.render('supermarket', {
      title: `爱心超市 ${market.name}`,
      market: { ...market, countyName: names.get(market.countyId) ?? market.countyId },
      exchanges: exchanges.map((e) => ({
        ...e,
        at: localDateTime(e.createdAt),
        itemName: itemOf.get(e.stockId) ?? '',
        caseNo: caseOf.get(e.householdId)?.caseNo ?? '',
        applicantName: caseOf.get(e.householdId)?.applicantName ?? '',
      })),
      keeps,
      caseNo: caseNo ?? '',
      household,
      lookupError,
    });
  });

  return router;
}
