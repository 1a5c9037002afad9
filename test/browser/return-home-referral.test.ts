import bcrypt from 'bcryptjs';
import { DEMO_PASSWORD } from '../../prisma/seed/seed';
import { useConsoleBrowser } from '../support/browser';
import { submitForm } from '../support/console-forms';
import { idNumber, waitFor } from '../support/fixtures';
import { ReferralDriver } from '../support/referral-driver';
import { admit, unknownAdult } from '../support/vagrant-driver';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const web = useConsoleBrowser(harness);

/** An officer of 苍山西镇 (漾濞), the township the person is ticketed home to. */
const OFFICER = 'xiang.cangshanxi.web';

describe('返乡转介 in the staff console, in a real browser', () => {
  test('the township officer finds the referral in the inbox, accepts it and opens a 临时救助 case for the person', async () => {
    await harness.db.staffUser.create({
      data: {
        username: OFFICER,
        displayName: '苍山西镇经办',
        role: 'TOWNSHIP_OFFICER',
        unitId: '532922001',
        passwordHash: await bcrypt.hash(DEMO_PASSWORD, 4),
      },
    });
    const c = await admit(
      harness.env,
      harness.db,
      unknownAdult({
        name: '罗志刚',
        idNumber: idNumber('1975-06-21', 541, '532922'),
        sex: undefined,
        apparentAge: undefined,
        homeKnown: true,
        homeAddress: '漾濞彝族自治县苍山西镇光明村',
      }),
    );
    await c.decide('vagrantExit', 'xian.dali', {
      way: 'ticketHome',
      destination: '漾濞彝族自治县苍山西镇',
      ticket: '客运班车 K102',
      homeTownshipId: '532922001',
    });
    await c.completed();
    const [referral] = await ReferralDriver.ofCase(c, 1);
    await referral!.reach('SENT');
    const { referralNo } = referral!;

    const page = await web.signIn(OFFICER);
    await page.goto('/referrals');
    await Promise.all([page.waitForURL(`**/referrals/${referralNo}`), page.click(`text=${referralNo}`)]);
    expect(await page.locator('#return-home-person').textContent()).toContain('罗志刚');
    await page.fill('#form-accept input[name="handler"]', '苍山西镇民政所杨某');
    await web.snap(page, 'return-home-referral-accept');
    await submitForm(page, 'form-accept');
    await referral!.reach('ACCEPTED');

    await waitFor(async () => {
      await page.goto(`/referrals/${referralNo}`);
      return (await page.locator('#form-complete-caseOpened-temporary').count()) > 0;
    }, 'the completion forms');
    const form = '#form-complete-caseOpened-temporary';
    await page.selectOption(`${form} select[name="villageId"]`, '532922001002');
    await page.fill(`${form} input[name="address"]`, '漾濞彝族自治县苍山西镇光明村三组');
    await page.selectOption(`${form} select[name="labourCapacity"]`, 'PARTIAL');
    await page.selectOption(`${form} select[name="temporary.path"]`, 'urgent');
    await page.selectOption(`${form} select[name="temporary.cause"]`, 'suddenAccident');
    await page.fill(`${form} textarea[name="temporary.circumstances"]`, '流浪返乡，无住所无收入');
    await web.snap(page, 'return-home-referral-open-case');
    await submitForm(page, 'form-complete-caseOpened-temporary');

    const done = await referral!.reach('COMPLETED');
    const { caseNo } = done.outcome as { caseNo: string };
    await page.goto(`/referrals/${referralNo}`);
    expect(await page.locator('#opened-case').textContent()).toContain(caseNo);
    await Promise.all([page.waitForURL(`**/cases/${caseNo}`), page.click(`#opened-case a`)]);
    const body = await page.locator('body').textContent();
    expect(body).toContain('罗志刚');
    expect(body).toContain('由返乡转介开立');
    expect(body).toContain(referralNo);
    await web.snap(page, 'return-home-referral-new-case');
  });
});
