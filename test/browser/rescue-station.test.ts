import { useConsoleBrowser } from '../support/browser';
import { submitForm } from '../support/console-forms';
import { waitFor } from '../support/fixtures';
import { stationId } from '../support/vagrant-driver';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const web = useConsoleBrowser(harness);

describe('救助管理站 in the staff console, in a real browser', () => {
  test('the station takes in an unknown person, publishes the tracing notice and hands the person to family', async () => {
    const station = await stationId(harness.db);
    const page = await web.signIn('xian.dali');
    await page.goto('/rescue-stations');
    await Promise.all([
      page.waitForURL(/\/rescue-stations\/[0-9a-f-]{36}$/),
      page.click('text=大理市救助管理站'),
    ]);
    expect(await page.locator('h1').textContent()).toContain('大理市救助管理站');

    // 入站登记: no name, no ID number; a description instead.
    const intake = '#form-intake';
    await page.selectOption(`${intake} select[name="sex"]`, 'female');
    await page.fill(`${intake} input[name="apparentAge"]`, '65');
    await page.fill(`${intake} textarea[name="features"]`, '身材瘦小，白发，说白族话');
    await page.fill(`${intake} input[name="foundAt"]`, '下关汽车客运站');
    await web.snap(page, 'rescue-station-intake');
    await submitForm(page, 'form-intake');
    const stay = await waitFor(
      () =>
        harness.db.vagrantStay.findFirst({
          where: { stationId: station, features: '身材瘦小，白发，说白族话' },
        }),
      'the intake written',
    );
    const { caseNo } = await harness.db.case.findUniqueOrThrow({ where: { id: stay.caseId } });
    await waitFor(async () => {
      const row = await harness.db.case.findUniqueOrThrow({ where: { caseNo } });
      return row.currentStep === 'vagrantExit';
    }, 'the stay open');

    // The person is listed: hours since intake, the notice due within 24 hours.
    await page.goto(`/rescue-stations/${station}`);
    const row = page.locator(`tr[data-case="${caseNo}"]`);
    expect(await row.locator('td').nth(1).textContent()).toContain('身份不明人员（女，约 65 岁）');
    expect(await row.locator('.hours').textContent()).toBe('0 小时');
    expect(await row.locator('.notice').textContent()).toContain('前发布');
    expect(await page.locator('#station-summary').textContent()).toContain('待发布寻亲公告');

    await submitForm(page, `form-recordTracingNotice-${caseNo}`);
    await waitFor(
      async () =>
        (await harness.db.vagrantStay.findUniqueOrThrow({ where: { id: stay.id } })).tracingNoticeAt,
      'the notice recorded',
    );
    await page.goto(`/rescue-stations/${station}`);
    expect(await page.locator(`tr[data-case="${caseNo}"] .notice`).textContent()).toBe('已发布');

    // 亲属接领: who, and their relation.
    const exit = `#form-vagrantExit-${caseNo}`;
    await page.selectOption(`${exit} select[name="way"]`, 'familyHandover');
    await page.fill(`${exit} [data-branch="familyHandover"] input[name="claimantName"]`, '段丽华');
    await page.fill(`${exit} [data-branch="familyHandover"] input[name="relation"]`, '女儿');
    await web.snap(page, 'rescue-station-exit');
    await submitForm(page, `form-vagrantExit-${caseNo}`);
    const exited = await waitFor(async () => {
      const s = await harness.db.vagrantStay.findUniqueOrThrow({ where: { id: stay.id } });
      return s.exitedAt && s;
    }, 'the exit recorded');
    expect(exited.exitWay).toBe('familyHandover');
    expect(exited.exitRecord).toMatchObject({ claimantName: '段丽华', relation: '女儿' });
    await page.goto(`/rescue-stations/${station}`);
    expect(await page.locator(`tr[data-case="${caseNo}"]`).count()).toBe(0);

    // The case's own page shows the record.
    await page.goto(`/cases/${caseNo}`);
    expect(await page.locator('body').textContent()).toContain('段丽华');
    await web.snap(page, 'rescue-station-case');
  });
});
