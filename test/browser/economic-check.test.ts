import { useConsoleBrowser } from '../support/browser';
import { CaseDriver } from '../support/case-driver';
import { submitForm } from '../support/console-forms';
import { waitFor } from '../support/fixtures';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const web = useConsoleBrowser(harness);

/** The bureau officers of 大理市 (prisma/seed/seed.ts), 人社 last: it answers by file. */
const BY_FORM = [
  'bumen.gongan.dali',
  'bumen.ziran.dali',
  'bumen.shichang.dali',
  'bumen.shuiwu.dali',
  'bumen.hedui.dali',
];

describe('家庭经济状况核对 in the staff console, in a real browser', () => {
  test('the township asks from the case page, the bureaus answer on their pages and by file, the report shows the mismatch until resolved', async () => {
    const c = await CaseDriver.file(harness.env, harness.db);
    await c.accept();
    await c.reach('investigation');
    const { caseNo } = await c.row();
    const members = await harness.db.householdMember.findMany({
      where: { household: { cases: { some: { id: c.caseId } } } },
      orderBy: { name: 'asc' },
    });

    const township = await web.signIn('xiang.xizhou');
    await township.goto(`/cases/${caseNo}`);
    await township.fill('#ask-check input[name="declared.depositsYuan"]', '3000');
    await web.snap(township, 'economic-check-ask');
    await submitForm(township, 'ask-check');
    // The workflow fans the check out a moment later: one request per bureau.
    await waitFor(async () => {
      await township.goto(`/cases/${caseNo}`);
      return (await township.locator('#economic-checks .check-requests tbody tr[data-source]').count()) === 6;
    }, 'six requests on the case page');
    const checkNo = `${caseNo}-HD01`;

    // Each bureau answers its own request on its page; the answering bureau sees full ID numbers.
    for (const username of BY_FORM) {
      const bureau = await web.signIn(username);
      await bureau.goto('/economic-checks');
      const link = bureau.locator('#check-requests a', { hasText: checkNo });
      expect(await link.count()).toBe(1);
      await link.click();
      await bureau.waitForURL(/\/economic-checks\//);
      const page = await bureau.locator('#check-members').textContent();
      for (const m of members) expect(page).toContain(m.idNumber);
      if (username === 'bumen.gongan.dali') {
        // The spouse has a car the household did not declare.
        const spouse = members.find((m) => m.relation === 'SPOUSE')!;
        await bureau.fill(`tr[data-member="${spouse.id}"] input[aria-label="登记机动车（辆）"]`, '1');
        await web.snap(bureau, 'economic-check-answer');
      }
      await submitForm(bureau, 'check-answer');
      expect(await bureau.locator('h1 .badge').textContent()).toBe('已答复');
    }

    // 人社 imports a result file: a bad row is shown by row and column, then a good file goes in.
    const hr = await web.signIn('bumen.renshe.dali');
    await hr.goto('/economic-checks');
    const requestNo = `${checkNo}-RS`;
    const csv = (pension: string) =>
      [
        'requestNo,idNumber,pensionMonthlyYuan,insuredWageMonthlyYuan',
        ...members.map((m, i) => `${requestNo},${m.idNumber},${i === 1 ? pension : '0'},0`),
      ].join('\n');
    await hr.setInputFiles('#check-import input[name="content"]', {
      name: '核对结果.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv('abc')),
    });
    await hr.click('#check-import button[type="submit"]');
    await hr.locator('#check-import .form-error:not(:empty), #check-import .field-error').first().waitFor();
    expect(await hr.locator('#check-import').textContent()).toContain('第 3 行 pensionMonthlyYuan');
    await web.snap(hr, 'economic-check-import-refused');
    expect(await harness.db.economicCheckRequest.count({ where: { requestNo, status: 'PENDING' } })).toBe(1);
    await hr.goto('/economic-checks');
    await hr.setInputFiles('#check-import input[name="content"]', {
      name: '核对结果.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv('0')),
    });
    await submitForm(hr, 'check-import');

    // The report on the case page: the car is a mismatch; resolved with reasons.
    await waitFor(async () => {
      await township.goto(`/cases/${caseNo}`);
      return (await township.locator('#check-resolution').count()) > 0;
    }, 'the report');
    const mismatch = township.locator('#economic-checks .check-report tr.mismatch');
    expect(await mismatch.count()).toBe(1);
    expect(await mismatch.textContent()).toContain('机动车');
    await web.snap(township, 'economic-check-report');
    await township.fill(
      '#check-resolution textarea[name="resolution"]',
      '车辆为报废农用车，入户核实已不能使用',
    );
    await submitForm(township, 'check-resolution');
    expect(await township.locator('.check-resolution').textContent()).toContain('报废农用车');
    expect(await township.locator('#check-resolution').count()).toBe(0);
    await c.discard();
  });
});
