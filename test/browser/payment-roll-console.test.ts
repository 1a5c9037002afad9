import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { useConsoleBrowser } from '../support/browser';
import { waitFor } from '../support/fixtures';
import { budget, DALI, pay, rollCase, rollHousehold, XIZHOU } from '../support/roll-fixtures';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const web = useConsoleBrowser(harness);

const MONTH = '2027-01';

/** Submits a console form and waits for the page the script loads once the API has answered. */
async function submit(page: Page, formId: string) {
  await Promise.all([page.waitForEvent('load'), page.click(`#${formId} button[type="submit"]`)]);
}

/** Submits a form the API refuses, and answers what the form's banner says. */
async function refused(page: Page, formId: string): Promise<string> {
  await page.click(`#${formId} button[type="submit"]`);
  const banner = page.locator(`#${formId} .form-error`);
  await waitFor(async () => ((await banner.textContent()) ?? '').trim() !== '', `#${formId} refused`);
  return (await banner.textContent())!.trim();
}

/** Reloads the roll's page until its status reads `status`. */
async function untilStatus(page: Page, status: string) {
  await waitFor(async () => {
    await page.reload();
    return (await page.locator('#roll-status').textContent()) === status;
  }, `roll ${status}`);
}

test('发放名册: the county approver starts, rebuilds and approves a roll, downloads the bank file and imports the return', async () => {
  const db = harness.db;
  const yang = await rollHousehold(db, { name: '杨秀英', townshipId: XIZHOU });
  const li = await rollHousehold(db, { name: '李阿福', townshipId: XIZHOU });
  const yangCase = await rollCase(db, yang, 'DIBAO_RURAL');
  const liCase = await rollCase(db, li, 'DIBAO_RURAL');
  await pay(db, yangCase, MONTH, 1100);
  const line = await budget(db, 'DIBAO_RURAL', 1500);

  const page = await web.signIn('xian.dali');
  await page.goto('/payment-rolls');
  await page.fill('#form-start-roll input[name="month"]', MONTH);
  await Promise.all([
    page.waitForURL(/\/payment-rolls\/[0-9a-f-]{36}$/),
    page.click('#form-start-roll button'),
  ]);
  const rollId = page.url().split('/').pop()!;
  await untilStatus(page, '待审核');
  expect(await page.locator('#roll-total').textContent()).toBe('1100.00');
  // The review's deadline: five days from the build, shown with the date and time.
  expect(await page.locator('#roll-review-due').textContent()).toMatch(
    /审核期限：\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/,
  );
  await web.snap(page, 'payment-roll-review');

  // A payment recorded after the build: the rebuild takes it in, one line per household.
  await pay(db, liCase, MONTH, 800);
  await submit(page, 'form-rebuild-roll');
  await untilStatus(page, '待审核');
  await waitFor(async () => {
    await page.reload();
    return (await page.locator('#roll-total').textContent()) === '1900.00';
  }, 'rebuilt total');
  expect(await page.locator('#roll-lines tbody tr').count()).toBe(2);

  // 1900 against 1500 budgeted: refused naming the line, nothing drawn.
  expect(await refused(page, 'form-approve-roll')).toContain('1500');
  expect((await db.fundBudgetLine.findUniqueOrThrow({ where: { id: line } })).drawnYuan.toNumber()).toBe(0);
  await db.fundBudgetLine.update({ where: { id: line }, data: { allocatedYuan: 5000 } });
  await page.selectOption('#form-approve-roll select[name="fundSources.DIBAO_RURAL"]', 'HIGHER_TRANSFER');
  await submit(page, 'form-approve-roll');
  expect(await page.locator('#roll-status').textContent()).toBe('已审核');
  expect(await page.locator('#form-approve-roll').count()).toBe(0);
  expect((await db.fundBudgetLine.findUniqueOrThrow({ where: { id: line } })).drawnYuan.toNumber()).toBe(
    1900,
  );

  // The bank file, with full ID numbers (only here).
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#bank-file-csv')]);
  expect(csv.suggestedFilename()).toBe(`payment-roll-${DALI}-${MONTH}.csv`);
  const text = await (await csv.createReadStream()).toArray().then((c) => Buffer.concat(c).toString());
  expect(text).toContain(yang.idNumber);
  expect(text).toContain(li.idNumber);
  const lines = await db.paymentRollLine.findMany({ where: { rollId }, orderBy: { amountYuan: 'desc' } });
  const [yangLine, liLine] = lines as [(typeof lines)[0], (typeof lines)[0]];

  // A return naming a line of no roll: refused by row and column, nothing applied.
  await page.setInputFiles('#form-bank-return input[name="content"]', {
    name: 'return.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      `lineId,result,reason\n${yangLine.id},PAID,\n00000000-0000-4000-8000-000000000000,PAID,\n`,
    ),
  });
  expect(await refused(page, 'form-bank-return')).toBe(
    '第 3 行 lineId: 不是本发放名册的明细 (not a line of this roll)',
  );
  expect(await db.paymentRollLine.count({ where: { rollId, status: 'PENDING' } })).toBe(2);

  // The bank's answer as XLSX (sent as base64 by the form): one paid, one failed with its reason.
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('回盘');
  sheet.addRow(['lineId', 'result', 'reason']);
  sheet.addRow([yangLine.id, 'PAID', '']);
  sheet.addRow([liLine.id, 'FAILED', '账户已销户']);
  await page.selectOption('#form-bank-return select[name="format"]', 'xlsx');
  await page.setInputFiles('#form-bank-return input[name="content"]', {
    name: 'return.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(await book.xlsx.writeBuffer()),
  });
  await Promise.all([
    page.waitForURL(/\?returned=1-1$/),
    page.click('#form-bank-return button[type="submit"]'),
  ]);
  expect(await page.locator('#roll-returned').textContent()).toContain('发放成功 1 户，发放失败 1 户');
  const status = (id: string) =>
    page.locator(`#roll-lines tr[data-line="${id}"] td:last-child`).textContent();
  expect(await status(yangLine.id)).toBe('已发放');
  expect(await status(liLine.id)).toBe('发放失败（账户已销户）');
  await web.snap(page, 'payment-roll-returned');
});

test('a supervisor reads the roll without its actions', async () => {
  const roll = await harness.db.paymentRoll.findFirstOrThrow({ where: { countyId: DALI, month: MONTH } });
  const page = await web.signIn('jiandu.zhou');
  await page.goto(`/payment-rolls/${roll.id}`);
  expect(await page.locator('#roll-status').textContent()).toBe('已审核');
  expect(await page.locator('#roll-bank, #roll-review').count()).toBe(0);
  await page.goto('/payment-rolls');
  expect(await page.locator('#form-start-roll').count()).toBe(0);
});
