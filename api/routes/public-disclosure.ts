import { Router, type RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import type { Database } from '../../platform/database';
import { HttpError, parseInput } from '../http-error';
import { loadCountyDisclosure, type CountyDisclosure } from '../public-disclosure';

export const publicCountyParamsSchema = z.object({
  countyId: z.string().regex(/^\d{6}$/, '县市代码应为 6 位数字 (a 6-digit county code)'),
});

/** The public page takes no query: anything given is named and refused. */
export const publicCountyQuerySchema = z.strictObject(
  {},
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? '不认识的查询参数 (unknown parameter)' : undefined,
  },
);

/** Requests per address and minute to the public pages; beyond, 429. */
export const PUBLIC_REQUESTS_PER_MINUTE = 120;
/** How long a county's figures are reused: the page costs its queries at most once in this time. */
const CACHED_FOR_MS = 60_000;

/**
 * A county's figures cached for a minute (the page costs its queries at most once in that
 * time) behind a per-address limit kept in this process's memory: no database write per
 * request, so neither the limiter nor the page is a cheap way to load the database.
 */
function publicCounty(db: Database) {
  const cache = new Map<string, { until: number; value: Promise<CountyDisclosure | null> }>();
  const disclosure = (countyId: string): Promise<CountyDisclosure | null> => {
    const hit = cache.get(countyId);
    if (hit && hit.until > Date.now()) return hit.value;
    const value = loadCountyDisclosure(db, countyId);
    // Only real counties are kept (a caller cannot fill the cache with made-up ids).
    value.then(
      (found) => {
        if (found) cache.set(countyId, { until: Date.now() + CACHED_FOR_MS, value });
      },
      () => undefined,
    );
    return value;
  };
  const limiter: RequestHandler = rateLimit({
    windowMs: 60_000,
    limit: PUBLIC_REQUESTS_PER_MINUTE,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, _res, next) =>
      next(new HttpError(429, 'too_many_requests', '请求过于频繁，请稍后再试 (too many requests)')),
  });
  const found = async (params: unknown, query: unknown): Promise<CountyDisclosure> => {
    const { countyId } = parseInput(publicCountyParamsSchema, params, 'params');
    parseInput(publicCountyQuerySchema, query, 'query');
    const figures = await disclosure(countyId);
    if (!figures) throw new HttpError(404, 'not_found', '县市不存在 (no such county)');
    return figures;
  };
  return { limiter, found };
}

/** 公示 as JSON, without sign-in: GET /api/public/counties/:countyId (mounted before sign-in). */
export function publicCountyApiRoutes({ db }: { db: Database }): Router {
  const { limiter, found } = publicCounty(db);
  const router = Router();
  router.use(limiter);
  router.get('/counties/:countyId', async (req, res) => {
    res.json(await found(req.params, req.query));
  });
  return router;
}

/** 公示 as a zh-CN page, without sign-in: GET /public/counties/:countyId. */
export function publicCountyPageRoutes({ db }: { db: Database }): Router {
  const { limiter, found } = publicCounty(db);
  const router = Router();
  router.use(limiter);
  router.get('/counties/:countyId', async (req, res) => {
    const figures = await found(req.params, req.query);
    res.render('public-county', { title: `${figures.county.name}社会救助公示`, ...pageView(figures) });
  });
  return router;
}

const yuan = (n: number) => n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The page's figures, with server-drawn bars (SVG widths) for the monthly totals. */
function pageView(d: CountyDisclosure) {
  const largest = Math.max(1, ...d.funds.map((m) => m.totalYuan));
  return {
    d,
    standards: [
      { name: '城市低保标准（元/人·月）', value: d.standards.dibaoUrbanMonthlyYuan },
      { name: '农村低保标准（元/人·月）', value: d.standards.dibaoRuralMonthlyYuan },
      { name: '特困人员基本生活标准（元/人·月）', value: d.standards.tekunBasicLivingMonthlyYuan },
      { name: '特困人员照料护理标准·生活自理（元/人·月）', value: d.standards.tekunCareMonthlyYuan.selfCare },
      {
        name: '特困人员照料护理标准·部分失能（元/人·月）',
        value: d.standards.tekunCareMonthlyYuan.partialLoss,
      },
      { name: '特困人员照料护理标准·完全失能（元/人·月）', value: d.standards.tekunCareMonthlyYuan.fullLoss },
      { name: '临时救助上限（月低保标准的倍数）', value: d.standards.temporary.capMonthsOfStandard },
      { name: '临时救助先行救助上限（元）', value: d.standards.temporary.urgentCapYuan },
    ].map((s) => ({ name: s.name, value: s.value == null ? '未设定' : String(s.value) })),
    months: d.funds.map((m) => ({
      ...m,
      total: yuan(m.totalYuan),
      paid: m.paid.map((p) => ({ ...p, amount: yuan(p.yuan) })),
      bySource: m.bySource.map((s) => ({ ...s, amount: yuan(s.yuan) })),
      barWidth: Math.round((m.totalYuan / largest) * 300),
    })),
  };
}
