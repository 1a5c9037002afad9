import { signedIn } from '../support/console-session';
import { XIZHOU_VILLAGE } from '../support/fixtures';
import { useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';
import { staffClient } from '../support/staff-client';

// 灾害救助: an event declared and reported as it grows; relief supplies received, issued,
// transferred, and the race for the last tents.

const harness = useWorkflowHarness();
const http = useTestApp(harness);

const as = (username: string) => staffClient(http, username);
const approver = as('xian.dali');
const prefecture = as('jiandu.zhou');
const township = as('xiang.xizhou');

const ZHOUCHENG_VILLAGE = '532901003002';
const figures = (affected: number, relocated: number, lossYuan: number) => ({
  affected,
  relocated,
  dead: 0,
  missing: 0,
  housesCollapsed: 1,
  housesDamaged: 2,
  directLossYuan: lossYuan,
});

async function declared(): Promise<string> {
  const res = await prefecture.post('/api/disasters', {
    kind: 'EARTHQUAKE',
    name: '漾濞5.8级地震',
    occurredOn: '2026-11-20',
    responseLevel: 3,
    countyIds: ['532901', '532922'],
  });
  expect(res.status).toBe(201);
  return res.body.eventId as string;
}

test('an event declared by the prefecture grows report by report; the tally is the latest per village', async () => {
  const eventId = await declared();
  const report = (village: string, reportedOn: string, f: ReturnType<typeof figures>) =>
    approver.post(`/api/disasters/${eventId}/reports`, { villageId: village, reportedOn, ...f });
  expect((await report(XIZHOU_VILLAGE, '2026-11-20', figures(100, 20, 5000))).status).toBe(201);
  expect((await report(ZHOUCHENG_VILLAGE, '2026-11-21', figures(50, 10, 1000.5))).status).toBe(201);
  expect((await report(XIZHOU_VILLAGE, '2026-11-22', figures(180, 40, 9000))).status).toBe(201);

  const view = await approver.get(`/api/disasters/${eventId}`);
  expect(view.status).toBe(200);
  expect(view.body.responseLevelName).toBe('Ⅲ级响应');
  expect(view.body.tally).toMatchObject({ affected: 230, relocated: 50, directLossYuan: 10000.5 });
  expect(view.body.counties.find((c: { countyId: string }) => c.countyId === '532901')).toMatchObject({
    affected: 230,
  });
  expect(view.body.growth.map((g: { asOf: string; affected: number }) => [g.asOf, g.affected])).toEqual([
    ['2026-11-20', 100],
    ['2026-11-21', 150],
    ['2026-11-22', 230],
  ]);
  // Every report kept as filed: the database refuses to edit one.
  expect(await harness.db.disasterReport.count({ where: { eventId } })).toBe(3);
  await expect(
    harness.db.disasterReport.updateMany({ where: { eventId }, data: { affected: 1 } }),
  ).rejects.toThrow();

  // Bad figures name the field; another county's village, a township officer, nothing is filed.
  const more = await report(XIZHOU_VILLAGE, '2026-11-23', { ...figures(10, 20, 0) });
  expect(more.status).toBe(422);
  expect(JSON.stringify(more.body)).toContain('body.relocated');
  expect((await report('532901003001', '2026-11-19', figures(1, 0, 0))).status).toBe(422);
  expect((await report('532923001001', '2026-11-23', figures(1, 0, 0))).status).toBe(422);
  expect((await township.post(`/api/disasters/${eventId}/reports`, {})).status).toBe(400);
  expect(
    (
      await township.post(`/api/disasters/${eventId}/reports`, {
        villageId: XIZHOU_VILLAGE,
        reportedOn: '2026-11-23',
        ...figures(1, 0, 0),
      })
    ).status,
  ).toBe(403);
  expect(await harness.db.disasterReport.count({ where: { eventId } })).toBe(3);

  // 大理市's approver may not declare for 漾濞; the list shows the open event to its readers.
  const elsewhere = await approver.post('/api/disasters', {
    kind: 'FLOOD',
    name: '洪涝',
    occurredOn: '2026-11-20',
    responseLevel: 4,
    countyIds: ['532922'],
  });
  expect(elsewhere.status).toBe(403);
  const list = await approver.get('/api/disasters');
  expect(list.body.events.map((e: { eventId: string }) => e.eventId)).toContain(eventId);
  expect((await approver.post('/api/disasters', { responseLevel: 5 })).status).toBe(400);
});

test('supplies received, issued to a site and transferred; two issues racing for the last tents cannot both succeed', async () => {
  const eventId = await declared();
  const received = await approver.post('/api/disasters/supplies', {
    countyId: '532901',
    item: '帐篷',
    unit: '顶',
    location: '大理市救灾物资储备库',
    quantity: 12,
  });
  expect(received.status).toBe(200);
  const stockId = received.body.stockId as string;

  const issued = await approver.post(`/api/disasters/supplies/${stockId}/issues`, {
    eventId,
    siteName: '喜洲镇中心小学安置点',
    quantity: 5,
  });
  expect(issued.status).toBe(201);
  expect(issued.body.quantity).toBe(7);

  const moved = await approver.post(`/api/disasters/supplies/${stockId}/transfers`, {
    toCountyId: '532901',
    toLocation: '喜洲镇前置仓',
    quantity: 3,
    eventId,
  });
  expect(moved.status).toBe(201);
  expect(moved.body.from.quantity).toBe(4);
  expect(moved.body.to.quantity).toBe(3);

  // More than there is: 409, nothing taken.
  const tooMany = await approver.post(`/api/disasters/supplies/${stockId}/issues`, {
    eventId,
    siteName: '喜洲镇中心小学安置点',
    quantity: 5,
  });
  expect(tooMany.status).toBe(409);
  expect(JSON.stringify(tooMany.body)).toContain('body.quantity');

  // The last four tents, asked for by three requests of three at once: exactly one succeeds.
  const race = await Promise.all(
    [1, 2, 3].map((n) =>
      approver.post(`/api/disasters/supplies/${stockId}/issues`, {
        eventId,
        siteName: `安置点${n}`,
        quantity: 3,
      }),
    ),
  );
  expect(race.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  const stock = await harness.db.reliefStock.findUniqueOrThrow({ where: { id: stockId } });
  expect(stock.quantity).toBe(1);
  // Below zero is refused by the database itself.
  await expect(
    harness.db.reliefStock.update({ where: { id: stockId }, data: { quantity: -1 } }),
  ).rejects.toThrow();

  const view = await approver.get(`/api/disasters/${eventId}`);
  expect(view.body.issued.map((m: { quantity: number }) => m.quantity)).toEqual([5, 3]);
  const stocks = await approver.get('/api/disasters/supplies?countyId=532901');
  expect(
    stocks.body.stocks.map((s: { location: string; quantity: number }) => [s.location, s.quantity]),
  ).toEqual([
    ['喜洲镇前置仓', 3],
    ['大理市救灾物资储备库', 1],
  ]);
  // Another county's approver finds no such stock; a township officer may not keep supplies.
  expect(
    (
      await as('xiang.xizhou').post(`/api/disasters/supplies/${stockId}/issues`, {
        eventId,
        siteName: 'x',
        quantity: 1,
      })
    ).status,
  ).toBe(403);
});

test('the console page shows each open event with its tally, its sites and the supplies left, in Chinese', async () => {
  const eventId = await declared();
  await approver.post(`/api/disasters/${eventId}/reports`, {
    villageId: XIZHOU_VILLAGE,
    reportedOn: '2026-11-21',
    ...figures(77, 33, 4321),
  });
  const { agent } = await signedIn(http.app, 'xian.dali');
  const page = await agent.get('/disasters');
  expect(page.status).toBe(200);
  expect(page.text).toContain('灾害救助');
  expect(page.text).toContain(`data-event="${eventId}"`);
  expect(page.text).toContain('Ⅲ级响应');
  expect(page.text).toContain('救灾物资储备');
  // The township's officer runs the relocation sites: the event and its sites, no tally nor stocks.
  const { agent: officer } = await signedIn(http.app, 'xiang.xizhou');
  const sites = await officer.get('/disasters');
  expect(sites.status).toBe(200);
  expect(sites.text).toContain(`data-event="${eventId}"`);
  expect(sites.text).toContain('紧急转移安置');
  expect(sites.text).not.toContain('Ⅲ级响应');
  expect(sites.text).not.toContain('救灾物资储备');
  // The village's assistant: the event and the village's lists, no sites, tally nor stocks.
  const { agent: assistant } = await signedIn(http.app, 'cun.xizhou');
  const lists = await assistant.get('/disasters');
  expect(lists.status).toBe(200);
  expect(lists.text).toContain(`data-event="${eventId}"`);
  expect(lists.text).toContain('救助名单');
  expect(lists.text).not.toContain('紧急转移安置');
  expect(lists.text).not.toContain('救灾物资储备');
  // A bureau's officer: none of it.
  const { agent: bureau } = await signedIn(http.app, 'bumen.jiaoyu.dali');
  expect((await bureau.get('/disasters')).status).toBe(403);
});
