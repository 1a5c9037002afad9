import { caseApplicationSchema } from '../../api/schemas/case-application';
import { CaseDriver, NOTICE_DAYS_MS } from '../support/case-driver';
import { dibaoApplication, idNumber, waitFor, XIZHOU_VILLAGE } from '../support/fixtures';
import { useConsoleBrowser } from '../support/browser';
import { openCaseForm, submitForm } from '../support/console-forms';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const web = useConsoleBrowser(harness);

const PERSON = { name: '段秀珍', idNumber: idNumber('1946-08-15', 72) };

const caseRow = (caseNo: string) => harness.db.case.findUniqueOrThrow({ where: { caseNo } });

describe('a 特困 case in the staff console, in a real browser', () => {
  let caseNo = '';
  /** Her family's 低保 application, not accepted: one person holds one open case of the two (查重). */
  let dibaoNo = '';

  test('found by the village, filed through the form; the township accepts and investigates; the board shows it masked', async () => {
    const dibao = await CaseDriver.file(
      harness.env,
      harness.db,
      dibaoApplication({
        members: [
          ...dibaoApplication().members,
          { ...PERSON, relation: 'PARENT', labourCapacity: 'NONE', health: 'CHRONIC', livesTogether: true },
        ],
      }),
    );
    await dibao.decide('acceptance', 'xiang.xizhou', {
      decision: 'reject',
      reasons: '段秀珍无劳动能力、无收入、无赡养人，告知申请特困人员救助供养',
    });
    await waitFor(async () => (await dibao.row()).closedAt, 'the 低保 case closed');
    dibaoNo = (await dibao.row()).caseNo;

    const village = await web.signIn('cun.xizhou');
    await village.goto('/applications/new');
    // 主动发现 is 特困's channel only.
    expect(await village.locator('select[name="channel"] option').allTextContents()).not.toContain(
      '村（居）委会主动发现',
    );
    await Promise.all([
      village.waitForURL(/programme=TEKUN/),
      village.click('#programme-choice a:text("特困人员救助供养")'),
    ]);
    expect(await village.locator('h1').textContent()).toBe('特困人员救助供养申请');
    expect(await village.locator('select[name="channel"] option').allTextContents()).toEqual([
      '本人申请',
      '委托代办',
      '村（居）委会主动发现',
    ]);
    await village.selectOption('select[name="channel"]', 'villageInitiative');
    await village.fill('input[name="address"]', '大理市喜洲镇喜洲村委会五社3号');
    await village.check('input[name="dataCheckAuthorisationSigned"]');
    await village.fill('input[name="members.0.name"]', PERSON.name);
    await village.fill('input[name="members.0.idNumber"]', PERSON.idNumber);
    await village.selectOption('select[name="members.0.labourCapacity"]', 'NONE');
    await village.selectOption('select[name="members.0.health"]', 'CHRONIC');
    await web.snap(village, 'tekun-application-form');
    await Promise.all([
      village.waitForURL(/\/cases\/TK-/),
      village.click('#application button[type="submit"]'),
    ]);
    caseNo = village.url().split('/cases/')[1]!;
    expect(await village.locator('h1').textContent()).toContain(caseNo);
    const received = await harness.db.caseEvent.findFirstOrThrow({
      where: { case: { caseNo }, type: 'applicationReceived' },
    });
    expect(received.payload).toMatchObject({ channel: 'villageInitiative' });

    const township = await web.signIn('xiang.xizhou');
    await openCaseForm(township, caseNo, 'form-acceptance');
    await submitForm(township, 'form-acceptance');

    await openCaseForm(township, caseNo, 'form-tekunInvestigation');
    const form = '#form-tekunInvestigation';
    await township.fill(`${form} input[name="homeVisit.visitedOn"]`, '2026-11-30');
    await township.fill(`${form} textarea[name="homeVisit.visitors"]`, '赵乡镇经办\n段社工');
    await township.check(`${form} input[name="homeVisit.signedByVisitorsAndApplicant"]`);
    await township.fill(`${form} input[name="assets.depositsYuan"]`, '800');
    // One supporter row filled; the blank rows are left out.
    await township.fill(`${form} input[name="supporters.0.name"]`, '段志强');
    await township.selectOption(`${form} select[name="supporters.0.relation"]`, 'child');
    await township.selectOption(`${form} select[name="supporters.0.ability"]`, 'unable');
    await township.selectOption(`${form} select[name="supporters.0.unableReason"]`, 'severelyDisabled');
    // Two of the six daily-living items she cannot do: partial loss of self-care.
    await township.check(`${form} input[name="careAssessment.items.bathing"][value="unable"]`);
    await township.check(`${form} input[name="careAssessment.items.walkingIndoors"][value="unable"]`);
    await township.fill(`${form} input[name="careAssessment.assessedOn"]`, '2026-11-30');
    await township.fill(`${form} textarea[name="careAssessment.assessors"]`, '赵乡镇经办\n何医生');
    await township.check(`${form} input[name="supportMode.mode"][value="centralised"]`);
    await township.selectOption(`${form} select[name="supportMode.preferredHomeId"]`, '532901003-JLY');
    await web.snap(township, 'tekun-investigation');
    await submitForm(township, 'form-tekunInvestigation');
    await waitFor(async () => (await caseRow(caseNo)).status === 'ON_NOTICE', 'the notice');

    await township.goto(`/cases/${caseNo}`);
    expect(await township.locator('h1 .badge').textContent()).toBe('公示中');
    expect(await township.locator('#care-level').textContent()).toBe('部分丧失生活自理能力');
    expect(await township.locator('#amount-breakdown').textContent()).toBe(
      '基本生活 728 元 + 照料护理 300 元 = 1028 元/月',
    );
    expect(await township.locator('#support-mode').textContent()).toBe('集中供养');
    expect(await township.locator('#care-home').textContent()).toContain('喜洲镇敬老院');
    expect(await township.locator('#tekun-investigation').textContent()).toContain('子女');

    // A disabled minor qualifies on the disability, so the workflow may post a notice (see the
    // report on workflows/tekun-application.ts); the board never shows a 特困 minor.
    const minor = await CaseDriver.file(
      harness.env,
      harness.db,
      caseApplicationSchema.parse({
        programme: 'TEKUN',
        villageId: XIZHOU_VILLAGE,
        address: '大理市喜洲镇喜洲村委会七社8号',
        channel: 'villageInitiative',
        dataCheckAuthorisationSigned: true,
        members: [
          {
            name: '段小军',
            idNumber: idNumber(`${new Date().getFullYear() - 16}-01-15`, 35),
            relation: 'APPLICANT',
            labourCapacity: 'NONE',
            health: 'HEALTHY',
            disabilityGrade: 1,
            disabilityKind: 'physical',
          },
        ],
      }),
    );
    await minor.accept();
    await minor.reach('tekunInvestigation');
    await minor.decide('tekunInvestigation', 'xiang.xizhou', {
      homeVisit: {
        visitedOn: '2026-11-30',
        visitors: ['赵乡镇经办', '段社工'],
        signedByVisitorsAndApplicant: true,
      },
      ownIncomeMonthlyYuan: 0,
      assets: { depositsYuan: 0, vehicles: 0, homes: 0 },
      supporters: [],
      careAssessment: {
        items: {
          eating: 'able',
          dressing: 'able',
          bed: 'able',
          toileting: 'able',
          walkingIndoors: 'unable',
          bathing: 'able',
        },
        assessedOn: '2026-11-30',
        assessors: ['赵乡镇经办', '何医生'],
      },
      supportMode: { mode: 'centralised' },
    });
    await waitFor(async () => {
      const { currentStep } = await minor.view();
      return currentStep === 'publicNotice' || currentStep === 'countyApproval';
    }, 'the minor past the investigation');

    await village.goto(`/villages/${XIZHOU_VILLAGE}/notice-board`);
    const board = await village.locator('#notices').textContent();
    expect(board).toContain('段*珍');
    expect(board).toContain('特困人员救助供养');
    expect(board).toContain('1028');
    expect(board).not.toContain(PERSON.name);
    expect(board).not.toContain(PERSON.idNumber);
    expect(board).not.toContain('未成年人');
    expect(await village.locator('#notices tbody tr').count()).toBe(1);
    await web.snap(village, 'tekun-notice-board');
    await minor.discard();
  });

  test('after the notice the county confirms: 特困供养中 with the amount and the bed; her other case is listed beside it', async () => {
    await harness.env.sleep(NOTICE_DAYS_MS);
    const county = await web.signIn('xian.dali');
    await openCaseForm(county, caseNo, 'form-countyApproval');
    expect(await county.locator('#form-countyApproval h2').textContent()).toBe('县级审核确认');
    expect(await county.inputValue('#form-countyApproval input[name="monthlyAmountYuan"]')).toBe('1028');
    await web.snap(county, 'tekun-county-confirmation');
    await submitForm(county, 'form-countyApproval');
    const { id: caseId } = await caseRow(caseNo);
    await waitFor(
      async () => (await harness.db.caseEvent.count({ where: { caseId, type: 'placed' } })) === 1,
      'a bed in the care home',
    );

    // 一户一档: her family's 低保 application, closed before she applied, is listed beside it.
    await county.goto(`/cases/${caseNo}`);
    expect(await county.locator('h1 .badge').textContent()).toBe('特困供养中');
    expect(await county.locator('#monthly-amount').textContent()).toBe('1028 元/月');
    expect(await county.locator('#amount-breakdown').textContent()).toContain('照料护理 300 元');
    expect(await county.locator('#care-home').textContent()).toMatch(/^喜洲镇敬老院 床位 2-0\d$/);
    const others = county.locator('#household-cases');
    expect(await others.textContent()).toContain(dibaoNo);
    expect(await others.textContent()).toContain('农村最低生活保障');
    expect(await others.textContent()).toContain(PERSON.name);
    await web.snap(county, 'tekun-case');

    // While supported the township has the support's own forms: a care change, the mode, an exit by reason.
    const township = await web.signIn('xiang.xizhou');
    await township.goto(`/cases/${caseNo}`);
    for (const form of ['form-reportCareChange', 'form-changeSupportMode', 'form-requestExit-death'])
      expect(await township.locator(`#${form}`).count()).toBe(1);
    expect(await township.locator('#form-requestExit-death input[name="dateOfDeath"]').count()).toBe(1);
    expect(
      await township.isChecked('#form-changeSupportMode input[name="supportMode.mode"][value="dispersed"]'),
    ).toBe(true);
    await web.snap(township, 'tekun-case-township');

    await county.click(`#household-cases a:text("${dibaoNo}")`);
    await county.waitForURL(new RegExp(dibaoNo));
    const back = await county.locator('#household-cases').textContent();
    expect(back).toContain(caseNo);
    expect(back).toContain('特困供养中');
  });
});
