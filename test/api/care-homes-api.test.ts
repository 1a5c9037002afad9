import bcrypt from 'bcryptjs';
import request from 'supertest';
import type { CareLevel } from '../../domain/care-level';
import type { StaffRole } from '../../domain/staff-roles';
import { DEMO_PASSWORD } from '../../prisma/seed/seed';
import type { CaseDriver } from '../support/case-driver';
import { signedIn } from '../support/console-session';
import { idNumber, waitFor } from '../support/fixtures';
import { tekunApplication, TekunDriver } from '../support/tekun-driver';
import { useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const http = useTestApp(harness);

const auth = (username: string) => `Basic ${Buffer.from(`${username}:${DEMO_PASSWORD}`).toString('base64')}`;
const get = (username: string, url: string) =>
  request(http.app).get(url).set('Authorization', auth(username));

const XIZHOU_HOME = '532901003-JLY';
const DALI_HOME = '532901002-JLY';

/** Users this file adds: another township of 大理市, 大理镇敬老院's manager, and 漾濞's approver. */
const EXTRA_USERS: { username: string; displayName: string; role: StaffRole; unitId: string }[] = [
  { username: 'xiang.dalizhen', displayName: '大理镇经办', role: 'TOWNSHIP_OFFICER', unitId: '532901002' },
  { username: 'jly.dalizhen', displayName: '大理镇敬老院院长', role: 'CARE_HOME_MANAGER', unitId: DALI_HOME },
  { username: 'xian.yangbi', displayName: '漾濞县审批', role: 'COUNTY_APPROVER', unitId: '532922' },
];

/** 喜洲村's 特困 people of this file: born apart, so their ID numbers differ. */
const PEOPLE = {
  /** Full loss, chose 喜洲镇敬老院: its one full-care bed. */
  placed: { name: '尹阿公', birthDate: '1938-02-02', serial: 301 },
  /** Full loss, chose 喜洲镇敬老院 too: waits, first in line (cannot look after himself). */
  waiting: { name: '施阿婆', birthDate: '1939-03-03', serial: 302 },
  /** Partial loss, any home of the county: the first fitting bed by home, 大理镇敬老院's 2-01. */
  anyHome: { name: '赵阿婆', birthDate: '1940-04-04', serial: 303 },
};
const idNumberOf = (p: { birthDate: string; serial: number }) => idNumber(p.birthDate, p.serial);

async function support(
  person: (typeof PEOPLE)[keyof typeof PEOPLE],
  careLevel: CareLevel,
  preferredHomeId?: string,
): Promise<{ driver: CaseDriver; caseNo: string }> {
  const driver = await TekunDriver.support(harness.env, harness.db, {
    application: tekunApplication(person),
    careLevel,
    supportMode: { mode: 'centralised', ...(preferredHomeId && { preferredHomeId }) },
  });
  await waitFor(async () => {
    const types = await driver.eventTypes();
    return types.includes('placed') || types.includes('waitingListed');
  }, `${person.name} placed or waiting`);
  return { driver, caseNo: (await driver.row()).caseNo };
}

interface Line {
  caseNo: string;
  name: string;
  careLevel: string;
  cannotLookAfterSelf: boolean;
  status: string;
  position: number | null;
  preferredHomeId: string | null;
  preferredHomeName: string | null;
}
interface Overview {
  countyId: string;
  scope: string;
  homes: { id: string; waiting: Line[] }[];
  waitingAnyHome: Line[];
  waitingList: Line[];
  centralised: { placed: number; supported: number; share: number | null } | null;
}

async function overview(username: string, query = ''): Promise<Overview> {
  const res = await get(username, `/api/care-homes${query}`);
  expect([username, res.status]).toEqual([username, 200]);
  return res.body as Overview;
}

describe('the care-home API', () => {
  const caseNos = { placed: '', waiting: '', anyHome: '' };

  beforeAll(async () => {
    const passwordHash = await bcrypt.hash(DEMO_PASSWORD, 4);
    for (const user of EXTRA_USERS) await harness.db.staffUser.create({ data: { ...user, passwordHash } });
    // One after another: the waiting list's order is the order of the requests.
    caseNos.placed = (await support(PEOPLE.placed, 'fullLoss', XIZHOU_HOME)).caseNo;
    caseNos.waiting = (await support(PEOPLE.waiting, 'fullLoss', XIZHOU_HOME)).caseNo;
    caseNos.anyHome = (await support(PEOPLE.anyHome, 'partialLoss')).caseNo;
  });

  test("the county's figures after placing people: beds by level, occupancy, staff, the list, the centralised share", async () => {
    const body = await overview('xian.dali');
    expect(body.countyId).toBe('532901');
    expect(body.scope).toBe('county');
    expect(body.homes.map((h) => h.id)).toEqual([DALI_HOME, XIZHOU_HOME]);
    const [dali, xizhou] = body.homes;
    expect(xizhou).toMatchObject({
      name: '喜洲镇敬老院',
      staffCount: 4,
      beds: { total: 6, occupied: 1, held: 0, free: 5 },
      bedsByLevel: {
        selfCare: { total: 3, occupied: 0, held: 0, free: 3 },
        partialLoss: { total: 2, occupied: 0, held: 0, free: 2 },
        fullLoss: { total: 1, occupied: 1, held: 0, free: 0 },
      },
    });
    expect((xizhou as unknown as { occupancy: number }).occupancy).toBeCloseTo(1 / 6);
    expect(dali).toMatchObject({
      name: '大理镇敬老院',
      staffCount: 3,
      beds: { total: 4, occupied: 1, held: 0, free: 3 },
      bedsByLevel: { partialLoss: { total: 1, occupied: 1, held: 0, free: 0 } },
      occupancy: 0.25,
      waiting: [],
    });
    const waiting = {
      caseNo: caseNos.waiting,
      name: PEOPLE.waiting.name,
      careLevel: 'fullLoss',
      cannotLookAfterSelf: true,
      status: 'WAITING',
      position: 1,
      preferredHomeId: XIZHOU_HOME,
      preferredHomeName: '喜洲镇敬老院',
    };
    expect(xizhou!.waiting).toEqual([expect.objectContaining(waiting)]);
    expect(body.waitingList).toEqual([expect.objectContaining(waiting)]);
    expect(body.waitingAnyHome).toEqual([]);
    // Three people supported, two of them in a home.
    expect(body.centralised!.placed).toBe(2);
    expect(body.centralised!.supported).toBe(3);
    expect(body.centralised!.share).toBeCloseTo(2 / 3);
    // The county's supervisor sees what the county sees.
    expect(await overview('jiandu.dali')).toEqual(body);
  });

  test('one home: every bed with its occupant, its residents and its list, by name and case number only', async () => {
    const res = await get('xian.dali', `/api/care-homes/${XIZHOU_HOME}`);
    expect(res.status).toBe(200);
    const bedList = res.body.bedList as {
      label: string;
      careLevel: string;
      state: string;
      occupant: unknown;
    }[];
    expect(bedList.map((b) => [b.label, b.careLevel, b.state])).toEqual([
      ['1-01', 'selfCare', 'free'],
      ['1-02', 'selfCare', 'free'],
      ['1-03', 'selfCare', 'free'],
      ['2-01', 'partialLoss', 'free'],
      ['2-02', 'partialLoss', 'free'],
      ['3-01', 'fullLoss', 'occupied'],
    ]);
    expect(bedList[5]!.occupant).toMatchObject({ name: PEOPLE.placed.name, caseNo: caseNos.placed });
    expect(res.body.residents).toEqual([
      expect.objectContaining({ name: PEOPLE.placed.name, caseNo: caseNos.placed, bedLabel: '3-01' }),
    ]);
    expect(res.body.waiting.map((l: Line) => l.caseNo)).toEqual([caseNos.waiting]);
    for (const person of Object.values(PEOPLE)) expect(res.text).not.toContain(idNumberOf(person));
  });

  test('a township officer: the own township’s homes, and of the list only the township’s people', async () => {
    const xizhou = await overview('xiang.xizhou');
    expect(xizhou.scope).toBe('township');
    expect(xizhou.homes.map((h) => h.id)).toEqual([XIZHOU_HOME]);
    expect(xizhou.waitingList.map((l) => l.caseNo)).toEqual([caseNos.waiting]);
    expect(xizhou.centralised).toMatchObject({ placed: 2, supported: 3 });
    expect((await get('xiang.xizhou', `/api/care-homes/${XIZHOU_HOME}`)).status).toBe(200);
    expect((await get('xiang.xizhou', `/api/care-homes/${DALI_HOME}`)).status).toBe(404);

    // 大理镇's officer: its home, where a 喜洲 person lives; none of 喜洲's people on the list.
    const dalizhen = await overview('xiang.dalizhen');
    expect(dalizhen.homes.map((h) => h.id)).toEqual([DALI_HOME]);
    expect(dalizhen.waitingList).toEqual([]);
    const home = await get('xiang.dalizhen', `/api/care-homes/${DALI_HOME}`);
    expect(home.status).toBe(200);
    expect(home.body.residents.map((r: { caseNo: string }) => r.caseNo)).toEqual([caseNos.anyHome]);
    expect((await get('xiang.dalizhen', `/api/care-homes/${XIZHOU_HOME}`)).status).toBe(404);
  });

  test("a care home's manager: the own home, its residents and those waiting for it; no other home, no county share", async () => {
    const own = await overview('jly.xizhou');
    expect(own.scope).toBe('home');
    expect(own.homes.map((h) => h.id)).toEqual([XIZHOU_HOME]);
    expect(own.waitingList.map((l) => l.caseNo)).toEqual([caseNos.waiting]);
    expect(own.centralised).toBeNull();
    const home = await get('jly.xizhou', `/api/care-homes/${XIZHOU_HOME}`);
    expect(home.status).toBe(200);
    expect(home.body.residents.map((r: { name: string }) => r.name)).toEqual([PEOPLE.placed.name]);
    expect(home.body.waiting.map((l: Line) => l.name)).toEqual([PEOPLE.waiting.name]);
    for (const person of Object.values(PEOPLE)) expect(home.text).not.toContain(idNumberOf(person));
    expect((await get('jly.xizhou', `/api/care-homes/${DALI_HOME}`)).status).toBe(404);
    expect((await get('jly.xizhou', '/api/care-homes?countyId=532922')).status).toBe(403);

    // 大理镇's manager: a 喜洲 person lives there; nobody waits for it.
    const other = await overview('jly.dalizhen');
    expect(other.homes.map((h) => h.id)).toEqual([DALI_HOME]);
    expect(other.waitingList).toEqual([]);
    expect((await get('jly.dalizhen', `/api/care-homes/${XIZHOU_HOME}`)).status).toBe(404);
  });

  test('out of jurisdiction: another county is 403, its home 404; above the county, countyId is asked for', async () => {
    // 漾濞's approver: the own county (no homes), never 大理市's.
    const yangbi = await overview('xian.yangbi');
    expect(yangbi).toMatchObject({ countyId: '532922', scope: 'county', homes: [], waitingList: [] });
    const foreign = await get('xian.yangbi', '/api/care-homes?countyId=532901');
    expect(foreign.status).toBe(403);
    expect(foreign.text).not.toContain(PEOPLE.waiting.name);
    expect((await get('xian.yangbi', `/api/care-homes/${XIZHOU_HOME}`)).status).toBe(404);
    // A bureau's supervisor has no home in its jurisdiction: 大理市 is not its to read.
    expect((await get('jiandu.jiaoyu.dali', '/api/care-homes')).status).toBe(403);

    // The prefecture's supervisor and administrator name the county; then see all of it.
    for (const username of ['jiandu.zhou', 'admin']) {
      const none = await get(username, '/api/care-homes');
      expect([username, none.status]).toEqual([username, 400]);
      expect(none.body.details[0].field).toBe('query.countyId');
      const dali = await overview(username, '?countyId=532901');
      expect(dali.scope).toBe('county');
      expect(dali.waitingList.map((l) => l.caseNo)).toEqual([caseNos.waiting]);
      expect((await get(username, `/api/care-homes/${DALI_HOME}`)).status).toBe(200);
    }
  });

  test('village assistants and department officers are refused, whatever home or county they name', async () => {
    for (const username of ['cun.xizhou', 'bumen.jiaoyu.dali']) {
      for (const url of [
        '/api/care-homes',
        '/api/care-homes?countyId=532901',
        `/api/care-homes/${XIZHOU_HOME}`,
        '/api/care-homes/532901009-JLY',
      ]) {
        const res = await get(username, url);
        expect([username, url, res.status]).toEqual([username, url, 403]);
        expect(res.text).not.toContain(PEOPLE.waiting.name);
      }
    }
    expect((await request(http.app).get('/api/care-homes')).status).toBe(401);
  });

  test('a bad query or home id names the field with a 4xx, never a 500', async () => {
    const cases: [url: string, status: number, field: string | null][] = [
      ['/api/care-homes?countyId=dali', 400, 'query.countyId'],
      ['/api/care-homes?countyId=5329011', 400, 'query.countyId'],
      ['/api/care-homes?countyId=532901&countyId=532922', 400, 'query.countyId'],
      // Well formed, but no county: the prefecture's code, and a code nobody has.
      ['/api/care-homes?countyId=532900', 422, 'query.countyId'],
      ['/api/care-homes?countyId=999999', 422, 'query.countyId'],
      ['/api/care-homes/not-a-home', 400, 'params.homeId'],
      [`/api/care-homes/${encodeURIComponent("532901003-JLY' OR 1=1")}`, 400, 'params.homeId'],
      // Well formed and nobody's: as if out of jurisdiction.
      ['/api/care-homes/532901009-JLY', 404, null],
    ];
    for (const [url, status, field] of cases) {
      const res = await get('xian.dali', url);
      expect([url, res.status]).toEqual([url, status]);
      if (field) expect([url, res.body.details?.[0]?.field]).toEqual([url, field]);
    }
  });

  test('the console page: each reader its part, case numbers linked for whoever may open the case', async () => {
    const page = async (username: string, query = '') => {
      const { agent } = await signedIn(http.app, username);
      return agent.get(`/care-homes${query}`);
    };
    const county = await page('xian.dali');
    expect(county.status).toBe(200);
    expect(county.text).toContain('data-home="532901002-JLY"');
    expect(county.text).toContain('data-home="532901003-JLY"');
    expect(county.text).toContain('集中供养率 <strong>66.7%</strong>');
    expect(county.text).toContain('完全丧失生活自理能力');
    expect(county.text).toContain(`<a href="/cases/${caseNos.waiting}">`);
    expect(county.text).toContain(`<a href="/cases/${caseNos.anyHome}">`);
    for (const person of Object.values(PEOPLE)) expect(county.text).not.toContain(idNumberOf(person));

    const township = await page('xiang.xizhou');
    expect(township.status).toBe(200);
    expect(township.text).not.toContain('data-home="532901002-JLY"');
    expect(township.text).toContain(`<a href="/cases/${caseNos.waiting}">`);

    // The prefecture's supervisor picks a county first.
    const pick = await page('jiandu.zhou');
    expect(pick.status).toBe(200);
    expect(pick.text).toContain('id="county-picker"');
    expect(pick.text).not.toContain('data-home=');
    expect((await page('jiandu.zhou', '?countyId=532901')).text).toContain('data-home="532901003-JLY"');

    expect((await page('cun.xizhou')).status).toBe(403);
    expect((await page('xian.yangbi', '?countyId=532901')).status).toBe(403);
    const bad = await page('xian.dali', '?countyId=dali');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('query.countyId');
  });

  test('every read is audited with the case numbers it showed; refusals are not', async () => {
    const before = await harness.db.auditEntry.count({
      where: { resource: { in: ['careHomes', 'careHome'] } },
    });
    await overview('xiang.xizhou');
    expect((await get('jly.xizhou', `/api/care-homes/${XIZHOU_HOME}`)).status).toBe(200);
    expect((await get('cun.xizhou', '/api/care-homes')).status).toBe(403);
    expect((await get('xian.yangbi', `/api/care-homes/${XIZHOU_HOME}`)).status).toBe(404);
    const entries = await harness.db.auditEntry.findMany({
      where: { resource: { in: ['careHomes', 'careHome'] } },
      orderBy: { id: 'asc' },
      skip: before,
    });
    expect(entries.map((e) => [e.username, e.action, e.resource, e.resourceId])).toEqual([
      ['xiang.xizhou', 'read', 'careHomes', '532901'],
      ['jly.xizhou', 'read', 'careHome', XIZHOU_HOME],
    ]);
    expect(entries[0]!.detail).toEqual({ homeIds: [XIZHOU_HOME], caseNos: [caseNos.waiting] });
    expect(entries[1]!.detail).toEqual({ caseNos: [caseNos.placed, caseNos.waiting] });
  });
});
