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
    // A supervisor of one village: figures counted from its own rows, not the township tallies.
    await http.db.staffUser.create({
      data: {
        username: 'jiandu.xizhoucun',
        displayName: '喜洲村监督',
        role: 'SUPERVISOR',
        unitId: XIZHOU,
        passwordHash: await bcrypt.hash(DEMO_PASSWORD, 4),
      },
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
