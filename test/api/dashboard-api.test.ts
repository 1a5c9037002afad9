import bcrypt from 'bcryptjs';
import request from 'supertest';
import { loadCountyRules } from '../../activities/county-rules';
import { AGEING_BUCKETS, bucketOf } from '../../domain/case-ageing';
import { workingDaysLeft } from '../../domain/working-days';
import { DEMO_PASSWORD } from '../../prisma/seed/seed';
import { basic, fileCase, moveCase, useReadModelApp } from '../support/supervision-fixtures';

const http = useReadModelApp();

const XIZHOU = '532901003001';
const CAICUN = '532901002002';
const YANGBI = '532922001001';

interface Counted {
  key: string;
  name: string;
  count: number;
}
interface Dashboard {
  asOf: string;
  programme: string | null;
  totals: Record<string, number | null>;
  overdueByStep: Counted[];
  overdueByTownship: Counted[];
  overdueByCounty: Counted[];
  ageing: Counted[];
  processing: Counted[];
  openByProgramme: (Counted & { support: Record<string, number | null> | null })[];
  openByCounty: Counted[];
  referrals: unknown[] | null;
}

const dashboard = (username: string, query = '') =>
  request(http.app).get(`/api/dashboard${query}`).set('authorization', basic(username));

const countOf = (rows: Counted[], key: string) => rows.find((r) => r.key === key)?.count ?? 0;

describe('GET /api/dashboard: the dashboard’s figures for supervisors and administrators', () => {
  /** The 大理市 investigation's due date, and the ageing bucket it is overdue by today. */
  const due = '2026-11-13T15:59:59.999Z';
  let bucket: string;

  beforeAll(async () => {
    const late = await fileCase(http.db, { villageId: XIZHOU, name: '段看板甲' });
    await moveCase(
      http.db,
      late.id,
      {
        status: 'INVESTIGATING',
        currentStep: 'investigation',
        assigneeUnitId: '532901003',
        dueAt: due,
        overdue: true,
      },
      { type: 'stepOverdue', step: 'investigation' },
    );
    // A 特困 person supported, living in 喜洲镇敬老院.
    const tekun = await fileCase(http.db, { villageId: XIZHOU, programme: 'TEKUN', name: '段看板乙' });
    await moveCase(
      http.db,
      tekun.id,
      { status: 'ENROLLED' },
      { type: 'caseClosed', step: 'countyApproval', decision: 'enrolled' },
    );
    const person = await http.db.householdMember.findFirstOrThrow({
      where: { householdId: tekun.householdId },
    });
    const bed = await http.db.careHomeBed.findFirstOrThrow({ where: { homeId: '532901003-JLY' } });
    await http.db.carePlacement.create({
      data: {
        caseId: tekun.id,
        personId: person.id,
        homeId: bed.homeId,
        bedId: bed.id,
        careLevel: bed.careLevel,
        idempotencyKey: 'dashboard-api/placement',
      },
    });
    // An application not accepted on its filing day: decided within 0–10 days.
    const refused = await fileCase(http.db, { villageId: CAICUN, name: '段看板丙' });
    await moveCase(
      http.db,
      refused.id,
      { status: 'NOT_ACCEPTED' },
      { type: 'caseClosed', step: 'acceptance', decision: 'notAccepted' },
    );
    // Another county's approval, overdue.
    const yangbi = await fileCase(http.db, { villageId: YANGBI, name: '段看板丁' });
    await moveCase(http.db, yangbi.id, {
      status: 'COUNTY_APPROVAL',
      currentStep: 'countyApproval',
      assigneeUnitId: '532922',
      dueAt: '2026-10-09T15:59:59.999Z',
      overdue: true,
      overallOverdue: true,
    });
    // A supervisor of one village: figures counted from its own rows, not the township tallies;
    // one of a township: from the tallies, its days overdue from its late rows.
    await http.db.staffUser.createMany({
      data: [
        { username: 'jiandu.xizhoucun', displayName: '喜洲村监督', unitId: XIZHOU },
        { username: 'jiandu.xizhouzhen', displayName: '喜洲镇监督', unitId: '532901003' },
      ].map((user) => ({ ...user, role: 'SUPERVISOR', passwordHash: bcrypt.hashSync(DEMO_PASSWORD, 4) })),
    });

    const { calendar } = await loadCountyRules(http.db, '532901');
    bucket = bucketOf(AGEING_BUCKETS, -workingDaysLeft(Date.now(), Date.parse(due), calendar))!.key;
  });

  test('the county supervisor: its county’s late steps by step, township, county and ageing; decisions; open cases', async () => {
    const res = await dashboard('jiandu.dali');
    expect(res.status).toBe(200);
    const d = res.body as Dashboard;
    expect(d.programme).toBeNull();
    expect(d.totals).toMatchObject({ open: 2, overdue: 1, overallOverdue: 0, late: 1, decided: 2 });
    expect(d.overdueByStep).toEqual([{ key: 'investigation', name: '家庭经济状况调查核对', count: 1 }]);
    expect(d.overdueByTownship).toEqual([{ key: '532901003', name: '喜洲镇', count: 1 }]);
    expect(d.overdueByCounty).toEqual([{ key: '532901', name: '大理市', count: 1 }]);
    for (const b of AGEING_BUCKETS)
      expect([b.key, countOf(d.ageing, b.key)]).toEqual([b.key, b.key === bucket ? 1 : 0]);
    // The refusal on its filing day and the 特困 approval, both within ten days.
    expect(countOf(d.processing, '0-10')).toBe(2);
    expect(d.totals.medianProcessingDays).toBe(0);
    expect(d.openByProgramme.map((p) => [p.key, p.count])).toEqual([
      ['DIBAO_URBAN', 0],
      ['DIBAO_RURAL', 1],
      ['TEKUN', 1],
      ['MEDICAL', 0],
      ['TEMPORARY', 0],
      ['VAGRANT', 0],
      ['DISASTER', 0],
    ]);
    expect(d.openByProgramme.find((p) => p.key === 'TEKUN')!.support).toEqual({
      supported: 1,
      centralised: 1,
      dispersed: 0,
      share: 1,
    });
    expect(d.openByCounty).toEqual([{ key: '532901', name: '大理市', count: 2 }]);
    expect(d.referrals).toEqual([]);
    expect(res.text).not.toContain('段看板');
  });

  test('the prefecture supervisor and the administrator: every county', async () => {
    for (const username of ['jiandu.zhou', 'admin']) {
      const d = (await dashboard(username)).body as Dashboard;
      expect(d.totals).toMatchObject({ open: 3, overdue: 2, overallOverdue: 1, late: 2 });
      expect(d.overdueByCounty.map((c) => [c.key, c.count])).toEqual([
        ['532901', 1],
        ['532922', 1],
      ]);
      expect(d.overdueByStep.map((s) => s.key).sort()).toEqual(['countyApproval', 'investigation']);
      expect(d.openByCounty).toHaveLength(12);
    }
  });

  test('one programme: every figure of that programme only; 特困 refers no one', async () => {
    const tekun = (await dashboard('jiandu.dali', '?programme=TEKUN')).body as Dashboard;
    expect(tekun.programme).toBe('TEKUN');
    expect(tekun.totals).toMatchObject({ open: 1, overdue: 0, decided: 1 });
    expect(tekun.overdueByStep).toEqual([]);
    expect(tekun.openByProgramme.map((p) => p.key)).toEqual(['TEKUN']);
    expect(tekun.referrals).toBeNull();
    const rural = (await dashboard('jiandu.dali', '?programme=DIBAO_RURAL')).body as Dashboard;
    expect(rural.totals).toMatchObject({ open: 1, overdue: 1, decided: 1 });
    expect(rural.openByProgramme.find((p) => p.key === 'DIBAO_RURAL')!.support).toBeNull();
  });

  test('a village’s supervisor: the village’s own figures', async () => {
    const d = (await dashboard('jiandu.xizhoucun')).body as Dashboard;
    expect(d.totals).toMatchObject({ open: 2, overdue: 1, decided: 1 });
    expect(d.openByProgramme.find((p) => p.key === 'TEKUN')!.support).toMatchObject({
      supported: 1,
      centralised: 1,
    });
    expect(countOf(d.ageing, bucket)).toBe(1);
  });

  test('a township’s supervisor: the township’s late steps, aged on its county’s calendar', async () => {
    const d = (await dashboard('jiandu.xizhouzhen')).body as Dashboard;
    expect(d.totals).toMatchObject({ open: 2, overdue: 1, overallOverdue: 0, late: 1, decided: 1 });
    expect(d.overdueByStep).toEqual([{ key: 'investigation', name: '家庭经济状况调查核对', count: 1 }]);
    expect(d.overdueByTownship).toEqual([{ key: '532901003', name: '喜洲镇', count: 1 }]);
    for (const b of AGEING_BUCKETS)
      expect([b.key, countOf(d.ageing, b.key)]).toEqual([b.key, b.key === bucket ? 1 : 0]);
  });

  test('staff other than supervisors and administrators: 403; a bureau’s supervisor sees no household', async () => {
    for (const username of ['xiang.xizhou', 'xian.dali', 'bumen.jiaoyu.dali', 'cun.xizhou']) {
      const res = await dashboard(username);
      expect([username, res.status]).toEqual([username, 403]);
    }
    const bureau = (await dashboard('jiandu.jiaoyu.dali')).body as Dashboard;
    expect(bureau.totals).toMatchObject({ open: 0, overdue: 0, decided: 0 });
  });

  test('a bad or unknown parameter answers 400 naming the field', async () => {
    for (const [query, field] of [
      ['?county=532901', 'query.county'],
      ['?programme=HOUSING', 'query.programme'],
      ['?programme=TEKUN&programme=DIBAO_RURAL', 'query.programme'],
    ] as const) {
      const res = await dashboard('jiandu.dali', query);
      expect([query, res.status]).toEqual([query, 400]);
      expect((res.body.details as { field: string }[]).map((d) => d.field)).toContain(field);
    }
  });
});

describe('GET /api/dashboard: open disaster events in the reader’s jurisdiction', () => {
  interface EventFigures {
    eventId: string;
    tally: Record<string, number>;
    stillRelocated: number;
    supplies: { item: string; unit: string; quantity: number }[];
    lists: { kind: string; phases: Record<string, number>; inProgress: number; householdsKept: number }[];
    listsInProgress: number;
    overdue: { lists: number; aid: number; total: number };
  }
  const events = async (username: string, query = '') =>
    ((await dashboard(username, query)).body as Dashboard & { disasterEvents: EventFigures[] })
      .disasterEvents;

  test('tally, people relocated, supplies, lists and overdue steps, each counted within the unit', async () => {
    const declare = (countyId: string, name: string) =>
      http.db.disasterEvent.create({
        data: {
          kind: 'FLOOD',
          name,
          occurredOn: new Date('2026-11-20T00:00:00Z'),
          responseLevel: 4,
          declaredByUnitId: countyId,
          declaredBy: 'xian.dali',
          counties: { create: [{ countyId }] },
        },
      });
    const dali = await declare('532901', '大理洪涝');
    const yangbi = await declare('532922', '漾濞洪涝');
    const report = (eventId: string, countyId: string, villageId: string, on: string, affected: number) =>
      http.db.disasterReport.create({
        data: {
          eventId,
          countyId,
          villageId,
          reportedOn: new Date(`${on}T00:00:00Z`),
          affected,
          relocated: 1,
          dead: 0,
          missing: 0,
          housesCollapsed: 0,
          housesDamaged: 1,
          directLossYuan: 1000,
          reportedBy: 'xian.dali',
        },
      });
    await report(dali.id, '532901', XIZHOU, '2026-11-20', 10);
    await report(dali.id, '532901', XIZHOU, '2026-11-22', 40);
    await report(dali.id, '532901', CAICUN, '2026-11-21', 5);
    await report(yangbi.id, '532922', YANGBI, '2026-11-21', 70);
    await http.db.relocationSite.create({
      data: {
        eventId: dali.id,
        countyId: '532901',
        townshipId: '532901002',
        name: '才村安置点',
        address: '才村小学',
        capacity: 20,
        occupancy: 6,
        createdBy: 'xian.dali',
      },
    });
    await http.db.reliefStock.createMany({
      data: [
        { countyId: '532901', item: '棉被', unit: '床', location: '大理市储备库', quantity: 30 },
        { countyId: '532922', item: '棉被', unit: '床', location: '漾濞县储备库', quantity: 8 },
      ],
    });
    // A winter/spring list of 喜洲村 at county approval, overdue (a case standing in for its own).
    const listCase = await fileCase(http.db, { villageId: XIZHOU, name: '喜洲村冬春救助名单' });
    await moveCase(
      http.db,
      listCase.id,
      { status: 'COUNTY_APPROVAL', currentStep: 'countyApproval', assigneeUnitId: '532901', overdue: true },
      { type: 'stepOverdue', step: 'countyApproval' },
    );
    await http.db.disasterList.create({
      data: {
        eventId: dali.id,
        kind: 'WINTER_RELIEF',
        countyId: '532901',
        townshipId: '532901003',
        villageId: XIZHOU,
        caseId: listCase.id,
        createdBy: 'cun.xizhou',
        households: {
          create: [
            { name: '甲', amountYuan: 500, reason: '口粮受灾' },
            { name: '乙', amountYuan: 300, reason: '衣被不足', removedWhy: '已另行救助' },
          ],
        },
      },
    });

    const prefecture = await events('jiandu.zhou');
    expect(prefecture.map((e) => e.eventId).sort()).toEqual([dali.id, yangbi.id].sort());
    const county = await events('jiandu.dali');
    expect(county.map((e) => e.eventId)).toEqual([dali.id]);
    expect(county[0]).toMatchObject({
      tally: { villages: 2, affected: 45, relocated: 2, housesDamaged: 2, directLossYuan: 2000 },
      stillRelocated: 6,
      supplies: [{ item: '棉被', unit: '床', quantity: 30 }],
      lists: [
        {
          kind: 'WINTER_RELIEF',
          phases: { appraisal: 0, notice: 0, townshipReview: 0, countyApproval: 1, approved: 0, refused: 0 },
          inProgress: 1,
          householdsKept: 1,
        },
      ],
      listsInProgress: 1,
      overdue: { lists: 1, aid: 0, total: 1 },
    });
    // The village's supervisor: its own village's reports only.
    const village = await events('jiandu.xizhoucun');
    expect(village.map((e) => [e.eventId, e.tally.affected, e.listsInProgress])).toEqual([[dali.id, 40, 1]]);
    // Another programme chosen: no events.
    expect(await events('jiandu.dali', '?programme=TEKUN')).toEqual([]);
    expect((await events('jiandu.dali', '?programme=DISASTER')).map((e) => e.eventId)).toEqual([dali.id]);
  });
});
