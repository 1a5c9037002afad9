import { waitFor } from '../support/fixtures';
import { DALI, DALIZHEN, pay, rollCase, rollHousehold, XIZHOU } from '../support/roll-fixtures';
import { useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';
import { staffClient } from '../support/staff-client';

const harness = useWorkflowHarness();
const http = useTestApp(harness);

const as = (username: string) => staffClient(http, username);
const approver = as('xian.dali');

const donor = {
  countyId: DALI,
  donorKind: 'ORGANISATION',
  donorName: '大理爱心企业',
  receivedOn: '2027-01-05',
};

test('donations with gapless receipts, points issued once a month, goods traced to the households that took them', async () => {
  const db = harness.db;
  const a = await rollHousehold(db, { name: '李甲', townshipId: XIZHOU });
  const b = await rollHousehold(db, { name: '李乙', townshipId: DALIZHEN });
  const c = await rollHousehold(db, { name: '李丙', townshipId: DALIZHEN });
  await rollCase(db, a, 'DIBAO_RURAL');
  await rollCase(db, b, 'TEKUN');
  await rollCase(db, c, 'TEMPORARY', 'CLOSED');

  // A township officer may not record a donation; a bad body is 400 naming the field, nothing written.
  expect(
    (await as('xiang.xizhou').post('/api/donations', { ...donor, money: { amountYuan: 1 } })).status,
  ).toBe(403);
  const bad = await approver.post('/api/donations', { ...donor, money: { amountYuan: -5 } });
  expect(bad.status).toBe(400);
  expect(JSON.stringify(bad.body)).toContain('money.amountYuan');
  expect(await db.donation.count()).toBe(0);

  const market = await approver.post('/api/charity-supermarkets', {
    countyId: DALI,
    townshipId: XIZHOU,
    name: '喜洲镇爱心超市',
  });
  expect(market.status).toBe(201);
  const supermarketId = market.body.supermarketId as string;

  const rice = await approver.post('/api/donations', {
    ...donor,
    goods: { supermarketId, itemName: '大米 10kg', quantity: 3, pointsPerUnit: 20 },
  });
  expect(rice.status).toBe(201);
  const money = await approver.post('/api/donations', {
    ...donor,
    donorKind: 'PERSON',
    donorName: '王善人',
    direction: { programmeCode: 'DIBAO_RURAL', townshipId: XIZHOU },
    money: { amountYuan: 3000 },
  });
  expect(money.status).toBe(201);
  const year = new Date().getUTCFullYear();
  expect([rice.body.receiptNo, money.body.receiptNo].sort()).toEqual([
    `JZ-${DALI}-${year}-000001`,
    `JZ-${DALI}-${year}-000002`,
  ]);
  // Money raised the county's 社会捐赠 line of the directed programme for the year received.
  const line = await db.fundBudgetLine.findUniqueOrThrow({
    where: {
      countyId_year_programmeCode_source: {
        countyId: DALI,
        year: 2027,
        programmeCode: 'DIBAO_RURAL',
        source: 'DONATIONS',
      },
    },
  });
  expect(line.allocatedYuan.toNumber()).toBe(3000);

  // Points: the enrolled 低保 and 特困 households, once per month however often it is asked.
  const issue = () =>
    approver.post('/api/charity-supermarkets/points-issues', { countyId: DALI, month: '2027-01' });
  expect((await issue()).body.issued).toBe(2);
  const retries = await Promise.all([issue(), issue(), issue()]);
  expect(retries.map((r) => r.body.issued)).toEqual([0, 0, 0]);
  const balance = async (householdId: string) =>
    (await db.householdPoints.findUnique({ where: { householdId } }))?.balance ?? 0;
  expect([await balance(a.householdId), await balance(b.householdId), await balance(c.householdId)]).toEqual([
    50, 50, 0,
  ]);
  expect(await db.pointsIssue.count({ where: { month: '2027-01' } })).toBe(2);

  const stock = await approver.get(`/api/charity-supermarkets/${supermarketId}`);
  const stockId = stock.body.stock[0].stockId as string;
  const take = (householdId: string, quantity: number) =>
    approver.post(`/api/charity-supermarkets/${supermarketId}/exchanges`, { stockId, householdId, quantity });
  // 3 units cost 60 points: more than the household holds, refused, nothing taken.
  expect((await take(a.householdId, 3)).status).toBe(409);
  expect((await take(a.householdId, 2)).status).toBe(201);
  expect(await balance(a.householdId)).toBe(10);

  // February's points, so both can afford the last unit.
  expect(
    (await approver.post('/api/charity-supermarkets/points-issues', { countyId: DALI, month: '2027-02' }))
      .body.issued,
  ).toBe(2);

  // The last unit: two households race for it, exactly one wins.
  const race = await Promise.all([take(a.householdId, 1), take(b.householdId, 1)]);
  expect(race.map((r) => r.status).sort()).toEqual([201, 409]);
  const winner = race[0].status === 201 ? a : b;
  expect((await approver.get(`/api/charity-supermarkets/${supermarketId}`)).body.stock[0].quantity).toBe(0);
  expect(await db.supermarketExchange.count()).toBe(2);
  expect(await db.auditEntry.count({ where: { action: 'exchangeGoods' } })).toBe(2);
  // The winner paid 20 points, the loser nothing.
  expect(await balance(a.householdId)).toBe(winner === a ? 40 : 60);
  expect(await balance(b.householdId)).toBe(winner === b ? 80 : 100);

  // The rice traced to the households that took it.
  const trace = await approver.get(`/api/donations/${rice.body.donationId}/trace`);
  expect(trace.status).toBe(200);
  expect(trace.body.goods).toEqual({ quantity: 3, remaining: 0 });
  const byHousehold = new Map<string, number>();
  for (const e of trace.body.exchanges as { householdId: string; quantity: number }[])
    byHousehold.set(e.householdId, (byHousehold.get(e.householdId) ?? 0) + e.quantity);
  expect(Object.fromEntries(byHousehold)).toEqual(
    winner === a ? { [a.householdId]: 3 } : { [a.householdId]: 2, [b.householdId]: 1 },
  );
  // No ID number anywhere in the trace.
  for (const h of [a, b]) expect(JSON.stringify(trace.body)).not.toContain(h.idNumber);
  expect((await as('xiang.xizhou').get(`/api/donations/${rice.body.donationId}/trace`)).status).toBe(403);
  expect((await as('jiandu.zhou').get(`/api/donations/${rice.body.donationId}/trace`)).status).toBe(200);

  // The printable receipt, in zh-CN, with its number and the donor.
  const receipt = await approver.get(`/api/donations/${money.body.donationId}/receipt`);
  expect(receipt.status).toBe(200);
  expect(receipt.headers['content-type']).toMatch(/text\/html/);
  expect(receipt.text).toContain(money.body.receiptNo);
  expect(receipt.text).toContain('王善人');
  expect(receipt.text).toContain('农村最低生活保障');

  // Money traced to the roll that drew on its line: a roll approved from the donations line.
  await pay(
    db,
    (await db.case.findFirstOrThrow({ where: { householdId: a.householdId } })).id,
    '2027-01',
    1200,
  );
  const started = await approver.post('/api/payment-rolls', { countyId: DALI, month: '2027-01' });
  expect(started.status).toBe(202);
  const rollId = started.body.rollId as string;
  await waitFor(
    async () => (await approver.get(`/api/payment-rolls/${rollId}`)).body.status === 'REVIEW',
    'review',
  );
  const approved = await approver.post(`/api/payment-rolls/${rollId}/approval`, {
    fundSources: { DIBAO_RURAL: 'DONATIONS' },
  });
  expect(approved.status).toBe(200);
  const moneyTrace = await approver.get(`/api/donations/${money.body.donationId}/trace`);
  expect(moneyTrace.body.draws).toEqual([{ rollId, month: '2027-01', drawnYuan: 1200, shareYuan: 1200 }]);
});
