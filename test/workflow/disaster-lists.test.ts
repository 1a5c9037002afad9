import { withCheckCharacter } from '../../domain/id-card';
import { localDateOf } from '../../domain/working-days';
import { CaseDriver } from '../support/case-driver';
import { signedIn } from '../support/console-session';
import { XIZHOU_VILLAGE, waitFor } from '../support/fixtures';
import { useTestApp } from '../support/test-app';
import { DAY_MS } from '../support/case-driver';
import { useWorkflowHarness } from '../support/workflow-harness';
import { staffClient } from '../support/staff-client';

// 名单 village lists on the time-skipping server with the real durations: a rebuilding list
// through democratic appraisal, the 7-day notice with an objection, township review and county
// approval, then the stages paid in instalments, each once; a winter/spring list approved and paid.

const harness = useWorkflowHarness();
const http = useTestApp(harness);

const as = (username: string) => staffClient(http, username);
const prefecture = as('jiandu.zhou');
const village = as('cun.xizhou');
const township = as('xiang.xizhou');
const county = as('xian.dali');

const idNumber = (serial: number) => withCheckCharacter(`53290119700303${String(serial).padStart(3, '0')}`);
const TOWNSHIP_OFFICER_MAIL = 'xiang.xizhou@staff.jiuzhu.local';

async function newEvent(name: string): Promise<string> {
  const event = await prefecture.post('/api/disasters', {
    kind: 'EARTHQUAKE',
    name,
    occurredOn: '2026-11-20',
    responseLevel: 3,
    countyIds: ['532901'],
  });
  expect(event.status).toBe(201);
  return event.body.eventId as string;
}

const mailed = async (caseNo: string, title: string) => {
  await waitFor(
    async () =>
      harness.inbox.received.find(
        (m) =>
          m.subject.includes(title) && m.subject.includes(caseNo) && m.to.includes(TOWNSHIP_OFFICER_MAIL),
      ),
    `${title} about ${caseNo}`,
  );
  const letter = await harness.db.letter.findFirstOrThrow({ where: { case: { caseNo }, title } });
  expect(letter.html).not.toMatch(/undefined|NaN|\{\{/);
  return letter.html;
};

async function driverOf(caseNo: string): Promise<CaseDriver> {
  const row = await harness.db.case.findUniqueOrThrow({ where: { caseNo } });
  return CaseDriver.attach(harness.env, harness.db, row.id, row.workflowId);
}

const appraisal = (remove: object[] = []) => ({
  heldOn: localDateOf(Date.now()),
  representativesPresent: 21,
  minutes: '村民代表会议逐户评议，一致同意',
  remove,
});

const paymentsOf = async (caseNo: string) =>
  (await harness.db.benefitPayment.findMany({ where: { case: { caseNo } }, orderBy: { month: 'asc' } })).map(
    (p) => [p.month, Number(p.amountYuan)],
  );

test('a rebuilding list: appraisal, notice with an objection upheld, review, approval, then stages paid once each', async () => {
  const eventId = await newEvent('喜洲地震（重建）');
  const proposed = await village.post(`/api/disasters/${eventId}/lists`, {
    kind: 'REBUILDING',
    villageId: XIZHOU_VILLAGE,
    households: [
      {
        name: '杨树林',
        idNumber: idNumber(11),
        amountYuan: 40000,
        reason: '主房倒塌，无力自建',
        houseDamage: 'COLLAPSED',
      },
      {
        name: '段红梅',
        idNumber: idNumber(22),
        amountYuan: 20000,
        reason: '房屋严重损坏',
        houseDamage: 'DAMAGED',
      },
    ],
  });
  expect(proposed.status).toBe(201);
  const { caseNo, listId } = proposed.body as { caseNo: string; listId: string };
  expect(caseNo).toMatch(/^ZH-532901-\d{4}-\d{6}$/);
  expect(proposed.body.households[0].idNumber).not.toContain('0303011');
  // The same village's rebuilding list twice: 409, nothing written.
  expect(
    (
      await village.post(`/api/disasters/${eventId}/lists`, {
        kind: 'REBUILDING',
        villageId: XIZHOU_VILLAGE,
        households: [{ name: '张三', amountYuan: 1000, reason: '房屋损坏', houseDamage: 'DAMAGED' }],
      })
    ).status,
  ).toBe(409);

  const c = await driverOf(caseNo);
  await c.reach('appraisal');
  expect(await c.rejection(c.decide('appraisal', 'xiang.xizhou', appraisal()))).toBe('Forbidden');
  await c.decide('appraisal', 'cun.xizhou', appraisal());

  // The 7-day notice shows both households, names masked; an objection ends it at once.
  await c.reach('publicNotice');
  const notice = await mailed(caseNo, '受灾群众救助名单公示');
  expect(notice).toContain('杨*林');
  expect(notice).toContain('60000.00');
  const duan = proposed.body.households.find((h: { name: string }) => h.name === '段红梅')
    .householdId as string;
  await c.act('recordObjection', 'cun.xizhou', {
    receivedOn: localDateOf(Date.now()),
    objector: '村民李某',
    content: '段红梅家房屋系旧损，非本次地震所致',
  });
  await c.reach('objectionReview');
  await c.decide('objectionReview', 'xiang.xizhou', {
    reasons: '经核实，段红梅家房屋为旧损',
    remove: [{ householdId: duan, why: '房屋为旧损，非本次灾害所致' }],
  });
  await c.reach('townshipReview');
  await c.decide('townshipReview', 'xiang.xizhou', { decision: 'pass' });
  await c.reach('countyApproval');
  await c.decide('countyApproval', 'xian.dali', { decision: 'approve', note: '同意' });
  await waitFor(
    async () => (await harness.db.case.findUniqueOrThrow({ where: { caseNo } })).status === 'GRANTED',
    'list approved',
  );
  const approvalLetter = await mailed(caseNo, '受灾群众救助名单审批通知书');
  expect(approvalLetter).toContain('40000.00');
  expect(approvalLetter).not.toContain('段*梅');

  const lists = await township.get(`/api/disasters/${eventId}/lists`);
  expect(lists.status).toBe(200);
  const list = lists.body.lists.find((l: { listId: string }) => l.listId === listId);
  const yang = list.households.find((h: { name: string }) => h.name === '杨树林');
  const kept = list.households.find((h: { name: string }) => h.name === '段红梅');
  expect(yang).toMatchObject({ approvedYuan: 40000, removedWhy: null });
  expect(yang.caseNo).toMatch(/^ZH-/);
  expect(kept).toMatchObject({ approvedYuan: null, caseNo: null, removedWhy: '房屋为旧损，非本次灾害所致' });

  // Stages: roof on before started is refused; started and roof on the same month make one row.
  const stage = (stageName: string, who = township) =>
    who.post(`/api/disasters/${eventId}/lists/${listId}/households/${yang.householdId}/stages`, {
      stage: stageName,
      reachedOn: localDateOf(Date.now()),
    });
  expect((await stage('roofOn')).status).toBe(409);
  expect((await stage('started', county)).status).toBe(403);
  // Two recordings of the same stage racing: one pays, the other 409s.
  const raced = await Promise.all([stage('started'), stage('started')]);
  expect(raced.map((r) => r.status).sort()).toEqual([201, 409]);
  expect((await stage('roofOn')).status).toBe(201);
  const month = localDateOf(Date.now()).slice(0, 7);
  expect(await paymentsOf(yang.caseNo)).toEqual([[month, 24000]]);
  expect((await stage('started')).status).toBe(409);
  expect(await paymentsOf(yang.caseNo)).toEqual([[month, 24000]]);

  // The console's /disasters page shows the list, where it stands and what it paid.
  const { agent } = await signedIn(http.app, 'xiang.xizhou');
  const page = await agent.get('/disasters');
  expect(page.status).toBe(200);
  expect(page.text).toContain(`data-list="${listId}"`);
  expect(page.text).toContain(caseNo);
  expect(page.text).toContain('开工 12000');
  const yangCase = await harness.db.case.findUniqueOrThrow({ where: { caseNo: yang.caseNo } });
  const instalments = await harness.db.rebuildingInstalment.findMany({ where: { caseId: yangCase.id } });
  expect(instalments.map((i) => [i.stage, Number(i.amountYuan)]).sort()).toEqual([
    ['roofOn', 12000],
    ['started', 12000],
  ]);
});

test('a winter/spring relief list: the notice runs its 7 days, approved, paid in the month approved', async () => {
  const eventId = await newEvent('喜洲雪灾');
  const proposed = await village.post(`/api/disasters/${eventId}/lists`, {
    kind: 'WINTER_RELIEF',
    villageId: XIZHOU_VILLAGE,
    households: [
      { name: '李凤英', amountYuan: 800, reason: '口粮受灾，冬季缺粮' },
      { name: '赵有才', idNumber: idNumber(33), amountYuan: 600.5, reason: '衣被不足' },
    ],
  });
  expect(proposed.status).toBe(201);
  const { caseNo, listId } = proposed.body as { caseNo: string; listId: string };
  const c = await driverOf(caseNo);
  await c.reach('appraisal');
  await c.decide('appraisal', 'cun.xizhou', appraisal());
  await c.reach('publicNotice');
  await harness.env.sleep(8 * DAY_MS);
  // The steps through the case's own routes, as the console submits them.
  await c.reach('townshipReview');
  const wrong = await township.post(`/api/cases/${caseNo}/steps/townshipReview`, { decision: 'approve' });
  expect(wrong.status).toBe(422);
  expect((await c.row()).currentStep).toBe('townshipReview');
  expect(
    (await township.post(`/api/cases/${caseNo}/steps/townshipReview`, { decision: 'pass', note: '属实' }))
      .status,
  ).toBe(200);
  await c.reach('countyApproval');
  expect(
    (await county.post(`/api/cases/${caseNo}/steps/countyApproval`, { decision: 'approve' })).status,
  ).toBe(200);
  await waitFor(
    async () => (await harness.db.case.findUniqueOrThrow({ where: { caseNo } })).status === 'GRANTED',
    'list approved',
  );
  const month = localDateOf(await harness.env.currentTimeMs()).slice(0, 7);
  const lists = await county.get(`/api/disasters/${eventId}/lists`);
  const list = lists.body.lists.find((l: { listId: string }) => l.listId === listId);
  expect(list.status).toBe('GRANTED');
  for (const h of list.households) {
    expect(h.payments).toEqual([{ month, amountYuan: h.amountYuan }]);
    expect(await paymentsOf(h.caseNo)).toEqual([[month, h.amountYuan]]);
  }
  // No stages on a winter list.
  const stage = await township.post(
    `/api/disasters/${eventId}/lists/${listId}/households/${list.households[0].householdId}/stages`,
    { stage: 'started', reachedOn: localDateOf(Date.now()) },
  );
  expect(stage.status).toBe(409);
});
