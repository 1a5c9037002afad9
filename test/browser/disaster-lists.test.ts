import type { Page } from 'playwright-core';
import { withCheckCharacter } from '../../domain/id-card';
import { localDateOf } from '../../domain/working-days';
import { useConsoleBrowser } from '../support/browser';
import { submitForm } from '../support/console-forms';
import { DAY_MS } from '../support/case-driver';
import { XIZHOU_VILLAGE, waitFor } from '../support/fixtures';
import { useWorkflowHarness } from '../support/workflow-harness';

// 救助名单 in the console's /disasters page: the township proposes a rebuilding list, the village
// appraises it and takes a household off with a reason, the notice runs its 7 days, the township
// passes it without another, the county approves; the township then records the stages, one
// refused out of order beside its form (nothing paid), the instalments shown as paid.

const harness = useWorkflowHarness();
const web = useConsoleBrowser(harness);

const idNumber = (serial: number) => withCheckCharacter(`53290119700404${String(serial).padStart(3, '0')}`);

async function listCase(listId: string) {
  const list = await harness.db.disasterList.findUniqueOrThrow({ where: { id: listId } });
  return harness.db.case.findUniqueOrThrow({ where: { id: list.caseId } });
}

/** Reloads /disasters until the list's form for `step` shows. */
async function openStepForm(page: Page, step: string, listId: string): Promise<string> {
  const formId = `form-${step}-${listId}`;
  await waitFor(async () => {
    await page.goto('/disasters');
    return (await page.locator(`#${formId}`).count()) > 0;
  }, `${formId} on /disasters`);
  return formId;
}

test('a rebuilding list from proposal to staged payments on the /disasters page', async () => {
  const event = await harness.db.disasterEvent.create({
    data: {
      kind: 'EARTHQUAKE',
      name: '喜洲地震',
      occurredOn: new Date('2026-11-20T00:00:00Z'),
      responseLevel: 3,
      declaredByUnitId: '532901',
      declaredBy: 'xian.dali',
      counties: { create: [{ countyId: '532901' }] },
    },
  });

  // What the dashboards count besides the lists: two reports of the village (the later one counts),
  // a site with 7 people, the county's reserves; an event and a reserve of another county, not counted.
  const report = (reportedOn: string, affected: number, relocated: number, dead: number, loss: number) =>
    harness.db.disasterReport.create({
      data: {
        eventId: event.id,
        countyId: '532901',
        villageId: XIZHOU_VILLAGE,
        reportedOn: new Date(`${reportedOn}T00:00:00Z`),
        affected,
        relocated,
        dead,
        missing: 0,
        housesCollapsed: dead === 0 ? 2 : 5,
        housesDamaged: 12,
        directLossYuan: loss,
        reportedBy: 'xiang.xizhou',
      },
    });
  await report('2026-11-20', 100, 20, 0, 80000);
  await report('2026-11-21', 150, 30, 1, 250000.5);
  await harness.db.relocationSite.create({
    data: {
      eventId: event.id,
      countyId: '532901',
      townshipId: '532901003',
      name: '喜洲镇中心小学安置点',
      address: '喜洲镇中心小学',
      capacity: 50,
      occupancy: 7,
      createdBy: 'xiang.xizhou',
    },
  });
  const elsewhere = await harness.db.orgUnit.findFirstOrThrow({
    where: { level: 'COUNTY', id: { not: '532901' } },
    orderBy: { id: 'asc' },
  });
  await harness.db.reliefStock.createMany({
    data: [
      { countyId: '532901', item: '帐篷', unit: '顶', location: '大理市救灾物资储备库', quantity: 10 },
      { countyId: '532901', item: '帐篷', unit: '顶', location: '喜洲镇仓库', quantity: 4 },
      { countyId: '532901', item: '大米', unit: '公斤', location: '大理市救灾物资储备库', quantity: 500 },
      { countyId: elsewhere.id, item: '帐篷', unit: '顶', location: '他县储备库', quantity: 99 },
    ],
  });
  const other = await harness.db.disasterEvent.create({
    data: {
      kind: 'FLOOD',
      name: '他县洪涝',
      occurredOn: new Date('2026-11-18T00:00:00Z'),
      responseLevel: 4,
      declaredByUnitId: elsewhere.id,
      declaredBy: 'someone',
      counties: { create: [{ countyId: elsewhere.id }] },
    },
  });

  // 提名: three households; a bad row first refused beside its field, nothing written.
  const township = await web.signIn('xiang.xizhou');
  await township.goto('/disasters');
  const proposal = `form-list-${event.id}`;
  const row = async (i: number, name: string, id: string, yuan: string, reason: string, damage: string) => {
    const field = (f: string) => `#${proposal} [name="households.${i}.${f}"]`;
    await township.fill(field('name'), name);
    await township.fill(field('idNumber'), id);
    await township.fill(field('amountYuan'), yuan);
    await township.fill(field('reason'), reason);
    await township.selectOption(field('houseDamage'), damage);
  };
  const propose = async (secondDamage: string) => {
    await township.goto('/disasters');
    await township.selectOption(`#${proposal} select[name="kind"]`, 'REBUILDING');
    await township.selectOption(`#${proposal} select[name="villageId"]`, XIZHOU_VILLAGE);
    await row(0, '杨树林', idNumber(11), '40000', '主房倒塌，无力自建', 'COLLAPSED');
    await row(1, '段红梅', idNumber(22), '20000', '房屋严重损坏', secondDamage);
    await row(2, '李福贵', '', '10000', '厨房倒塌', 'DAMAGED');
  };
  await propose('');
  await township.click(`#${proposal} button[type="submit"]`);
  await township.locator(`#${proposal} .field-error[data-problem="households.1.houseDamage"]`).waitFor();
  expect(await harness.db.disasterList.count({ where: { eventId: event.id } })).toBe(0);
  await propose('DAMAGED');
  await submitForm(township, proposal);
  const list = await harness.db.disasterList.findFirstOrThrow({
    where: { eventId: event.id },
    include: { households: true },
  });
  const householdOf = (name: string) => list.households.find((h) => h.name === name)!.id;
  const detail = township.locator(`[data-list-detail="${list.id}"]`);
  expect(await detail.locator('tbody tr').count()).toBe(3);
  expect(await detail.textContent()).not.toContain(idNumber(11));

  // 民主评议 by the village, 李福贵 taken off with the meeting's reason.
  const village = await web.signIn('cun.xizhou');
  const appraisal = await openStepForm(village, 'appraisal', list.id);
  await village.fill(`#${appraisal} input[name="heldOn"]`, localDateOf(await harness.env.currentTimeMs()));
  await village.fill(`#${appraisal} input[name="representativesPresent"]`, '21');
  await village.fill(`#${appraisal} textarea[name="minutes"]`, '村民代表会议逐户评议');
  const li = await village
    .locator(`#${appraisal} tr[data-household="${householdOf('李福贵')}"] input[name$=".why"]`)
    .getAttribute('name');
  await village.fill(`#${appraisal} input[name="${li}"]`, '厨房系旧损，评议未获通过');
  await submitForm(village, appraisal);
  await waitFor(async () => (await listCase(list.id)).currentStep === 'publicNotice', 'the notice');
  await village.goto('/disasters');
  expect(
    await village
      .locator(
        `[data-list-detail="${list.id}"] tr[data-household="${householdOf('李福贵')}"] .household-status`,
      )
      .textContent(),
  ).toBe('已移出：厨房系旧损，评议未获通过');

  // 公示 runs its 7 days; 乡镇审核 is left past its deadline.
  await harness.env.sleep(8 * DAY_MS);
  await waitFor(async () => (await listCase(list.id)).currentStep === 'townshipReview', 'the review');
  await harness.env.sleep(30 * DAY_MS);
  await waitFor(async () => (await listCase(list.id)).overdue, 'the review overdue');

  // /disasters counts the list at township review, overdue, two households kept, nothing approved.
  await township.goto('/disasters');
  const summary = await township.locator(`tr[data-list="${list.id}"]`).textContent();
  expect(summary).toContain('乡镇审核');
  expect(summary).toContain('（已超期）');
  expect(await listFigures(township, event.id)).toEqual({
    appraisal: '0',
    notice: '0',
    townshipReview: '1',
    countyApproval: '0',
    approved: '0',
    refused: '0',
    kept: '2',
    approved_yuan: '0.00',
    paid: '0.00',
    overdue: '1',
  });
  // The county's supervisor: each open event of the county, exactly; the other county's not.
  const supervisor = await web.signIn('jiandu.dali');
  expect(await dashboardRow(supervisor, event.id)).toEqual({
    affected: '150',
    relocated: '30',
    dead: '1',
    missing: '0',
    houses: '5 / 12',
    loss: '250000.50',
    stillRelocated: '7',
    supplies: { 帐篷: '帐篷 14顶', 大米: '大米 500公斤' },
    listsInProgress: '1',
    overdueSteps: '1',
  });
  expect(await supervisor.locator(`#disaster-events tr[data-event="${other.id}"]`).count()).toBe(0);
  await web.snap(supervisor, 'dashboard-disasters');

  // 乡镇审核 passes the list without 段红梅.
  const review = await openStepForm(township, 'townshipReview', list.id);
  // The household taken off at appraisal is not offered again.
  expect(await township.locator(`#${review} tr[data-household]`).count()).toBe(2);
  const duan = await township
    .locator(`#${review} tr[data-household="${householdOf('段红梅')}"] input[name$=".why"]`)
    .getAttribute('name');
  await township.fill(`#${review} input[name="${duan}"]`, '已获其他渠道救助');
  await submitForm(township, review);

  // 县级审批
  const county = await web.signIn('xian.dali');
  const approval = await openStepForm(county, 'countyApproval', list.id);
  expect(await county.locator(`#${approval} tr[data-household]`).count()).toBe(1);
  await submitForm(county, approval);
  await waitFor(async () => (await listCase(list.id)).status === 'GRANTED', 'the list approved');
  const yang = await harness.db.disasterListHousehold.findUniqueOrThrow({
    where: { id: householdOf('杨树林') },
  });
  expect(Number(yang.approvedYuan)).toBe(40000);

  // 重建进度: roof on before started is refused beside the stage, nothing paid.
  await township.goto('/disasters');
  const stageForm = `form-stage-${yang.id}`;
  await township.selectOption(`#${stageForm} select[name="stage"]`, 'roofOn');
  await township.click(`#${stageForm} button[type="submit"]`);
  const refusal = township.locator(`#${stageForm} .field-error[data-problem="stage"]`);
  await refusal.waitFor();
  expect(await refusal.textContent()).toBe('须先登记「开工」');
  expect(await harness.db.rebuildingInstalment.count({ where: { caseId: yang.caseId! } })).toBe(0);
  // 开工 as the form proposes: 30 % paid, shown beside the household.
  await township.goto('/disasters');
  expect(await township.locator(`#${stageForm} select[name="stage"]`).inputValue()).toBe('started');
  await submitForm(township, stageForm);
  const yangRow = township.locator(`[data-list-detail="${list.id}"] tr[data-household="${yang.id}"]`);
  expect(await yangRow.locator('.stage[data-stage="started"]').textContent()).toContain('12000.00 元');
  expect(await yangRow.locator('.paid').textContent()).toBe('12000.00');
  expect(await township.locator(`#${stageForm} select[name="stage"]`).inputValue()).toBe('roofOn');
  // The month's roll built (its line takes the row, as building a roll does): 封顶 is refused beside
  // the form with the month named, nothing paid off-roll.
  await harness.db.benefitPayment.updateMany({
    where: { caseId: yang.caseId! },
    data: { rollLineId: 'roll-line-of-the-month' },
  });
  await township.click(`#${stageForm} button[type="submit"]`);
  const rollBuilt = township.locator(`#${stageForm} .form-error`);
  await rollBuilt.filter({ hasText: '发放名册已生成' }).waitFor();
  expect(await rollBuilt.textContent()).toContain(`${localDateOf(Date.now()).slice(0, 7)} 的发放名册已生成`);
  expect(await harness.db.rebuildingInstalment.count({ where: { caseId: yang.caseId! } })).toBe(1);
  await township.goto('/disasters');
  expect(
    await township
      .locator(
        `[data-list-detail="${list.id}"] tr[data-household="${householdOf('段红梅')}"] .household-status`,
      )
      .textContent(),
  ).toBe('已移出：已获其他渠道救助');
  await web.snap(township, 'disaster-lists');

  // Approved, one household kept, 40000 approved, 12000 on the roster; nothing in progress or overdue.
  expect(await listFigures(township, event.id)).toEqual({
    appraisal: '0',
    notice: '0',
    townshipReview: '0',
    countyApproval: '0',
    approved: '1',
    refused: '0',
    kept: '1',
    approved_yuan: '40000.00',
    paid: '12000.00',
    overdue: '0',
  });
  const after = await dashboardRow(supervisor, event.id);
  expect([after.listsInProgress, after.overdueSteps]).toEqual(['0', '0']);
});

/** The /disasters page's 名单办理情况 row of the rebuilding lists, and the lists' overdue steps. */
async function listFigures(page: Page, eventId: string) {
  const section = page.locator(`[data-event="${eventId}"]`);
  const row = section.locator('.list-figures tr[data-kind="REBUILDING"]');
  const cell = (selector: string) => row.locator(selector).textContent();
  return {
    appraisal: await cell('[data-phase="appraisal"]'),
    notice: await cell('[data-phase="notice"]'),
    townshipReview: await cell('[data-phase="townshipReview"]'),
    countyApproval: await cell('[data-phase="countyApproval"]'),
    approved: await cell('[data-phase="approved"]'),
    refused: await cell('[data-phase="refused"]'),
    kept: await cell('.kept'),
    approved_yuan: await cell('.approved'),
    paid: await cell('.paid'),
    overdue: await section.locator('.lists-overdue').getAttribute('data-lists-overdue'),
  };
}

/** The supervisor dashboard's row of an event. */
async function dashboardRow(page: Page, eventId: string) {
  await page.goto('/dashboard');
  const row = page.locator(`#disaster-events tr[data-event="${eventId}"]`);
  const cell = async (selector: string) => (await row.locator(selector).textContent())!.trim();
  const supplies = await row
    .locator('.supplies [data-item]')
    .evaluateAll((es) => es.map((e) => [e.getAttribute('data-item')!, e.textContent!.trim()]));
  return {
    affected: await cell('.affected'),
    relocated: await cell('.relocated'),
    dead: await cell('.dead'),
    missing: await cell('.missing'),
    houses: await cell('.houses'),
    loss: await cell('.loss'),
    stillRelocated: await cell('.still-relocated'),
    supplies: Object.fromEntries(supplies),
    listsInProgress: await cell('.lists-in-progress'),
    overdueSteps: await cell('.overdue-steps'),
  };
}
