import request from 'supertest';
import { loadCountyRules } from '../../activities/county-rules';
import { DEMO_PASSWORD } from '../../prisma/seed/seed';
import { useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const http = useTestApp(harness);

const basic = (username: string) => `Basic ${Buffer.from(`${username}:${DEMO_PASSWORD}`).toString('base64')}`;
const get = (username: string, path: string) =>
  request(http.app).get(path).set('Authorization', basic(username));
const post = (username: string, path: string, body: object = {}) =>
  request(http.app).post(path).set('Authorization', basic(username)).send(body);

const CALENDAR_2027 = [
  'date,kind,name',
  '2027-01-01,HOLIDAY,元旦',
  '2027-02-06,WORKDAY,春节调休',
  '2027-02-08,HOLIDAY,春节',
  '"2027-02-09",HOLIDAY,"春节"',
  '',
].join('\n');

describe('节假日 the official calendar', () => {
  test('the prefecture administrator imports a year from a file; the deadlines count on it', async () => {
    const imported = await post('admin', '/api/calendar/2027/import', { csv: CALENDAR_2027 });
    expect([imported.status, imported.body]).toEqual([201, { year: 2027, imported: 4, replaced: 0 }]);
    const year = await get('xiang.xizhou', '/api/calendar?year=2027');
    expect(year.body).toEqual({
      year: 2027,
      editable: false,
      days: [
        { date: '2027-01-01', kind: 'HOLIDAY', name: '元旦' },
        { date: '2027-02-06', kind: 'WORKDAY', name: '春节调休' },
        { date: '2027-02-08', kind: 'HOLIDAY', name: '春节' },
        { date: '2027-02-09', kind: 'HOLIDAY', name: '春节' },
      ],
    });
    const { calendar } = await loadCountyRules(harness.db, '532901', new Date('2027-01-15T00:00:00Z'));
    expect(calendar.holidays).toEqual(expect.arrayContaining(['2027-02-08', '2027-02-09']));
    expect(calendar.extraWorkdays).toContain('2027-02-06');
    // Importing the year again replaces it whole.
    const again = await post('admin', '/api/calendar/2027/import', { csv: '2027-10-01,HOLIDAY,国庆节' });
    expect(again.body).toEqual({ year: 2027, imported: 1, replaced: 4 });
    expect(
      await harness.db.auditEntry.count({ where: { action: 'importCalendar', resourceId: '2027' } }),
    ).toBe(2);
  });

  test('a file with any bad row writes nothing, and names each problem by row and column', async () => {
    const before = await get('admin', '/api/calendar?year=2026');
    const csv = [
      'date,kind,name',
      '2026-10-01,HOLIDAY,国庆节',
      '2026-02-30,HOLIDAY,春节',
      '2026-10-02,HOLIDAY',
      '2026-10-08,WORKDAY,国庆节调休',
      '2027-01-01,HOLIDAY,元旦',
      '2026-10-01,VACATION,',
    ].join('\n');
    const res = await post('admin', '/api/calendar/2026/import', { csv });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual([
      'body.csv.3.date',
      'body.csv.4',
      'body.csv.5.kind',
      'body.csv.6.date',
      'body.csv.7.kind',
      'body.csv.7.name',
      'body.csv.7.date',
    ]);
    expect(res.body.details[0]).toMatchObject({
      row: 3,
      column: 'date',
      message: '第 3 行 date 列：「2026-02-30」不是有效日期，格式应为 YYYY-MM-DD',
    });
    expect(res.body.details[2].message).toBe(
      '第 5 行 kind 列：2026-10-08 是周四，本来就上班；调休上班日（WORKDAY）应为周六或周日',
    );
    expect(res.body.details[6].message).toBe('第 7 行 date 列：2026-10-01 与第 2 行重复');
    expect((await get('admin', '/api/calendar?year=2026')).body).toEqual(before.body);
  });

  test('a day is edited: a holiday, a weekend working day, or ordinary again', async () => {
    const holiday = await post('admin', '/api/calendar/days/2026-12-31', {
      kind: 'HOLIDAY',
      name: '跨年调休',
    });
    expect(holiday.status).toBe(200);
    const weekday = await post('admin', '/api/calendar/days/2026-12-30', { kind: 'WORKDAY', name: '调休' });
    expect([weekday.status, weekday.body.details[0].field]).toEqual([422, 'body.kind']);
    const missingName = await post('admin', '/api/calendar/days/2026-12-26', { kind: 'WORKDAY' });
    expect([missingName.status, missingName.body.details[0].field]).toEqual([400, 'body.name']);
    expect((await post('admin', '/api/calendar/days/2026-02-30', { kind: 'NORMAL' })).status).toBe(400);
    expect((await post('admin', '/api/calendar/days/2026-12-31', { kind: 'NORMAL' })).status).toBe(200);
    const year = await get('admin', '/api/calendar?year=2026');
    expect(year.body.editable).toBe(true);
    expect(year.body.days.map((d: { date: string }) => d.date)).not.toContain('2026-12-31');
  });

  test('only the prefecture administrator keeps the calendar', async () => {
    await harness.db.staffUser.create({
      data: {
        username: 'admin.dali',
        displayName: '大理市管理员',
        role: 'ADMINISTRATOR',
        unitId: '532901',
        passwordHash: (await harness.db.staffUser.findUniqueOrThrow({ where: { username: 'admin' } }))
          .passwordHash,
      },
    });
    for (const username of ['admin.dali', 'xian.dali', 'jiandu.zhou'])
      expect((await post(username, '/api/calendar/days/2026-12-31', { kind: 'NORMAL' })).status).toBe(403);
    expect((await get('admin.dali', '/api/calendar?year=2026')).body.editable).toBe(false);
    expect((await get('admin', '/api/calendar?year=1999')).body.details[0].field).toBe('query.year');
  });
});
