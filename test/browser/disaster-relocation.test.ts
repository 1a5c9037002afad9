import { withCheckCharacter } from '../../domain/id-card';
import { useConsoleBrowser } from '../support/browser';
import { submitForm } from '../support/console-forms';
import { XIZHOU_VILLAGE, waitFor } from '../support/fixtures';
import { useWorkflowHarness } from '../support/workflow-harness';

// 紧急转移安置 in the console: the township's officer sets up a site, registers a household with a
// tent from the reserve and transitional aid, sees them there (ID masked, the ZH case linked),
// and records their return home.

const harness = useWorkflowHarness();
const web = useConsoleBrowser(harness);

test('a township officer runs a relocation site from the /disasters page', async () => {
  const event = await harness.db.disasterEvent.create({
    data: {
      kind: 'FLOOD',
      name: '喜洲洪涝',
      occurredOn: new Date('2026-11-20T00:00:00Z'),
      responseLevel: 4,
      declaredByUnitId: '532901',
      declaredBy: 'xian.dali',
      counties: { create: [{ countyId: '532901' }] },
    },
  });
  const stock = await harness.db.reliefStock.create({
    data: { countyId: '532901', item: '帐篷', unit: '顶', location: '大理市救灾物资储备库', quantity: 10 },
  });
  const idNumber = withCheckCharacter('53290119720303041');

  const page = await web.signIn('xiang.xizhou');
  await page.goto('/disasters');
  expect(await page.locator('nav a[href="/disasters"]').count()).toBeGreaterThan(0);
  const section = page.locator(`[data-event="${event.id}"]`);
  expect(await section.locator('h2').textContent()).toBe('喜洲洪涝');

  // 设立安置点
  const siteForm = `form-site-${event.id}`;
  await page.selectOption(`#${siteForm} select[name="townshipId"]`, '532901003');
  await page.fill(`#${siteForm} input[name="name"]`, '喜洲镇中心小学安置点');
  await page.fill(`#${siteForm} input[name="address"]`, '喜洲镇中心小学');
  await page.fill(`#${siteForm} input[name="capacity"]`, '50');
  await submitForm(page, siteForm);
  const site = await harness.db.relocationSite.findFirstOrThrow({ where: { eventId: event.id } });
  expect(await page.locator(`[data-site="${site.id}"] .occupancy`).textContent()).toBe('0/50');

  // 登记安置人员: a household of two, a tent from the reserve, transitional aid.
  const form = `form-register-${site.id}`;
  await page.fill(`#${form} input[name="name"]`, '杨春花');
  await page.fill(`#${form} input[name="idNumber"]`, idNumber);
  await page.selectOption(`#${form} select[name="homeVillageId"]`, XIZHOU_VILLAGE);
  await page.fill(`#${form} input[name="persons"]`, '2');
  await page.check(`#${form} input[name="transitionalAid"]`);
  await page.selectOption(`#${form} select[name="aid.0.kind"]`, 'TENT');
  await page.selectOption(`#${form} select[name="aid.0.stockId"]`, stock.id);
  await page.fill(`#${form} input[name="aid.0.quantity"]`, '1');
  await submitForm(page, form);

  const person = await harness.db.relocatedPerson.findFirstOrThrow({ where: { siteId: site.id } });
  const row = page.locator(`tr[data-person="${person.id}"]`);
  const text = await row.textContent();
  expect(text).toContain('杨春花');
  expect(text).toContain(`532${'*'.repeat(11)}${idNumber.slice(-4)}`);
  expect(text).not.toContain(idNumber);
  expect(text).toContain('帐篷');
  expect(await row.locator('a[href^="/cases/ZH-532901-"]').count()).toBe(1);
  expect(await page.locator(`[data-site="${site.id}"] .occupancy`).textContent()).toBe('2/50');
  expect(await section.locator('.summary').textContent()).toContain('仍在安置 2 人');
  expect((await harness.db.reliefStock.findUniqueOrThrow({ where: { id: stock.id } })).quantity).toBe(9);
  await waitFor(
    async () =>
      (await harness.db.case.findUniqueOrThrow({ where: { id: person.caseId! } })).status === 'ENROLLED',
    'the transitional aid under way',
  );
  await page.reload();
  expect(await section.locator('.in-progress').textContent()).toBe('1');
  await web.snap(page, 'disaster-relocation-site');

  // The case opens like any other, in the programme's own words.
  const caseNo = (await row.locator('a[href^="/cases/"]').textContent())!;
  const casePage = await page.context().newPage();
  await casePage.goto(`/cases/${caseNo}`);
  expect(await casePage.locator('main').textContent()).toContain('过渡期生活救助中');
  await casePage.close();

  // 登记返家 (today, as the form proposes): the place freed, the aid stopped.
  await submitForm(page, `form-return-${person.id}`);
  expect(await page.locator(`tr[data-person="${person.id}"]`).count()).toBe(0);
  expect(await page.locator(`[data-site="${site.id}"] .occupancy`).textContent()).toBe('0/50');
  const ended = await harness.db.case.findUniqueOrThrow({ where: { id: person.caseId! } });
  expect(ended.status).toBe('EXITED');
});
