import ExcelJS from 'exceljs';
import request from 'supertest';
import { DEMO_PASSWORD } from '../../prisma/seed/seed';
import { CaseDriver, DAY_MS } from '../support/case-driver';
import { dibaoApplication, waitFor } from '../support/fixtures';
import { tekunApplication, TekunDriver } from '../support/tekun-driver';
import { useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';
import { monthStart } from '../../domain/benefit-months';

const harness = useWorkflowHarness();
const http = useTestApp(harness);

const basic = (username: string) => `Basic ${Buffer.from(`${username}:${DEMO_PASSWORD}`).toString('base64')}`;

const subsidies = (caseId: string) =>
  harness.db.premiumSubsidy.findMany({ where: { caseId }, orderBy: { idNumber: 'asc' } });

describe('参保资助 premium subsidy: granted with the enrolment, ended with it', () => {
  test('a 低保 enrolment subsidises every counted member at 85 %; the exit ends it; the insurer’s list has them (CSV and XLSX)', async () => {
    const application = dibaoApplication();
    const c = await CaseDriver.file(harness.env, harness.db, application);
    expect(await subsidies(c.caseId)).toEqual([]);
    const e = await c.toEnrolment();
    const granted = await waitFor(async () => {
      const rows = await subsidies(c.caseId);
      return rows.length > 0 && rows;
    }, 'the subsidy granted');
    expect(granted.map((r) => r.idNumber).sort()).toEqual(application.members.map((m) => m.idNumber).sort());
    expect(granted.every((r) => r.category === 'dibao' && r.endedOn === null)).toBe(true);
    const [started] = await e.eventsOf('enrolmentStarted');
    expect(granted[0]!.startEventKey).toBe(started!.idempotencyKey);

    // Voluntary withdrawal: written notice, the benefit stops from the following month.
    await e.passTime(45 * DAY_MS);
    await e.act('requestExit', 'xiang.xizhou', {
      reason: 'voluntaryWithdrawal',
      occurredOn: '2027-01-10',
      evidence: '本人签字的退出申请书',
    });
    // Still subsidised while the notice runs.
    expect((await subsidies(c.caseId)).every((r) => r.endedOn === null)).toBe(true);
    const { stopFromMonth } = await e.enrolmentState();
    await e.passTime(monthStart(stopFromMonth!) - (await harness.env.currentTimeMs()) + 3600_000);
    await waitFor(async () => (await e.row()).status === 'EXITED', 'the enrolment to end');
    const ended = await subsidies(c.caseId);
    const [endedEvent] = await e.eventsOf('enrolmentEnded');
    expect(ended.every((r) => r.endedOn !== null && r.endEventKey === endedEvent!.idempotencyKey)).toBe(true);

    // The year's list for the insurer names each of them, 400 × 85 % = 340 yuan each.
    const year = ended[0]!.startedOn.getUTCFullYear();
    const csv = await request(http.app)
      .get(`/api/counties/532901/premium-subsidies?year=${year}`)
      .set('Authorization', basic('xian.dali'))
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      '姓名,公民身份号码,资助类别,救助案件编号,资助起始日期,资助终止日期,个人缴费标准（元）,资助比例（%）,资助金额（元）',
    );
    const caseNo = (await c.row()).caseNo;
    const mine = lines.filter((l) => l.includes(caseNo));
    expect(mine).toHaveLength(application.members.length);
    for (const line of mine) expect(line).toMatch(/,低保对象,.*,400\.00,85,340\.00$/);

    const xlsx = await request(http.app)
      .get(`/api/counties/532901/premium-subsidies?year=${year}&format=xlsx`)
      .set('Authorization', basic('jiandu.dali'))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const book = new ExcelJS.Workbook();
    const file = xlsx.body as Buffer;
    await book.xlsx.load(
      file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer,
    );
    const sheet = book.worksheets[0]!;
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(String)));
    expect(rows[0]![1]).toBe('公民身份号码');
    const fromSheet = rows.filter((r) => r[3] === caseNo);
    expect(fromSheet.map((r) => r[1]).sort()).toEqual(application.members.map((m) => m.idNumber).sort());
    for (const r of fromSheet)
      expect([r[2], r[6], r[7], r[8]]).toEqual(['低保对象', '400.00', '85', '340.00']);
    expect(fromSheet.every((r) => r[5] !== '')).toBe(true);

    // Another year's list leaves them out; a township officer may not take the list at all.
    const later = await request(http.app)
      .get(`/api/counties/532901/premium-subsidies?year=${year + 5}`)
      .set('Authorization', basic('xian.dali'))
      .expect(200);
    expect(later.text).not.toContain(caseNo);
    await request(http.app)
      .get(`/api/counties/532901/premium-subsidies?year=${year}`)
      .set('Authorization', basic('xiang.xizhou'))
      .expect(403);
  });

  test('a 特困 person is subsidised in full, alone: 400 yuan', async () => {
    const support = await TekunDriver.support(harness.env, harness.db, {
      application: tekunApplication({ name: '李阿婆' }),
    });
    const [row] = await waitFor(async () => {
      const rows = await subsidies(support.caseId);
      return rows.length > 0 && rows;
    }, 'the subsidy granted');
    expect(row!.category).toBe('extremePoverty');
    const csv = await request(http.app)
      .get(`/api/counties/532901/premium-subsidies?year=${row!.startedOn.getUTCFullYear()}`)
      .set('Authorization', basic('xian.dali'))
      .expect(200);
    const line = csv.text.split('\r\n').find((l) => l.includes(row!.idNumber))!;
    expect(line).toMatch(/^李阿婆,.*,特困人员,.*,400\.00,100,400\.00$/);
    await support.discard();
  });
});
