import type { Page } from 'playwright-core';
import { localDateOf } from '../../domain/working-days';
import { useConsoleBrowser } from '../support/browser';
import { waitFor } from '../support/fixtures';
import { rollCase, rollHousehold, XIZHOU } from '../support/roll-fixtures';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const web = useConsoleBrowser(harness);

/** Submits a console form and waits for the page the script loads once the API has answered. */
async function submit(page: Page, formId: string) {
  await Promise.all([page.waitForEvent('load'), page.click(`#${formId} button[type="submit"]`)]);
}

/** Submits a form the API refuses, and answers what the form's banner says. */
async function refused(page: Page, formId: string): Promise<string> {
  await page.locator(`#${formId} .form-error`).evaluate((e) => (e.textContent = ''));
  await page.click(`#${formId} button[type="submit"]`);
  const banner = page.locator(`#${formId} .form-error`);
  await waitFor(async () => ((await banner.textContent()) ?? '').trim() !== '', `#${formId} refused`);
  return (await banner.textContent())!.trim();
}

test('社会捐赠 and 爱心超市: the county records a donation of goods, prints its receipt, issues points and a household exchanges them, refusals shown', async () => {
  const db = harness.db;
  const h = await rollHousehold(db, { name: '赵阿婆', townshipId: XIZHOU });
  const caseId = await rollCase(db, h, 'DIBAO_RURAL');
  await db.case.update({ where: { id: caseId }, data: { caseNo: 'DB-532901-2026-900021' } });

  const page = await web.signIn('xian.dali');
  await page.click('nav a[href="/supermarkets"]');
  await page.fill('#form-supermarket input[name="name"]', '喜洲爱心超市');
  await page.selectOption('#form-supermarket select[name="townshipId"]', XIZHOU);
  await Promise.all([
    page.waitForURL(/\/supermarkets\/[0-9a-f-]{36}$/),
    page.click('#form-supermarket button'),
  ]);
  const supermarketPath = new URL(page.url()).pathname;

  // A gift of money with no amount: shown beside the amount, nothing recorded, no receipt issued.
  await page.click('nav a[href="/donations"]');
  await page.selectOption('#form-donation select[name="donorKind"]', 'ORGANISATION');
  await page.fill('#form-donation input[name="donorName"]', '大理爱心粮油公司');
  await page.fill('#form-donation input[name="money.amountYuan"]', '0');
  await page.click('#form-donation button[type="submit"]');
  await page.locator('#form-donation .field-error').waitFor();
  expect(await page.locator('#form-donation .field-error').allTextContents()).toEqual([
    '金额应大于 0 (more than 0)',
  ]);
  expect(await db.donation.count()).toBe(0);

  // Goods, directed to 喜洲镇: on the shelf of the supermarket, with a numbered receipt.
  await page.selectOption('#donation-kind', 'goods');
  await page.fill('#form-donation input[name="goods.itemName"]', '大米（10公斤）');
  await page.fill('#form-donation input[name="goods.quantity"]', '2');
  await page.fill('#form-donation input[name="goods.pointsPerUnit"]', '30');
  await page.selectOption('#form-donation select[name="direction.townshipId"]', XIZHOU);
  await Promise.all([page.waitForURL(/\/donations\/[0-9a-f-]{36}$/), page.click('#form-donation button')]);
  const year = localDateOf(Date.now()).slice(0, 4);
  const receiptNo = `JZ-532901-${year}-000001`;
  expect(await page.locator('#donation-receipt-no').textContent()).toBe(receiptNo);
  expect(await page.locator('#donation-goods').textContent()).toBe('大米（10公斤） × 2（入库 喜洲爱心超市）');
  expect(await page.locator('#donation-direction').textContent()).toBe('喜洲镇');
  expect(await page.locator('#donation-no-exchanges').count()).toBe(1);
  const donationPath = new URL(page.url()).pathname;

  // The printable receipt opens on its own page, word for word from the stored donation.
  const [receipt] = await Promise.all([page.context().waitForEvent('page'), page.click('#donation-receipt')]);
  await receipt.waitForLoadState();
  const text = (await receipt.locator('body').innerText()).replace(/\s+/g, '');
  expect(text).toContain(receiptNo);
  expect(text).toContain('兹收到单位大理爱心粮油公司');
  expect(text).toContain('大米（10公斤）×2');
  const pdf = await receipt.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
  await receipt.close();

  // The list shows it; a filter for money donations hides it.
  await page.click('nav a[href="/donations"]');
  expect(await page.locator('#donations tbody tr td:first-child').allTextContents()).toEqual([receiptNo]);
  await web.snap(page, 'donations');
  await page.selectOption('#donation-filter select[name="kind"]', 'MONEY');
  await submit(page, 'donation-filter');
  expect(await page.locator('#donations-empty').count()).toBe(1);
  await page.selectOption('#donation-filter select[name="kind"]', '');
  await page.fill('#donation-filter input[name="donor"]', '粮油');
  await page.fill('#donation-filter input[name="from"]', `${year}-01-01`);
  await submit(page, 'donation-filter');
  expect(await page.locator('#donations tbody tr td:first-child').allTextContents()).toEqual([receiptNo]);
  // A NUL in the donor search is refused by field before the database sees it.
  expect((await page.request.get('/donations?donor=%00')).status()).toBe(400);

  // The month's points by the county's rule (50 a household by default), once.
  await page.click('nav a[href="/supermarkets"]');
  expect(await page.locator('#points-rule').textContent()).toBe('每户 50 分（不论人数）');
  await submit(page, 'form-points-issue');
  expect(await page.locator('#points-issued').textContent()).toMatch(/积分已发放：本次新发放 \d+ 户/);
  await submit(page, 'form-points-issue');
  expect(await page.locator('#points-issued').textContent()).toContain('本次新发放 0 户');
  await web.snap(page, 'supermarkets');

  // The household by its case number: 50 points.
  await page.goto(supermarketPath);
  await page.fill('#household-lookup input[name="caseNo"]', 'DB-532901-2026-900021');
  await submit(page, 'household-lookup');
  expect(await page.locator('#household-points').textContent()).toBe(
    'DB-532901-2026-900021 赵阿婆 · 积分余额 50 分',
  );

  // More than the shelf holds, then more than the points buy: refused, nothing taken.
  await page.fill('#form-exchange input[name="quantity"]', '3');
  expect(await refused(page, 'form-exchange')).toBe('库存不足 (not enough in stock)（409）');
  await page.fill('#form-exchange input[name="quantity"]', '2');
  expect(await refused(page, 'form-exchange')).toBe('积分不足 (not enough points)（409）');
  expect(await db.supermarketExchange.count()).toBe(0);

  await page.fill('#form-exchange input[name="quantity"]', '1');
  await submit(page, 'form-exchange');
  expect(await page.locator('#household-points strong').textContent()).toBe('20');
  expect(await page.locator('#supermarket-stock tbody td').allTextContents()).toEqual([
    '大米（10公斤）',
    '1',
    '30',
  ]);
  const exchanged = await page.locator('#supermarket-exchanges tbody td').allTextContents();
  expect(exchanged.slice(1)).toEqual([
    'DB-532901-2026-900021',
    '赵阿婆',
    '大米（10公斤）',
    '1',
    '30',
    'xian.dali',
  ]);
  // 20 points left for a 30-point item: refused, the balance never goes negative.
  expect(await refused(page, 'form-exchange')).toBe('积分不足 (not enough points)（409）');
  await web.snap(page, 'supermarket');

  // The donation's trace names the household that received it.
  await page.goto(donationPath);
  expect(await page.locator('#donation-stock').textContent()).toBe('入库 2 件，尚余 1 件。');
  const traced = await page.locator('#donation-exchanges tbody td').allTextContents();
  expect(traced.slice(1)).toEqual(['喜洲镇', 'DB-532901-2026-900021', '赵阿婆', '1']);
  await web.snap(page, 'donation');
});
