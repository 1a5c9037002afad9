import bcrypt from 'bcryptjs';
import request from 'supertest';
import { DEMO_PASSWORD } from '../../prisma/seed/seed';
import { signedIn } from '../support/console-session';
import { rollCase, rollHousehold, XIZHOU } from '../support/roll-fixtures';
import { useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const http = useTestApp(harness);

const as = (username: string) => ({
  get: (path: string) => request(http.app).get(path).auth(username, DEMO_PASSWORD),
  post: (path: string, body: object, key?: string) => {
    const r = request(http.app).post(path).auth(username, DEMO_PASSWORD);
    return (key ? r.set('Idempotency-Key', key) : r).send(body);
  },
});
const township = as('xiang.xizhou');

/** 大理镇's officer: another township of the same county. */
beforeAll(async () => {
  await harness.db.staffUser.create({
    data: {
      username: 'xiang.dalizhen',
      displayName: '大理镇经办',
      role: 'TOWNSHIP_OFFICER',
      unitId: '532901002',
      passwordHash: await bcrypt.hash(DEMO_PASSWORD, 4),
    },
  });
});

/** An enrolled (or applying) case of a household of 喜洲镇 with a real case number. */
async function caseOf(name: string, caseNo: string, status = 'ENROLLED') {
  const h = await rollHousehold(harness.db, { name, townshipId: XIZHOU });
  const id = await rollCase(harness.db, h, 'DIBAO_RURAL', status);
  await harness.db.case.update({ where: { id }, data: { caseNo } });
  return caseNo;
}

test('结对帮扶: a volunteer and a unit paired, visits recorded once each, hours totalled per volunteer', async () => {
  const enrolled = await caseOf('施阿婆', 'DB-532901-2026-900001');
  const applying = await caseOf('段阿公', 'DB-532901-2026-900002', 'SUBMITTED');

  const pair = (body: object) => township.post('/api/pairings', { startedOn: '2026-11-01', ...body });
  const volunteer = await pair({ caseNo: enrolled, helperKind: 'VOLUNTEER', helperName: '李志愿' });
  expect(volunteer.status).toBe(201);
  // The same pairing again: the first one.
  expect(
    (await pair({ caseNo: enrolled, helperKind: 'VOLUNTEER', helperName: '李志愿' })).body.pairingId,
  ).toBe(volunteer.body.pairingId);
  const unit = await pair({ caseNo: enrolled, helperKind: 'UNIT', helperName: '喜洲镇卫生院' });
  expect(unit.status).toBe(201);
  // Only enrolled households are paired; another township's officer does not find the case.
  expect((await pair({ caseNo: applying, helperKind: 'VOLUNTEER', helperName: '李志愿' })).status).toBe(409);
  const elsewhere = await as('xiang.dalizhen').post('/api/pairings', {
    caseNo: enrolled,
    helperKind: 'VOLUNTEER',
    helperName: '王志愿',
    startedOn: '2026-11-01',
  });
  expect([elsewhere.status, elsewhere.body.details]).toEqual([
    422,
    [{ field: 'body.caseNo', message: `案件 ${enrolled} 不存在 (no such case)` }],
  ]);
  expect(await harness.db.pairing.count()).toBe(2);

  // A visit sent three times at once with one key: recorded once.
  const visits = `/api/pairings/${volunteer.body.pairingId}/visits`;
  const first = { visitedOn: '2026-11-10', help: '送米一袋、油一桶', valueYuan: 150, hours: 2 };
  const sent = await Promise.all([1, 2, 3].map(() => township.post(visits, first, 'visit-2026-11-10-li')));
  expect(sent.map((r) => r.status)).toEqual([201, 201, 201]);
  expect(new Set(sent.map((r) => r.body.visitId)).size).toBe(1);
  expect(
    (await township.post(visits, { visitedOn: '2026-11-20', help: '帮助打扫卫生', hours: 1.5 })).status,
  ).toBe(201);
  expect(
    (
      await township.post(`/api/pairings/${unit.body.pairingId}/visits`, {
        visitedOn: '2026-11-21',
        help: '上门体检',
        hours: 3,
      })
    ).status,
  ).toBe(201);
  expect(await harness.db.pairingVisit.count()).toBe(3);

  const hours = await as('xian.dali').get('/api/pairings/volunteer-hours?year=2026');
  expect(hours.body.items).toEqual([
    // Most hours first.
    { helperKind: 'VOLUNTEER', helperName: '李志愿', households: 1, visits: 2, hours: 3.5, valueYuan: 150 },
    { helperKind: 'UNIT', helperName: '喜洲镇卫生院', households: 1, visits: 1, hours: 3, valueYuan: 0 },
  ]);
  expect((await as('xian.dali').get('/api/pairings/volunteer-hours?year=2025')).body.items).toEqual([]);

  const list = await township.get('/api/pairings');
  expect(list.body.items).toEqual([
    expect.objectContaining({
      caseNo: enrolled,
      applicantName: '施阿婆',
      helperName: '李志愿',
      hours: 3.5,
      valueYuan: 150,
    }),
    expect.objectContaining({ helperName: '喜洲镇卫生院', hours: 3, valueYuan: 0 }),
  ]);
  // Another township's officer lists none of them and finds no pairing to record on.
  expect((await as('xiang.dalizhen').get('/api/pairings')).body.items).toEqual([]);
  expect((await as('xiang.dalizhen').post(visits, first)).status).toBe(404);
  // Readers only: the village assistant is refused.
  expect((await as('cun.xizhou').get('/api/pairings')).status).toBe(403);

  // The console page: pairings, visits and hours; the forms for the township.
  const page = await (await signedIn(http.app, 'xiang.xizhou')).agent.get('/pairings');
  expect(page.status).toBe(200);
  expect(page.text).toContain('送米一袋、油一桶');
  expect(page.text).toContain('id="form-pairing"');
  expect(page.text).toMatch(
    /<tr data-helper="李志愿">.*<td class="num">3.5<\/td><td class="num">150.00<\/td><\/tr>/,
  );
  const supervisor = await (await signedIn(http.app, 'jiandu.zhou')).agent.get('/pairings');
  expect(supervisor.text).toContain('施阿婆');
  expect(supervisor.text).not.toContain('id="form-pairing"');
});

test.each([
  [{ visitedOn: '2026-11-10', help: '走访', hours: 25 }, 'body.hours'],
  [{ visitedOn: '2026-11-10', help: '走访', hours: 1.25 }, 'body.hours'],
  [{ visitedOn: '2026-11-10', help: '走访', hours: 1, valueYuan: -1 }, 'body.valueYuan'],
  [{ visitedOn: '2026-11-10', help: '', hours: 1 }, 'body.help'],
  [{ visitedOn: '2026-13-10', help: '走访', hours: 1 }, 'body.visitedOn'],
  [{ visitedOn: '2026-11-10', help: '走访', hours: 1, minutes: 5 }, 'body.minutes'],
])('a bad visit %j answers 400 naming %s, nothing recorded', async (body, field) => {
  const pairing = await harness.db.pairing.findFirstOrThrow({ where: { helperName: '李志愿' } });
  const before = await harness.db.pairingVisit.count();
  const res = await township.post(`/api/pairings/${pairing.id}/visits`, body);
  expect(res.status).toBe(400);
  expect(res.body.details.map((d: { field: string }) => d.field)).toEqual([field]);
  expect(await harness.db.pairingVisit.count()).toBe(before);
});

test.each([
  [{ caseNo: 'DB-1', helperKind: 'UNIT', helperName: '某单位', startedOn: '2026-11-01' }, 'body.caseNo'],
  [
    { caseNo: 'DB-532901-2026-900001', helperKind: 'CADRE', helperName: '某单位', startedOn: '2026-11-01' },
    'body.helperKind',
  ],
  [
    { caseNo: 'DB-532901-2026-900001', helperKind: 'UNIT', helperName: '', startedOn: '2026-11-01' },
    'body.helperName',
  ],
  [{ caseNo: 'DB-532901-2026-900001', helperKind: 'UNIT', helperName: '某单位' }, 'body.startedOn'],
])('a bad pairing %j answers 400 naming %s, nothing paired', async (body, field) => {
  const before = await harness.db.pairing.count();
  const res = await township.post('/api/pairings', body);
  expect(res.status).toBe(400);
  expect(res.body.details.map((d: { field: string }) => d.field)).toEqual([field]);
  expect(await harness.db.pairing.count()).toBe(before);
});
