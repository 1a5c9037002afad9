import { useConsoleBrowser } from '../support/browser';
import { XIZHOU_VILLAGE } from '../support/fixtures';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const web = useConsoleBrowser(harness);

const FACTS = '该户家中新购小汽车一辆，仍在领取低保金，请核查。';
const PHONE = '13912345678';

test('a report filed on the public page without sign-in, the proof of work done by the page; its answer shows only status and outcome', async () => {
  const context = await web.browser.newContext({ baseURL: web.baseUrl, locale: 'zh-CN' });
  try {
    const page = await context.newPage();
    await page.goto('/public/reports');
    expect(await page.locator('h1').textContent()).toBe('举报投诉');
    await page.check('input[name="kind"][value="TIP_OFF"]');
    await page.selectOption('select[name="villageId"]', XIZHOU_VILLAGE);
    await page.fill('textarea[name="facts"]', FACTS);
    await page.fill('input[name="contactName"]', '热心群众');
    await page.fill('input[name="contactPhone"]', PHONE);
    await Promise.all([
      page.waitForURL(/\/public\/reports\/[A-Z2-7]{16}$/, { timeout: 60_000 }),
      page.click('button[type="submit"]'),
    ]);
    const receiptNo = new URL(page.url()).pathname.split('/').pop()!;
    expect(await page.locator('#receipt-no').textContent()).toBe(receiptNo);
    expect(await page.locator('#report-status').getAttribute('data-status')).toBe('VERIFYING');
    const text = (await page.locator('main').textContent()) ?? '';
    for (const secret of [FACTS, PHONE, '热心群众', '喜洲']) expect(text).not.toContain(secret);
    await web.snap(page, 'public-report-answer');

    // The report is the township's verification task; the page's challenge was spent.
    const row = await harness.db.tipOff.findUniqueOrThrow({ where: { receiptNo } });
    expect(row).toMatchObject({ kind: 'TIP_OFF', assigneeUnitId: '532901003', contactPhone: PHONE });
    expect(await harness.db.tipOffChallengeUse.count()).toBe(1);

    // The township's officer sees it in the console inbox, the phone masked.
    const staff = await web.signIn('xiang.xizhou');
    await staff.goto('/tip-offs');
    const line = staff.locator(`tr[data-receipt="${receiptNo}"]`);
    expect(await line.textContent()).toContain(FACTS);
    expect(await line.textContent()).not.toContain(PHONE);
    expect(await line.textContent()).toContain('*******5678');
  } finally {
    await context.close();
  }
}, 180_000);
