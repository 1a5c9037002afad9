import type { Page } from 'playwright-core';
import { useConsoleBrowser } from '../support/browser';
import { openCaseForm, submitForm } from '../support/console-forms';
import { idNumber, waitFor } from '../support/fixtures';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const web = useConsoleBrowser(harness);

const caseRow = (caseNo: string) => harness.db.case.findUniqueOrThrow({ where: { caseNo } });

/** Fills the household part of the application form with one person, the applicant. */
async function fillApplicant(page: Page, address: string, person: { name: string; idNumber: string }) {
  await page.fill('input[name="address"]', address);
  await page.check('input[name="dataCheckAuthorisationSigned"]');
  await page.fill('input[name="members.0.name"]', person.name);
  await page.fill('input[name="members.0.idNumber"]', person.idNumber);
}

async function fileThroughForm(page: Page, prefix: string): Promise<string> {
  await Promise.all([
    page.waitForURL(new RegExp(`/cases/${prefix}-`)),
    page.click('#application button[type="submit"]'),
  ]);
  return page.url().split('/cases/')[1]!;
}

describe('医疗救助 and 临时救助 in the staff console, in a real browser', () => {
  test('a medical claim filed through the form, checked by the township and approved by the county', async () => {
    const village = await web.signIn('cun.xizhou');
    await village.goto('/applications/new?programme=MEDICAL');
    expect(await village.locator('h1').textContent()).toBe('医疗救助申请');
    await fillApplicant(village, '大理市喜洲镇喜洲村委会二社9号', {
      name: '何桂英',
      idNumber: idNumber('1962-03-18', 81),
    });
    await village.selectOption('select[name="members.0.health"]', 'SERIOUS_ILLNESS');
    const caseNo = await fileThroughForm(village, 'YL');
    expect(await village.locator('h1').textContent()).toContain(caseNo);

    const township = await web.signIn('xiang.xizhou');
    await openCaseForm(township, caseNo, 'form-medicalCheck');
    const check = '#form-medicalCheck';
    await township.selectOption(`${check} select[name="submittedBy"]`, 'hospital');
    // Enrolled nowhere: the township's category stands (低收入, deductible 2 000, 60 %).
    await township.selectOption(`${check} select[name="category"]`, 'lowIncome');
    await township.fill(`${check} input[name="diagnosis"]`, '脑梗死');
    await township.fill(`${check} input[name="bills.hospital"]`, '大理州人民医院');
    await township.fill(`${check} input[name="bills.totalYuan"]`, '30000');
    await township.fill(`${check} input[name="bills.insurerPaidYuan"]`, '20000');
    await township.fill(`${check} input[name="bills.selfPaidYuan"]`, '10000');
    await web.snap(township, 'medical-check');
    await submitForm(township, 'form-medicalCheck');
    await waitFor(async () => (await caseRow(caseNo)).currentStep === 'medicalApproval', '县级审批');

    const county = await web.signIn('xian.dali');
    await openCaseForm(county, caseNo, 'form-medicalApproval');
    await submitForm(county, 'form-medicalApproval');
    const closed = await waitFor(async () => {
      const row = await caseRow(caseNo);
      return row.closedAt && row;
    }, 'the claim decided');
    // (10 000 − 2 000 deductible) × 60 % = 4 800 yuan, on the month's roster.
    const payments = await harness.db.benefitPayment.findMany({ where: { caseId: closed.id } });
    expect(payments.map((p) => Number(p.amountYuan))).toEqual([4800]);
    await county.goto(`/cases/${caseNo}`);
    await web.snap(county, 'medical-approved');
    expect(await county.locator('#form-medicalApproval').count()).toBe(0);
  });

  test('an urgent 临时救助 case: filed, granted at once by the township, investigated and confirmed by the county', async () => {
    const village = await web.signIn('cun.xizhou');
    await village.goto('/applications/new?programme=TEMPORARY');
    expect(await village.locator('h1').textContent()).toBe('临时救助申请');
    await village.selectOption('select[name="temporary.path"]', 'urgent');
    await village.selectOption('select[name="temporary.cause"]', 'fire');
    await village.fill('textarea[name="temporary.circumstances"]', '住房失火，衣物口粮被毁');
    await fillApplicant(village, '大理市喜洲镇喜洲村委会四社12号', {
      name: '李明山',
      idNumber: idNumber('1970-05-06', 83),
    });
    await web.snap(village, 'temporary-application-form');
    const caseNo = await fileThroughForm(village, 'LS');

    const township = await web.signIn('xiang.xizhou');
    await openCaseForm(township, caseNo, 'form-temporaryUrgentGrant');
    const grant = '#form-temporaryUrgentGrant';
    await township.fill(`${grant} input[name="amountYuan"]`, '2000');
    await township.fill(`${grant} textarea[name="reasons"]`, '火灾后无处安身，先行发放生活救助金');
    await submitForm(township, 'form-temporaryUrgentGrant');

    await openCaseForm(township, caseNo, 'form-temporaryInvestigation');
    const inv = '#form-temporaryInvestigation';
    await township.fill(`${inv} input[name="homeVisit.visitedOn"]`, '2026-11-30');
    await township.fill(`${inv} textarea[name="homeVisit.visitors"]`, '赵乡镇经办\n杨村协理员');
    await township.check(`${inv} input[name="homeVisit.signedByVisitorsAndApplicant"]`);
    await township.fill(`${inv} textarea[name="findings"]`, '住房主体烧毁，情况属实');
    await submitForm(township, 'form-temporaryInvestigation');

    const county = await web.signIn('xian.dali');
    await openCaseForm(county, caseNo, 'form-countyApproval');
    await county.check('#form-countyApproval input[name="decision"][value="confirm"]');
    await web.snap(county, 'temporary-confirm');
    await submitForm(county, 'form-countyApproval');
    await waitFor(async () => (await caseRow(caseNo)).status === 'GRANTED', '已给予救助');
    const row = await caseRow(caseNo);
    const payments = await harness.db.benefitPayment.findMany({ where: { caseId: row.id } });
    expect(payments.map((p) => Number(p.amountYuan))).toEqual([2000]);
    await county.goto(`/cases/${caseNo}`);
    expect(await county.locator('h1 .badge').textContent()).toBe('已给予救助');
  });
});
