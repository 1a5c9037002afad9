import ExcelJS from 'exceljs';
import { sheetRows } from '../../api/bank-files';
import { signedIn } from '../support/console-session';
import { waitFor } from '../support/fixtures';
import { DALI, DALIZHEN, pay, rollCase, rollHousehold, XIZHOU } from '../support/roll-fixtures';
import { useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';
import { staffClient } from '../support/staff-client';

const harness = useWorkflowHarness();
const http = useTestApp(harness);

const as = (username: string) => staffClient(http, username);
const approver = as('xian.dali');

async function builtRoll(month: string): Promise<string> {
  const started = await approver.post('/api/payment-rolls', { countyId: DALI, month });
  expect(started.status).toBe(202);
  const rollId = started.body.rollId as string;
  await waitFor(
    async () => (await approver.get(`/api/payment-rolls/${rollId}`)).body.status === 'REVIEW',
    'review',
  );
  return rollId;
}

async function budgetLine(programmeCode: string, allocatedYuan: number): Promise<string> {
  const res = await approver.post('/api/funds/budgets', {
    countyId: DALI,
    year: 2027,
    programmeCode,
    source: 'HIGHER_TRANSFER',
    allocatedYuan,
  });
  expect(res.status).toBe(200);
  return res.body.budgetLineId as string;
}

test('a roll reviewed, refused for overspending, reallocated, approved, exported, and answered by the bank', async () => {
  const db = harness.db;
  const a = await rollHousehold(db, { name: '段甲', townshipId: XIZHOU });
  const b = await rollHousehold(db, { name: '段乙', townshipId: DALIZHEN });
  const c = await rollHousehold(db, { name: '段丙', townshipId: DALIZHEN, account: false });
  const aCase = await rollCase(db, a, 'DIBAO_RURAL');
  await pay(db, aCase, '2027-04', 1100);
  await pay(db, aCase, '2027-05', 1100);
  await pay(db, await rollCase(db, b, 'DIBAO_RURAL'), '2027-04', 850.5);
  await pay(db, await rollCase(db, b, 'TEMPORARY', 'CLOSED'), '2027-04', 600);
  await pay(db, await rollCase(db, c, 'TEMPORARY', 'CLOSED'), '2027-04', 300);
  const rural = await budgetLine('DIBAO_RURAL', 100_000);
  const temporary = await budgetLine('TEMPORARY', 500);

  const rollId = await builtRoll('2027-04');
  // Starting it again answers the same roll.
  expect((await approver.post('/api/payment-rolls', { countyId: DALI, month: '2027-04' })).body.rollId).toBe(
    rollId,
  );
  const view = await approver.get(`/api/payment-rolls/${rollId}`);
  expect(view.status).toBe(200);
  expect(view.body).toMatchObject({ progress: { done: 4, total: 4 }, totalYuan: 2850.5, status: 'REVIEW' });
  expect(view.body.totals.byTownshipAndProgramme).toEqual([
    expect.objectContaining({
      townshipId: DALIZHEN,
      programmeCode: 'DIBAO_RURAL',
      lines: 1,
      amountYuan: 850.5,
    }),
    expect.objectContaining({ townshipId: DALIZHEN, programmeCode: 'TEMPORARY', lines: 2, amountYuan: 900 }),
    expect.objectContaining({ townshipId: XIZHOU, programmeCode: 'DIBAO_RURAL', lines: 1, amountYuan: 1100 }),
  ]);
  // Masked in the list: no full ID number or account anywhere in the answer.
  const text = JSON.stringify(view.body);
  for (const h of [a, b, c]) expect(text).not.toContain(h.idNumber);
  expect(text).not.toContain(`6230${a.idNumber.slice(6, 18)}`);

  // Others may not act on it; another county's approver does not see it.
  expect((await as('xiang.xizhou').post(`/api/payment-rolls/${rollId}/approval`)).status).toBe(403);
  expect((await as('jiandu.dali').post(`/api/payment-rolls/${rollId}/approval`)).status).toBe(403);
  expect((await as('jiandu.zhou').get(`/api/payment-rolls/${rollId}`)).status).toBe(200);

  // The temporary line has 500 for 900: refused naming the line, nothing drawn.
  const refused = await approver.post(`/api/payment-rolls/${rollId}/approval`);
  expect(refused.status).toBe(409);
  expect(refused.body).toMatchObject({
    error: 'Overspend',
    details: { budgetLineId: temporary, programmeCode: 'TEMPORARY', allocatedYuan: 500, requestedYuan: 900 },
  });
  expect((await db.fundBudgetLine.findUniqueOrThrow({ where: { id: rural } })).drawnYuan.toNumber()).toBe(0);
  const moved = await approver.post('/api/funds/reallocations', {
    fromLineId: rural,
    toLineId: temporary,
    amountYuan: 400,
    reason: '临时救助支出增加',
  });
  expect(moved.status).toBe(201);
  const approved = await approver.post(`/api/payment-rolls/${rollId}/approval`);
  expect(approved.status).toBe(200);
  expect(approved.body).toMatchObject({ status: 'APPROVED', totalYuan: 2850.5 });
  // Frozen: no rebuild, no second approval.
  expect((await approver.post(`/api/payment-rolls/${rollId}/rebuild`)).status).toBe(409);
  expect((await approver.post(`/api/payment-rolls/${rollId}/approval`)).status).toBe(409);

  // The bank file, CSV and XLSX, read back by exceljs: full ID numbers, the household without
  // an account left out, totals per township and programme.
  const csv = await approver.get(`/api/payment-rolls/${rollId}/bank-file?format=csv`).buffer(true);
  expect(csv.status).toBe(200);
  expect(csv.headers['x-lines-without-account']).toBe('1');
  const csvRows = await sheetRows('csv', csv.body instanceof Buffer ? csv.body : Buffer.from(csv.text));
  expect(csvRows[0]).toEqual([
    '明细编号',
    '乡镇（街道）',
    '救助项目',
    '收款人',
    '身份证号码',
    '开户银行',
    '账号',
    '金额（元）',
  ]);
  const details = csvRows.slice(1, 4).map((r) => [r[3], r[4], r[7]]);
  expect(details.sort()).toEqual(
    [
      ['段乙', b.idNumber, '850.5'],
      ['段乙', b.idNumber, '600'],
      ['段甲', a.idNumber, '1100'],
    ].sort(),
  );
  expect(csvRows.find((r) => r[0] === '合计')).toEqual(['合计', '', '', '3', '2550.5']);
  const xlsx = await approver
    .get(`/api/payment-rolls/${rollId}/bank-file?format=xlsx`)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.body as ArrayBuffer);
  expect(book.worksheets.map((s) => s.name)).toEqual(['发放明细', '汇总']);
  expect(book.getWorksheet('发放明细')!.rowCount).toBe(4);
  expect(book.getWorksheet('发放明细')!.getColumn(5).values).toContain(a.idNumber);
  const summary = book
    .getWorksheet('汇总')!
    .getSheetValues()
    .slice(2)
    .map((r) => (r as unknown[]).slice(1));
  expect(summary).toEqual([
    ['小计', '大理镇', '农村最低生活保障', 1, 850.5],
    ['小计', '大理镇', '临时救助', 1, 600],
    ['小计', '喜洲镇', '农村最低生活保障', 1, 1100],
    ['合计', '', '', 3, 2550.5],
  ]);

  // The bank's answer: a bad file is refused row by row, nothing applied.
  const ids = csvRows.slice(1, 4).map((r) => ({ lineId: r[0]!, name: r[3]!, amount: r[7]! }));
  const aLine = ids.find((l) => l.name === '段甲')!.lineId;
  const others = ids.filter((l) => l.name !== '段甲').map((l) => l.lineId);
  const bad = await approver.post(`/api/payment-rolls/${rollId}/bank-returns`, {
    format: 'csv',
    content: `lineId,result,reason\n${aLine},FAILED,\nnot-a-line,PAID,\n${others[0]},MAYBE,\n`,
  });
  expect(bad.status).toBe(422);
  expect(bad.body.details).toEqual([
    { row: 2, column: 'reason', message: expect.any(String) },
    { row: 3, column: 'lineId', message: expect.any(String) },
    { row: 4, column: 'result', message: expect.any(String) },
  ]);
  expect(await db.paymentRollLine.count({ where: { rollId, status: { not: 'PENDING' } } })).toBe(0);
  // The return file as XLSX, written and read by exceljs.
  const answer = new ExcelJS.Workbook();
  const sheet = answer.addWorksheet('回盘');
  sheet.addRow(['lineId', 'result', 'reason']);
  sheet.addRow([aLine, 'FAILED', '账户已销户']);
  for (const id of others) sheet.addRow([id, 'PAID', '']);
  const content = Buffer.from(await answer.xlsx.writeBuffer()).toString('base64');
  const imported = await approver.post(`/api/payment-rolls/${rollId}/bank-returns`, {
    format: 'xlsx',
    content,
  });
  expect(imported.status).toBe(200);
  expect(imported.body).toEqual({ rollId, paid: 2, failed: 1 });

  // The household changes its account (audited); the failed line is re-queued next month.
  const account = await as('xiang.xizhou').post(`/api/households/${a.householdId}/bank-account`, {
    holderName: '段甲',
    bankName: '大理农村商业银行',
    accountNo: '6230520100099990001',
  });
  expect(account.status).toBe(200);
  expect(account.body.accountNo).toBe('****0001');
  expect(await db.auditEntry.count({ where: { action: 'setBankAccount', resourceId: a.householdId } })).toBe(
    1,
  );
  expect(
    (
      await as('xiang.xizhou').post(`/api/households/${b.householdId}/bank-account`, {
        holderName: '段乙',
        bankName: '银行',
        accountNo: '6230520100099990002',
      })
    ).status,
  ).toBe(404);

  const mayId = await builtRoll('2027-05');
  const may = await approver.get(`/api/payment-rolls/${mayId}`);
  expect(may.body.lines).toEqual([
    expect.objectContaining({
      payeeName: '段甲',
      regularYuan: 1100,
      requeuedYuan: 1100,
      amountYuan: 2200,
      accountNo: '****0001',
    }),
  ]);

  // The console's roll page: masked ID numbers, the re-queued amount, zh-CN.
  const staff = await signedIn(http.app, 'xian.dali');
  const page = await staff.agent.get(`/payment-rolls/${mayId}`);
  expect(page.status).toBe(200);
  expect(page.text).toContain('发放名册');
  expect(page.text).toContain('重新发放');
  expect(page.text).not.toContain(a.idNumber);
  expect((await staff.agent.get('/payment-rolls')).text).toContain(mayId);
  const fundsPage = await (await signedIn(http.app, 'jiandu.zhou')).agent.get('/funds?year=2027');
  expect(fundsPage.status).toBe(200);
  expect(fundsPage.text).toContain('大理市');
  expect(fundsPage.text).toContain('1950.50');
  // Spending against budget drawn as SVG bars: the share per county and programme, and by month.
  expect(fundsPage.text).toContain('预算执行率（已支出占全年预算，%）');
  expect(fundsPage.text).toMatch(/<title>大理市 · 农村最低生活保障：\d+(\.\d)?<\/title>/);
  expect(fundsPage.text).toContain('逐月支出（元，各县市和救助项目合计）');

  // The prefecture sees spending against budget per county and programme, by month.
  const spending = await as('jiandu.zhou').get('/api/funds/spending?year=2027');
  expect(spending.status).toBe(200);
  expect(spending.body.rows).toEqual([
    expect.objectContaining({
      countyId: DALI,
      programmeCode: 'DIBAO_RURAL',
      allocatedYuan: 99_600,
      drawnYuan: 1950.5,
    }),
    expect.objectContaining({
      countyId: DALI,
      programmeCode: 'TEMPORARY',
      allocatedYuan: 900,
      drawnYuan: 900,
    }),
  ]);
  expect(spending.body.rows[1].byMonth['2027-04']).toBe(900);
  expect((await as('xiang.xizhou').get('/api/funds/spending?year=2027')).status).toBe(403);
});

test('bad input names the field and changes nothing', async () => {
  const res = await approver.post('/api/payment-rolls', { countyId: '5329', month: '2027-13' });
  expect(res.status).toBe(400);
  expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
    'body.countyId',
    'body.month',
  ]);
  expect((await approver.post('/api/payment-rolls', { countyId: '532922', month: '2027-01' })).status).toBe(
    403,
  );
  expect(
    (
      await approver.post('/api/funds/budgets', {
        countyId: DALI,
        year: 2027,
        programmeCode: 'DIBAO_RURAL',
        source: 'X',
        allocatedYuan: 1.234,
      })
    ).body.details
      .map((d: { field: string }) => d.field)
      .sort(),
  ).toEqual(['body.allocatedYuan', 'body.source']);
  expect((await approver.get('/api/payment-rolls/not-an-id')).status).toBe(400);
});
