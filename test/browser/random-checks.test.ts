import { CaseDriver } from '../support/case-driver';
import { useConsoleBrowser } from '../support/browser';
import { submitForm } from '../support/console-forms';
import { waitFor } from '../support/fixtures';
import { filePublicReport } from '../support/public-reports';
import { useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const web = useConsoleBrowser(harness);
const http = useTestApp(harness);

test('the county draws its quarter in the console, re-runs it, records a finding and a tip-off outcome; the supervisor’s dashboard counts them', async () => {
  const enrolment = await (await CaseDriver.file(harness.env, harness.db)).toEnrolment();
  const { caseNo } = await enrolment.row();

  // 县民政局: the draw, its re-run and the visit's finding.
  const county = await web.signIn('xian.dali');
  await county.goto('/random-checks');
  expect(await county.locator('nav').textContent()).toContain('随机抽查');
  await submitForm(county, 'form-draw');
  expect(county.url()).toMatch(/\/random-checks\/[0-9a-f-]{36}$/);
  expect(await county.locator(`#visits tr[data-case="${caseNo}"]`).textContent()).toContain('核查中');
  await county.click('#rerun-link');
  await county.waitForLoadState('load');
  expect(await county.locator('#rerun-matches').textContent()).toContain('一致');
  await county.goBack();
  await waitFor(async () => {
    await county.reload();
    return (await county.locator(`#form-finding-${caseNo}`).count()) > 0;
  }, 'the finding form');
  await county.selectOption(`#form-finding-${caseNo} select[name="consequence"]`, 'NONE');
  await county.fill(
    `#form-finding-${caseNo} textarea[name="findings"]`,
    '入户核查：家庭人口与收入与申报一致。',
  );
  await submitForm(county, `form-finding-${caseNo}`);
  expect(await county.locator(`#visits tr[data-case="${caseNo}"]`).textContent()).toContain('已核查');
  await web.snap(county, 'random-check');

  // A tip-off about the same case: the county's approver records it founded, with a review.
  const receiptNo = await filePublicReport(http.app, {
    kind: 'TIP_OFF',
    caseNo,
    facts: '该户新购小汽车一辆，未向村里申报。',
  });
  await waitFor(
    async () => (await harness.db.tipOff.findUnique({ where: { receiptNo } }))?.dueAt,
    'the task',
  );
  await county.goto('/tip-offs');
  const form = `form-outcome-${receiptNo}`;
  await county.selectOption(`#${form} select[name="status"]`, 'SUBSTANTIATED');
  await county.fill(`#${form} textarea[name="outcomeText"]`, '经核查，反映情况属实，已启动复核。');
  await county.fill(`#${form} textarea[name="findings"]`, '该户 2026 年购入小汽车一辆。');
  await county.selectOption(`#${form} select[name="consequence"]`, 'REVIEW');
  await submitForm(county, form);
  expect(await county.locator(`tr[data-receipt="${receiptNo}"]`).textContent()).toContain('属实');
  expect(await county.locator(`tr[data-receipt="${receiptNo}"]`).textContent()).toContain('启动复核');
  await waitFor(
    async () => (await enrolment.eventsOf('reviewRequested')).length > 0,
    'the review on the case',
  );

  // 监督: the dashboard's check figures for 大理市.
  const supervisor = await web.signIn('jiandu.dali');
  await supervisor.goto('/dashboard');
  const cells = await supervisor.locator('#checks-table tr[data-county="532901"] td').allTextContents();
  // 县, 季度, 抽中, 已核查, 超期, 无问题, 复核, 退出, 已退出, 收到, 已核查, 属实, 属实后复核, 属实后退出
  expect(cells.slice(2)).toEqual(['1', '1', '0', '1', '0', '0', '0', '1', '1', '1', '1', '0']);
  await web.snap(supervisor, 'dashboard-checks');
}, 300_000);
