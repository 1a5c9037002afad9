import { withCheckCharacter } from '../../domain/id-card';
import { XIZHOU_VILLAGE } from '../support/fixtures';
import { useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';
import { staffClient } from '../support/staff-client';

// 紧急转移安置: relocation sites with a capacity the database keeps, people registered at once
// (the unknown without an ID number), aid from the reserve, the race for the last places.

const harness = useWorkflowHarness();
const http = useTestApp(harness);

const as = (username: string) => staffClient(http, username);
const approver = as('xian.dali');
const prefecture = as('jiandu.zhou');
const township = as('xiang.xizhou');
const village = as('cun.xizhou');

const XIZHOU_TOWNSHIP = '532901003';
const idNumber = (serial: number) => withCheckCharacter(`53290119700101${String(serial).padStart(3, '0')}`);

async function declared(name: string): Promise<string> {
  const res = await prefecture.post('/api/disasters', {
    kind: 'FLOOD',
    name,
    occurredOn: '2026-11-20',
    responseLevel: 4,
    countyIds: ['532901'],
  });
  expect(res.status).toBe(201);
  return res.body.eventId as string;
}

async function site(eventId: string, name: string, capacity: number): Promise<string> {
  const res = await township.post(`/api/disasters/${eventId}/sites`, {
    townshipId: XIZHOU_TOWNSHIP,
    name,
    address: '喜洲镇中心小学',
    capacity,
  });
  expect(res.status).toBe(201);
  return res.body.siteId as string;
}

test('a site takes people with their aid; goods from the reserve are issued; ID numbers masked; a return frees the place', async () => {
  const eventId = await declared('11·20 洱海流域洪涝');
  const siteId = await site(eventId, '喜洲镇中心小学安置点', 10);
  // Another township than the officer's, a village assistant: refused; a second site of the name: 409.
  expect(
    (
      await township.post(`/api/disasters/${eventId}/sites`, {
        townshipId: '532901002',
        name: '别处',
        address: '某地',
        capacity: 5,
      })
    ).status,
  ).toBe(403);
  expect((await village.post(`/api/disasters/${eventId}/sites`, {})).status).toBe(400);
  expect(
    (
      await township.post(`/api/disasters/${eventId}/sites`, {
        townshipId: XIZHOU_TOWNSHIP,
        name: '喜洲镇中心小学安置点',
        address: '喜洲镇',
        capacity: 5,
      })
    ).status,
  ).toBe(409);

  const tents = await approver.post('/api/disasters/supplies', {
    countyId: '532901',
    item: '帐篷',
    unit: '顶',
    location: '大理市救灾物资储备库',
    quantity: 5,
  });
  expect(tents.status).toBe(200);
  const stockId = tents.body.stockId as string;

  const known = await township.post(`/api/disasters/sites/${siteId}/people`, {
    name: '杨树林',
    idNumber: idNumber(11),
    homeVillageId: XIZHOU_VILLAGE,
    persons: 3,
    registeredOn: '2026-11-21',
    aid: [
      { kind: 'TENT', stockId, quantity: 1 },
      { kind: 'FOOD', item: '方便面', quantity: 2, unit: '箱' },
      { kind: 'CASH', amountYuan: 300 },
    ],
  });
  expect(known.status).toBe(201);
  expect(known.body.idNumber).toBe(`532${'*'.repeat(11)}${idNumber(11).slice(-4)}`);
  expect(known.body.site).toMatchObject({ capacity: 10, occupancy: 3 });
  expect(
    known.body.aid.map((a: { kindName: string; fromReserve: boolean }) => [a.kindName, a.fromReserve]),
  ).toEqual([
    ['帐篷', true],
    ['食品', false],
    ['现金', false],
  ]);
  expect((await harness.db.reliefStock.findUniqueOrThrow({ where: { id: stockId } })).quantity).toBe(4);
  const issued = await harness.db.reliefMovement.findMany({ where: { eventId, kind: 'ISSUE' } });
  expect(issued.map((m) => [m.siteName, m.quantity])).toEqual([['喜洲镇中心小学安置点', 1]]);

  // An unknown person: no ID number, a description instead (required then).
  const nameless = await township.post(`/api/disasters/sites/${siteId}/people`, {
    name: '无名氏',
    homeVillageId: XIZHOU_VILLAGE,
  });
  expect(nameless.status).toBe(400);
  expect(JSON.stringify(nameless.body)).toContain('body.description');
  const unknown = await township.post(`/api/disasters/sites/${siteId}/people`, {
    name: '无名氏（男）',
    description: '男，约 70 岁，灰色上衣，说白族话',
    homeVillageId: XIZHOU_VILLAGE,
    aid: [{ kind: 'WATER', item: '矿泉水', quantity: 6, unit: '瓶' }],
  });
  expect(unknown.status).toBe(201);
  expect(unknown.body.idNumber).toBeNull();

  // The same person twice while still at a site: 409; more tents than the reserve holds: 409, nothing written.
  const again = await township.post(`/api/disasters/sites/${siteId}/people`, {
    name: '杨树林',
    idNumber: idNumber(11),
    homeVillageId: XIZHOU_VILLAGE,
  });
  expect(again.status).toBe(409);
  const greedy = await township.post(`/api/disasters/sites/${siteId}/people`, {
    name: '李四',
    idNumber: idNumber(12),
    homeVillageId: XIZHOU_VILLAGE,
    aid: [{ kind: 'TENT', stockId, quantity: 9 }],
  });
  expect(greedy.status).toBe(409);
  expect(JSON.stringify(greedy.body)).toContain('body.aid.0.quantity');
  expect((await harness.db.relocationSite.findUniqueOrThrow({ where: { id: siteId } })).occupancy).toBe(4);

  // The list: people still there, masked; the audit log holds no ID number in clear.
  const list = await approver.get(`/api/disasters/${eventId}/sites`);
  expect(list.status).toBe(200);
  const [listed] = list.body.sites;
  expect(listed).toMatchObject({ name: '喜洲镇中心小学安置点', capacity: 10, occupancy: 4 });
  expect(listed.present.map((p: { name: string }) => p.name)).toEqual(['杨树林', '无名氏（男）']);
  expect(JSON.stringify(list.body)).not.toContain(idNumber(11));
  const audits = await harness.db.auditEntry.findMany({ where: { action: 'registerRelocatedPerson' } });
  expect(audits).toHaveLength(2);
  expect(JSON.stringify(audits.map((a) => a.detail))).not.toContain(idNumber(11));
  // The event of another county is not the approver's to see.
  const elsewhere = await prefecture.post('/api/disasters', {
    kind: 'SNOW',
    name: '漾濞雪灾',
    occurredOn: '2026-11-20',
    responseLevel: 4,
    countyIds: ['532922'],
  });
  expect((await approver.get(`/api/disasters/${elsewhere.body.eventId}/sites`)).status).toBe(404);

  // Home again: the place is freed, the person leaves the list; twice is 409.
  const personId = known.body.personId as string;
  const back = await township.post(`/api/disasters/sites/${siteId}/people/${personId}/return`, {
    returnedOn: '2026-11-25',
  });
  expect(back.status).toBe(200);
  expect(back.body).toMatchObject({ returnedOn: '2026-11-25', site: { occupancy: 1 } });
  expect(
    (
      await township.post(`/api/disasters/sites/${siteId}/people/${personId}/return`, {
        returnedOn: '2026-11-25',
      })
    ).status,
  ).toBe(409);
  const after = await approver.get(`/api/disasters/${eventId}/sites`);
  expect(after.body.sites[0].present.map((p: { name: string }) => p.name)).toEqual(['无名氏（男）']);
});

test('the last two places, asked for by four registrations at once: exactly two succeed', async () => {
  const eventId = await declared('11·21 滑坡');
  const siteId = await site(eventId, '周城村委会安置点', 3);
  expect(
    (
      await township.post(`/api/disasters/sites/${siteId}/people`, {
        name: '段一',
        idNumber: idNumber(21),
        homeVillageId: XIZHOU_VILLAGE,
      })
    ).status,
  ).toBe(201);
  const race = await Promise.all(
    [22, 23, 24, 25].map((n) =>
      township.post(`/api/disasters/sites/${siteId}/people`, {
        name: `段${n}`,
        idNumber: idNumber(n),
        homeVillageId: XIZHOU_VILLAGE,
      }),
    ),
  );
  expect(race.map((r) => r.status).sort()).toEqual([201, 201, 409, 409]);
  const full = race.find((r) => r.status === 409)!;
  expect(JSON.stringify(full.body)).toContain('安置点已满');
  const row = await harness.db.relocationSite.findUniqueOrThrow({ where: { id: siteId } });
  expect(row.occupancy).toBe(3);
  expect(await harness.db.relocatedPerson.count({ where: { siteId } })).toBe(3);
  // Over capacity is refused by the database itself.
  await expect(
    harness.db.relocationSite.update({ where: { id: siteId }, data: { occupancy: 4 } }),
  ).rejects.toThrow();

  // A retried registration with its Idempotency-Key takes no second place.
  const roomy = await site(eventId, '周城小学安置点', 5);
  const key = { 'Idempotency-Key': 'relocation-retry-0001' };
  const body = { name: '无名氏', description: '女，约 30 岁', homeVillageId: XIZHOU_VILLAGE };
  const first = await township.post(`/api/disasters/sites/${roomy}/people`, body, key);
  const second = await township.post(`/api/disasters/sites/${roomy}/people`, body, key);
  expect([first.status, second.status]).toEqual([201, 200]);
  expect(second.body.personId).toBe(first.body.personId);
  expect((await harness.db.relocationSite.findUniqueOrThrow({ where: { id: roomy } })).occupancy).toBe(1);
});
