import ExcelJS from 'exceljs';
import request from 'supertest';
import { DEMO_PASSWORD } from '../../prisma/seed/seed';
import { DALI, DALIZHEN, reportCase as caseWith } from '../support/roll-fixtures';
import { useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const http = useTestApp(harness);

const YANGBI = '532922';
const get = (username: string, path: string) => request(http.app).get(path).auth(username, DEMO_PASSWORD);

beforeAll(async () => {
  const db = harness.db;
  await caseWith(db, '董丽华', DALIZHEN, '2026-02-02', [
    { type: 'caseClosed', decision: 'enrolled', on: '2026-02-12' },
  ]);
  await caseWith(db, '李国强', DALIZHEN, '2026-02-03', [
    { type: 'caseClosed', decision: 'refused', reasons: '家庭人均收入高于低保标准', on: '2026-03-05' },
  ]);
  await caseWith(db, '段家兴', DALIZHEN, '2026-03-01', [
    { type: 'stepOverdue', on: '2026-03-10' },
    { type: 'caseClosed', decision: 'enrolled', on: '2026-03-21' },
    { type: 'enrolmentEnded', decision: 'incomeAboveStandard', on: '2026-05-20' },
  ]);
  // 漾濞: in the prefecture's report, never in 大理市's.
  await caseWith(db, '杨老五', `${YANGBI}001`, '2026-03-04', [{ type: 'stepOverdue', on: '2026-03-20' }]);
  // Outside the range.
  await caseWith(db, '赵小六', DALIZHEN, '2025-12-30', [
    { type: 'caseClosed', decision: 'enrolled', on: '2025-12-31' },
  ]);
});

test('the prefecture supervisor reads the twelve counties; the county supervisor only its own', async () => {
  const zhou = await get('jiandu.zhou', '/api/reports/prefecture?from=2026-01&to=2026-06');
  expect(zhou.status).toBe(200);
  expect(zhou.body).toMatchObject({ from: '2026-01', to: '2026-06', countyId: null });
  expect(zhou.body.counties).toHaveLength(12);
  expect(zhou.body.rows).toEqual([
    {
      countyId: DALI,
      countyName: '大理市',
      programme: 'DIBAO_RURAL',
      programmeName: '农村最低生活保障',
      filed: 3,
      approved: 2,
      refused: 1,
      notAccepted: 0,
      // 10, 20 and 30 days: the median is 20.
      medianProcessingDays: 20,
      overdueSteps: 1,
    },
    expect.objectContaining({ countyId: YANGBI, filed: 1, approved: 0, overdueSteps: 1 }),
  ]);
  expect(zhou.body.refusals).toEqual([
    {
      countyId: DALI,
      programme: 'DIBAO_RURAL',
      decision: 'refused',
      reasons: '家庭人均收入高于低保标准',
      count: 1,
    },
  ]);
  expect(zhou.body.exits).toEqual([
    expect.objectContaining({ countyId: DALI, reason: 'incomeAboveStandard', count: 1 }),
  ]);
  // No name of anyone in it.
  for (const name of ['董丽华', '李国强', '段家兴', '杨老五'])
    expect(JSON.stringify(zhou.body)).not.toContain(name);

  // One county only, by the query.
  const dali = await get('jiandu.zhou', `/api/reports/prefecture?from=2026-01&to=2026-06&countyId=${DALI}`);
  expect(dali.body.rows.map((r: { countyId: string }) => r.countyId)).toEqual([DALI]);
  // A narrower range: February alone has two filed, one decided.
  const february = await get('jiandu.zhou', '/api/reports/prefecture?from=2026-02&to=2026-02');
  expect(february.body.rows).toEqual([
    expect.objectContaining({ countyId: DALI, filed: 2, approved: 1, refused: 0 }),
  ]);

  // 大理市's supervisor: its county, whatever the range.
  const county = await get('jiandu.dali', '/api/reports/prefecture?from=2026-01&to=2026-06');
  expect(county.status).toBe(200);
  expect(county.body.counties).toEqual([{ id: DALI, name: '大理市' }]);
  expect(county.body.rows.map((r: { countyId: string }) => r.countyId)).toEqual([DALI]);
  const elsewhere = await get('jiandu.dali', `/api/reports/prefecture?countyId=${YANGBI}`);
  expect(elsewhere.status).toBe(403);
  expect(elsewhere.body.details).toEqual([{ field: 'query.countyId', message: 'outside your jurisdiction' }]);
  // Not a reader: the county approver, the township officer.
  expect((await get('xian.dali', '/api/reports/prefecture')).status).toBe(403);
  expect((await get('xiang.xizhou', '/api/reports/prefecture/workbook')).status).toBe(403);
  // Refusals are in the security log, like every other.
  expect(
    await harness.db.securityLogEntry.count({ where: { username: 'jiandu.dali', status: 403 } }),
  ).toBeGreaterThan(0);
});

test('without a range: January of this year to this month', async () => {
  const res = await get('admin', '/api/reports/prefecture');
  expect(res.status).toBe(200);
  const thisMonth = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
  expect(res.body).toMatchObject({ from: `${thisMonth.slice(0, 4)}-01`, to: thisMonth });
});

test('the XLSX is the same report, read back by exceljs', async () => {
  const res = await get('jiandu.zhou', '/api/reports/prefecture/workbook?from=2026-01&to=2026-06')
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
  expect(res.status).toBe(200);
  expect(res.headers['content-disposition']).toBe('attachment; filename="report-all-2026-01-2026-06.xlsx"');
  const book = new ExcelJS.Workbook();
  const file = res.body as Buffer;
  await book.xlsx.load(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
  const rows = book
    .getWorksheet('汇总')!
    .getSheetValues()
    .filter(Boolean)
    .map((row) => (row as unknown[]).slice(1));
  expect(rows).toEqual([
    ['统计期间 2026-01 至 2026-06'],
    ['县（市）', '救助项目', '申请', '批准', '不予批准', '不予受理', '办理天数中位数', '超期环节'],
    ['大理市', '农村最低生活保障', 3, 2, 1, 0, 20, 1],
    // No decision: no median (an empty cell).
    ['漾濞彝族自治县', '农村最低生活保障', 1, 0, 0, 0, undefined, 1],
  ]);
});

test.each([
  ['from=2026-13', 'query.from', '月份格式应为 YYYY-MM (a month YYYY-MM)'],
  ['from=2026-06&to=2026-01', 'query.to', '截止月份不能早于起始月份 (to is before from)'],
  ['from=2000-01&to=2026-12', 'query.to', '统计期间最长 120 个月 (at most 120 months)'],
  ['countyId=dali', 'query.countyId', '县市代码应为 6 位数字 (a 6-digit county code)'],
  ['month=2026-01', 'query.month', '不认识的参数 (unknown field)'],
])('bad input %s answers 400 naming %s', async (query, field, message) => {
  for (const path of ['/api/reports/prefecture', '/api/reports/prefecture/workbook']) {
    const res = await get('jiandu.zhou', `${path}?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field, message }]);
  }
});

test('an unknown county answers 422 naming it', async () => {
  const res = await get('jiandu.zhou', '/api/reports/prefecture?countyId=532999');
  expect(res.status).toBe(422);
  expect(res.body.details).toEqual([
    { field: 'query.countyId', message: '县（市）532999 不存在 (no such county)' },
  ]);
});
