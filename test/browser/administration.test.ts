import type { Page } from 'playwright-core';
import { loadCountyRules } from '../../activities/county-rules';
import { useConsoleBrowser } from '../support/browser';
import { waitFor } from '../support/fixtures';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const web = useConsoleBrowser(harness);

const NEW_USER = {
  username: 'cun.shacun',
  displayName: '李沙村协理员',
  email: 'cun.shacun@staff.jiuzhu.local',
};
const NEW_PASSWORD = 'shacun-erhai-2026';

/** Submits a console form and waits for the page the script loads once the API has answered. */
async function submit(page: Page, formId: string) {
  await Promise.all([page.waitForEvent('load'), page.click(`#${formId} button[type="submit"]`)]);
}

/** Submits a console form the API refuses, and answers the problems shown beside its fields. */
async function refused(page: Page, formId: string): Promise<string[]> {
  await page.click(`#${formId} button[type="submit"]`);
  await page.locator(`#${formId} .field-error`).first().waitFor();
  return page.locator(`#${formId} .field-error`).allTextContents();
}

async function mailedLink(address: string, nth = 0): Promise<string> {
  const mail = await waitFor(async () => harness.inbox.to(address)[nth], `mail to ${address}`);
  const link = mail.text.match(/http:\/\/\S+\/password-reset\/[A-Za-z0-9_-]{43}/);
  if (!link) throw new Error(`no link in ${mail.text}`);
  return link[0];
}

/** A fresh browser, as the mail's reader: opens the link and sets the password. */
async function setPasswordThroughLink(link: string, password: string): Promise<Page> {
  const context = await web.browser.newContext({ baseURL: web.baseUrl, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(link);
  await page.fill('input[name="newPassword"]', password);
  await page.fill('input[name="confirmPassword"]', password);
  await Promise.all([page.waitForEvent('load'), page.click('#password-reset button[type="submit"]')]);
  return page;
}

async function signInAs(page: Page, username: string, password: string) {
  await page.goto('/login');
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', password);
  await Promise.all([page.waitForEvent('load'), page.click('button[type="submit"]')]);
}

describe('administration in a real browser', () => {
  test('组织机构: the administrator adds a village under 喜洲镇 and renames it', async () => {
    const page = await web.signIn('admin');
    await page.goto('/org-units');
    expect(await page.locator('#unit-tree li[data-unit="532901003001"] > a').textContent()).toBe('喜洲村');
    await web.snap(page, 'org-units');
    await page.goto('/org-units/532901003');
    await page.fill('#form-new-village input[name="id"]', '532901002009');
    await page.fill('#form-new-village input[name="name"]', '沙村');
    expect(await refused(page, 'form-new-village')).toEqual([
      '编码应以所属乡镇的编码 532901003 开头，再加 3 位数字',
    ]);
    await page.fill('#form-new-village input[name="id"]', '532901003009');
    await Promise.all([
      page.waitForURL(/\/org-units\/532901003009\?created=1$/),
      page.click('#form-new-village button'),
    ]);
    await page.fill('#form-rename-unit input[name="name"]', '沙村村委会');
    await page.fill('#form-rename-unit textarea[name="reason"]', '按县民政局批复更名');
    await submit(page, 'form-rename-unit');
    expect(await page.locator('h1').textContent()).toContain('沙村村委会');
    expect(await page.locator('#form-delete-unit').count()).toBe(1);
    await web.snap(page, 'org-unit');
  });

  test('账号管理: an account is created, its user sets a password by the mailed link and signs in; disabled, refused at once', async () => {
    const admin = await web.signIn('admin');
    await admin.goto('/accounts');
    await admin.fill('#form-new-account input[name="username"]', 'Sha Cun');
    await admin.fill('#form-new-account input[name="displayName"]', NEW_USER.displayName);
    await admin.selectOption('#form-new-account select[name="role"]', 'TOWNSHIP_OFFICER');
    await admin.selectOption('#form-new-account select[name="unitId"]', '532901003009');
    await admin.fill('#form-new-account input[name="email"]', NEW_USER.email);
    expect(await refused(admin, 'form-new-account')).toEqual([
      '用户名为 3–40 个小写字母、数字或 . _ -，以字母开头',
    ]);
    await admin.fill('#form-new-account input[name="username"]', NEW_USER.username);
    expect(await refused(admin, 'form-new-account')).toEqual([
      '「乡镇经办」只能设在乡镇（街道），不能设在村（社区）',
    ]);
    await admin.selectOption('#form-new-account select[name="role"]', 'VILLAGE_ASSISTANT');
    await Promise.all([
      admin.waitForURL(/\/accounts\/[0-9a-f-]{36}$/),
      admin.click('#form-new-account button'),
    ]);
    expect(await admin.locator('#account-facts').textContent()).toContain('沙村村委会');
    await web.snap(admin, 'account');

    const link = await mailedLink(NEW_USER.email);
    const user = await setPasswordThroughLink(link, NEW_PASSWORD);
    expect(await user.locator('#password-set').textContent()).toContain('密码已设置');
    await web.snap(user, 'password-set');
    await user.goto(link);
    expect(await user.locator('#link-invalid').count()).toBe(1);
    await signInAs(user, NEW_USER.username, NEW_PASSWORD);
    expect(new URL(user.url()).pathname).toBe('/tasks');

    // Moved to 周城村; the user's next page shows the new unit.
    await admin.selectOption('#form-update-account select[name="unitId"]', '532901003002');
    await submit(admin, 'form-update-account');
    await user.goto('/tasks');
    expect(await user.locator('header .who').textContent()).toContain('周城村');

    await admin.fill('#form-account-status textarea[name="reason"]', '调离岗位');
    await submit(admin, 'form-account-status');
    expect(await admin.locator('#account-disabled').count()).toBe(1);
    expect(await admin.locator('#account-history').textContent()).toContain('调离岗位');
    await user.goto('/tasks');
    expect(new URL(user.url()).pathname).toBe('/login');
    await user.context().close();
  });

  test('重设密码 and 修改密码: a reset link by mail; a user changes the own password with the current one', async () => {
    const admin = await web.signIn('admin');
    const approver = await harness.db.staffUser.findUniqueOrThrow({ where: { username: 'bumen.sifa.dali' } });
    await admin.goto(`/accounts/${approver.id}`);
    await Promise.all([admin.waitForURL(/\?sent=1$/), admin.click('#form-password-link button')]);
    expect(await admin.locator('#link-sent').textContent()).toContain(approver.email!);
    const reset = await setPasswordThroughLink(await mailedLink(approver.email!), 'dali-county-2026');
    expect(await reset.locator('#password-set').count()).toBe(1);
    await reset.context().close();

    const page = await web.signIn('jiandu.dali');
    await page.goto('/account/password');
    await page.fill('input[name="currentPassword"]', 'not-my-password');
    await page.fill('input[name="newPassword"]', 'cangshan-snow-26');
    expect(await refused(page, 'form-own-password')).toEqual(['当前密码不正确']);
    await page.fill('input[name="currentPassword"]', 'jiuzhu-dev-2026');
    await submit(page, 'form-own-password');
    expect(await page.locator('#password-changed').count()).toBe(1);
    await web.snap(page, 'own-password');
  });

  test('节假日: a file with bad rows is refused row by row; a good one replaces the year', async () => {
    const page = await web.signIn('admin');
    await page.goto('/calendar?year=2027');
    expect(await page.locator('#calendar-days').textContent()).toContain('2027 年尚未录入节假日');
    const upload = (text: string) =>
      page.setInputFiles('#form-import-calendar input[name="csv"]', {
        name: '2027.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(text),
      });
    await upload(
      'date,kind,name\n2027-01-01,HOLIDAY,元旦\n2027-02-30,HOLIDAY,春节\n2027-02-10,WORKDAY,春节调休\n',
    );
    expect(await refused(page, 'form-import-calendar')).toEqual([
      '第 3 行 date 列：「2027-02-30」不是有效日期，格式应为 YYYY-MM-DD',
      '第 4 行 kind 列：2027-02-10 是周三，本来就上班；调休上班日（WORKDAY）应为周六或周日',
    ]);
    await web.snap(page, 'calendar-import-refused');
    expect(
      await harness.db.calendarDay.count({ where: { date: { gte: new Date('2027-01-01T00:00:00Z') } } }),
    ).toBe(0);

    await upload(
      'date,kind,name\n2027-01-01,HOLIDAY,元旦\n2027-02-06,WORKDAY,春节调休\n2027-02-08,HOLIDAY,春节\n',
    );
    await submit(page, 'form-import-calendar');
    expect(await page.locator('#calendar-days tbody tr').count()).toBe(3);
    await page.fill('#form-edit-day input[name="date"]', '2027-02-09');
    await page.selectOption('#form-edit-day select[name="kind"]', 'HOLIDAY');
    await page.fill('#form-edit-day input[name="name"]', '春节');
    await submit(page, 'form-edit-day');
    expect(await page.locator('#calendar-days tr[data-date="2027-02-09"]').textContent()).toContain('放假');
    await web.snap(page, 'calendar');
  });

  test('县级政策: the county approver changes figures with a reason; a bad figure is named beside its field', async () => {
    const page = await web.signIn('xian.dali');
    await page.goto('/county-policy');
    expect(await page.locator('h1').textContent()).toContain('大理市');
    const field = (path: string) => `#form-policy [data-path="${path}"]`;
    await page.fill(`${field('stepLimits.acceptance')} input[name$=".days"]`, '5');
    await page.fill(`${field('appraisal.quorum')} input[name$=".numerator"]`, '4');
    await page.selectOption(`${field('classifiedAddOns.rates.elderly')} select`, 'fixed');
    await page.fill(`${field('classifiedAddOns.rates.elderly')} input[name$=".yuan"]`, '60');
    await page.selectOption(`${field('classifiedAddOns.rates.minor')} select`, '');
    await page.check(`${field('incomeNotCounted')} input[value="wages"]`);
    await page.fill('#form-policy textarea[name="reason"]', '县人民政府 2026 年第 12 号文件');
    expect(await refused(page, 'form-policy')).toEqual(['比例不能大于 1 (a share cannot exceed 1)']);
    await web.snap(page, 'county-policy-refused');
    await page.fill(`${field('appraisal.quorum')} input[name$=".numerator"]`, '2');
    await Promise.all([page.waitForURL(/changed=1$/), page.click('#form-policy button[type="submit"]')]);
    expect(await page.locator('#policy-saved').count()).toBe(1);
    const history = await page.locator('#policy-history tbody tr').first().textContent();
    expect(history).toContain('受理：3 个工作日 → 5 个工作日');
    expect(history).toContain('老年人：保障标准的 10% → 每月 60 元');
    expect(history).toContain('未成年人：保障标准的 10% → 不发放');
    expect(history).toContain('县人民政府 2026 年第 12 号文件');
    const { policy } = await loadCountyRules(harness.db, '532901');
    expect(policy.stepLimits.acceptance.days).toBe(5);
    expect(policy.classifiedAddOns.rates.minor).toBeNull();
    expect(policy.incomeNotCounted).toContain('wages');
    expect(await page.locator(`${field('stepLimits.acceptance')} input[name$=".days"]`).inputValue()).toBe(
      '5',
    );
    await web.snap(page, 'county-policy');

    // The prefecture's supervisor reads it, and changes nothing.
    const supervisor = await web.signIn('jiandu.zhou');
    await supervisor.goto('/county-policy?countyId=532901');
    expect(await supervisor.locator('#form-policy button[type="submit"]').count()).toBe(0);
    expect(
      await supervisor.locator(`${field('stepLimits.acceptance')} input[name$=".days"]`).isDisabled(),
    ).toBe(true);
  });
});
