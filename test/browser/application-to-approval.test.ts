import type { Page } from 'playwright-core';
import { CaseDriver, NOTICE_DAYS_MS } from '../support/case-driver';
import { idNumber, waitFor } from '../support/fixtures';
import { useConsoleBrowser } from '../support/browser';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const web = useConsoleBrowser(harness);

/** Submits the console form `#id` and waits for the page it leads to. */
/** Submits a form and waits for the page the console's script loads once the API has answered. */
async function submit(page: Page, formId: string) {
  await Promise.all([page.waitForEvent('load'), page.click(`#${formId} button[type="submit"]`)]);
}

async function openCase(page: Page, caseNo: string, formId: string) {
  await waitFor(async () => {
    await page.goto(`/cases/${caseNo}`);
    return (await page.locator(`#${formId}`).count()) > 0;
  }, `form ${formId} on ${caseNo}`);
}

describe('the staff console in a real browser', () => {
  let caseNo = '';

  test('a village assistant files an application; a bad ID number is shown beside its field', async () => {
    const page = await web.signIn('cun.xizhou');
    await page.goto('/tasks');
    await web.snap(page, 'tasks');
    await page.goto('/applications/new');
    await page.fill('input[name="address"]', '大理市喜洲镇喜洲村委会三社12号');
    await page.check('input[name="dataCheckAuthorisationSigned"]');
    await page.fill('input[name="members.0.name"]', '杨秀英');
    await page.fill('input[name="members.0.idNumber"]', '532901197503140249');
    await page.selectOption('select[name="members.0.labourCapacity"]', 'PARTIAL');
    await page.fill('input[name="members.1.name"]', '赵小梅');
    await page.fill('input[name="members.1.idNumber"]', idNumber('2012-09-30', 42));
    await page.selectOption('select[name="members.1.relation"]', 'CHILD');
    await page.selectOption('select[name="members.1.labourCapacity"]', 'NONE');
    await page.selectOption('select[name="members.1.inSchool"]', 'juniorSecondary');
    await page.click('#application button[type="submit"]');
    const note = page.locator('input[name="members.0.idNumber"] + .field-error');
    await note.waitFor();
    expect(await note.textContent()).toContain('校验位');
    await web.snap(page, 'application-form');
    expect(await harness.db.case.count()).toBe(0);

    await page.fill('input[name="members.0.idNumber"]', idNumber('1975-03-14', 24));
    await Promise.all([page.waitForURL(/\/cases\/DB-/), page.click('#application button[type="submit"]')]);
    caseNo = page.url().split('/cases/')[1]!;
    expect(await page.locator('h1').textContent()).toContain(caseNo);
    // ID numbers masked on the page until someone asks, and the asking is logged.
    const members = await page.locator('#members').textContent();
    expect(members).not.toContain(idNumber('1975-03-14', 24));
    await page.locator('#members button[data-reveal]').first().click();
    await page.locator('#members', { hasText: idNumber('1975-03-14', 24) }).waitFor();
    expect(
      await harness.db.auditEntry.count({ where: { action: 'revealIdNumber', username: 'cun.xizhou' } }),
    ).toBe(1);
  });

  test('the township accepts, investigates and reviews; the village appraises; the notice board shows it masked', async () => {
    const township = await web.signIn('xiang.xizhou');
    await waitFor(async () => {
      await township.goto('/tasks');
      return (await township.locator('#tasks', { hasText: caseNo }).count()) > 0;
    }, 'the case among the township tasks');
    await openCase(township, caseNo, 'form-acceptance');
    await web.snap(township, 'case-acceptance');
    await submit(township, 'form-acceptance');

    await openCase(township, caseNo, 'form-investigation');
    await township.fill('input[name="homeVisit.visitedOn"]', '2026-11-30');
    await township.fill('textarea[name="homeVisit.visitors"]', '赵乡镇经办\n段社工');
    await township.check('input[name="homeVisit.signedByVisitorsAndApplicant"]');
    await township.fill('input[name="incomes.0.amountYuan"]', '300');
    await township.fill('input[name="dataCheck.reportNo"]', 'HD-2026-1130-017');
    await web.snap(township, 'case-investigation');
    await submit(township, 'form-investigation');

    const village = await web.signIn('cun.xizhou');
    await openCase(village, caseNo, 'form-appraisal');
    await village.fill('input[name="heldOn"]', '2026-12-03');
    await village.fill('input[name="representativesTotal"]', '12');
    await village.fill('input[name="present"]', '10');
    await village.fill('input[name="votesFor"]', '9');
    await village.fill('input[name="votesAgainst"]', '1');
    await village.fill('textarea[name="minutes"]', '村民代表会议评议，多数认为符合条件');
    await submit(village, 'form-appraisal');

    await openCase(township, caseNo, 'form-townshipReview');
    await submit(township, 'form-townshipReview');
    await waitFor(
      async () => (await harness.db.case.findUniqueOrThrow({ where: { caseNo } })).status === 'ON_NOTICE',
      'notice',
    );

    await village.goto('/villages/532901003001/notice-board');
    const board = await village.locator('#notices').textContent();
    expect(board).toContain('杨*英');
    expect(board).not.toContain('杨秀英');
    expect(board).not.toContain(idNumber('1975-03-14', 24));
    await web.snap(village, 'notice-board');
  });

  test('after the notice the county approves, and the household’s approval letter opens', async () => {
    await harness.env.sleep(NOTICE_DAYS_MS);
    const county = await web.signIn('xian.dali');
    await openCase(county, caseNo, 'form-countyApproval');
    await web.snap(county, 'case-county-approval');
    await submit(county, 'form-countyApproval');
    await waitFor(
      async () => (await harness.db.letter.count({ where: { kind: 'approval' } })) === 1,
      'the approval letter',
    );
    await county.goto(`/cases/${caseNo}`);
    await web.snap(county, 'case');
    const link = county.locator('#letters a', { hasText: '最低生活保障批准通知书' });
    const [letter] = await Promise.all([county.context().waitForEvent('page'), link.click()]);
    await letter.waitForLoadState();
    expect(await letter.locator('h1').textContent()).toBe('最低生活保障批准通知书');
    await web.snap(letter, 'letter');
  });

  test('the township confirms a referral proposal; the education bureau accepts and completes it', async () => {
    const proposal = await waitFor(
      () => harness.db.referral.findFirst({ where: { kind: 'compulsoryEducationAid', status: 'PROPOSED' } }),
      'the education proposal',
    );
    const township = await web.signIn('xiang.xizhou');
    await township.goto(`/referrals/${proposal.referralNo}`);
    await submit(township, 'form-confirm');
    await waitFor(
      async () =>
        (await harness.db.referral.findUniqueOrThrow({ where: { id: proposal.id } })).status === 'SENT',
      'sent',
    );

    const bureau = await web.signIn('bumen.jiaoyu.dali');
    expect(new URL(bureau.url()).pathname).toBe('/referrals');
    await bureau.locator('table', { hasText: proposal.referralNo }).waitFor();
    await web.snap(bureau, 'referral-inbox');
    await Promise.all([
      bureau.waitForURL(/\/referrals\/DB-/),
      bureau.click(`a:text("${proposal.referralNo}")`),
    ]);
    await bureau.fill('#form-accept input[name="handler"]', '段老师');
    await submit(bureau, 'form-accept');
    await bureau.locator('#form-complete-served').waitFor();
    await bureau.fill(
      '#form-complete-served input[name="service"]',
      '免除学杂费、教科书费，发放寄宿生生活补助',
    );
    await bureau.fill('#form-complete-served input[name="amountYuan"]', '1250');
    await submit(bureau, 'form-complete-served');
    await waitFor(
      async () =>
        (await harness.db.referral.findUniqueOrThrow({ where: { id: proposal.id } })).status === 'COMPLETED',
      'completed',
    );
    // The form leads back to the referral's page, which now shows the outcome.
    await bureau.locator('h1', { hasText: '已办结' }).waitFor();
    await web.snap(bureau, 'referral');
  });

  test('a supervisor sees a case overdue once its deadline has passed', async () => {
    const late = await CaseDriver.file(harness.env, harness.db);
    await late.accept();
    const opened = await late.reach('investigation');
    await late.passTime(new Date(opened.dueAt!).getTime() - (await harness.env.currentTimeMs()) + 3600_000);
    await waitFor(async () => (await late.row()).overdue, 'the investigation overdue');
    const { caseNo: lateNo } = await late.row();

    const supervisor = await web.signIn('jiandu.dali');
    expect(new URL(supervisor.url()).pathname).toBe('/dashboard');
    expect(await supervisor.locator('main').textContent()).toContain('家庭经济状况调查核对');
    await web.snap(supervisor, 'dashboard');
    await supervisor.goto('/dashboard/cases?overdue=true');
    await supervisor.locator('table', { hasText: lateNo }).waitFor();
    await web.snap(supervisor, 'dashboard-cases');
    await late.discard();
  });
});
