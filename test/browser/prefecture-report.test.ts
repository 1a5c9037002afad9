import { useConsoleBrowser } from '../support/browser';
import { DALIZHEN, reportCase } from '../support/roll-fixtures';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const web = useConsoleBrowser(harness);

beforeAll(async () => {
  const db = harness.db;
  await reportCase(db, '董丽华', DALIZHEN, '2026-02-02', [
    { type: 'caseClosed', decision: 'enrolled', on: '2026-02-12' },
  ]);
  await reportCase(db, '李国强', DALIZHEN, '2026-02-03', [
    { type: 'caseClosed', decision: 'refused', reasons: '家庭人均收入高于低保标准', on: '2026-03-05' },
  ]);
  await reportCase(db, '段家兴', DALIZHEN, '2026-03-01', [
    { type: 'stepOverdue', on: '2026-03-10' },
    { type: 'caseClosed', decision: 'enrolled', on: '2026-03-21' },
    { type: 'enrolmentEnded', decision: 'incomeAboveStandard', on: '2026-05-20' },
  ]);
  await reportCase(db, '杨老五', '532922001', '2026-03-04', [{ type: 'stepOverdue', on: '2026-03-20' }]);
});

test('统计报表: the prefecture supervisor picks a range and county, sees bars and tables, downloads the XLSX', async () => {
  const page = await web.signIn('jiandu.zhou');
  await page.click('nav a[href="/reports"]');
  await page.fill('#report-range input[name="from"]', '2026-01');
  await page.fill('#report-range input[name="to"]', '2026-06');
  await Promise.all([
    page.waitForURL(/\/reports\?from=2026-01&to=2026-06&countyId=$/),
    page.click('#report-range button'),
  ]);
  expect(await page.locator('h1 small').textContent()).toBe('2026年1月至2026年6月');
  expect(await page.locator('[data-total]').allTextContents()).toEqual(['4', '2', '1', '0', '1', '2']);

  // Bars drawn server-side as SVG: one per county in the filed chart, the refusal reason, the exit.
  const bars = (id: string) => page.locator(`#${id} svg rect.bar title`).allTextContents();
  expect(await bars('chart-filed')).toEqual(['大理市：3', '漾濞彝族自治县：1']);
  expect(await bars('chart-approved')).toEqual(['农村最低生活保障：2']);
  expect(await bars('chart-overdue')).toEqual(['大理市：1', '漾濞彝族自治县：1']);
  expect(await bars('chart-processing')).toEqual(['大理市 · 农村最低生活保障：20']);
  expect(await bars('report-refusals')).toEqual(['不予批准：家庭人均收入高于低保标准：1']);
  expect(await bars('report-exits')).toEqual(['家庭月人均收入超过当地低保标准：1']);
  // A bar's length is proportional: 3 fills the plot, 1 is a third of it.
  const widths = await page
    .locator('#chart-filed svg rect.bar')
    .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('width'))));
  expect(widths[1]! / widths[0]!).toBeCloseTo(1 / 3, 2);
  expect(await page.locator('#report-rows tbody tr').count()).toBe(2);
  expect(await page.locator('#report-refusals tbody tr td').allTextContents()).toEqual([
    '大理市',
    '农村最低生活保障',
    '不予批准',
    '家庭人均收入高于低保标准',
    '1',
  ]);
  await web.snap(page, 'prefecture-report');

  // One county: the other leaves the tables and the charts.
  await page.selectOption('#report-range select[name="countyId"]', '532901');
  await Promise.all([page.waitForURL(/countyId=532901/), page.click('#report-range button')]);
  expect(await bars('chart-filed')).toEqual(['大理市：3']);
  expect(await page.locator('#report-workbook').getAttribute('href')).toBe(
    '/api/reports/prefecture/workbook?from=2026-01&to=2026-06&countyId=532901',
  );
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#report-workbook')]);
  expect(download.suggestedFilename()).toBe('report-532901-2026-01-2026-06.xlsx');

  // No name on the page.
  const text = await page.locator('main').textContent();
  for (const name of ['董丽华', '李国强', '段家兴', '杨老五']) expect(text).not.toContain(name);

  // A range ending before it starts: the page says which field, and shows no figures.
  await page.goto('/reports?from=2026-06&to=2026-01');
  expect(await page.locator('#problems li[data-field="to"]').textContent()).toContain(
    '截止月份不能早于起始月份',
  );
  expect(await page.locator('#report-rows').count()).toBe(0);
});

test('a county approver is refused the page', async () => {
  const page = await web.signIn('xian.dali');
  expect(await page.locator('nav a[href="/reports"]').count()).toBe(0);
  const res = await page.goto('/reports');
  expect(res?.status()).toBe(403);
});
