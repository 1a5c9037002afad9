import { queueCalendarWarnings } from '../../api/calendar-warnings';
import { localDateOf } from '../../domain/working-days';
import { CaseDriver } from '../support/case-driver';
import { signedIn } from '../support/console-session';
import { waitFor } from '../support/fixtures';
import { useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const http = useTestApp(harness);

/** An instant on the prefecture's wall clock. */
const at = (localDate: string, time = '10:00') => new Date(`${localDate}T${time}:00+08:00`);

const realNow = Date.now.bind(Date);

/** The console reads Date.now(): move it to a local date, still ticking. Sign in after. */
function todayIs(localDate: string): void {
  const offset = at(localDate).getTime() - realNow();
  jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
}

afterEach(() => jest.restoreAllMocks());

/** 1 January of a year, always a public holiday (元旦): enough to count the year as loaded. */
const newYearsDay = (year: number) => ({
  date: new Date(`${year}-01-01T00:00:00Z`),
  kind: 'HOLIDAY' as const,
  name: '元旦',
});

const yearRange = (year: number) => ({
  gte: new Date(`${year}-01-01T00:00:00Z`),
  lte: new Date(`${year}-12-31T00:00:00Z`),
});

const banner = (html: string) => html.match(/<div[^>]*id="calendar-warning"[\s\S]*?<\/div>/)?.[0] ?? null;

describe('节假日日历 the holiday calendar’s years', () => {
  // The seed loads 2026 only.
  test('from 1 October an administrator sees a banner on every page while next year is missing; others never do', async () => {
    todayIs('2026-10-02');
    const admin = await signedIn(http.app, 'admin');
    for (const path of ['/dashboard', '/security-log', '/cases/DB-532901-2026-999999']) {
      const page = await admin.agent.get(path);
      expect([path, banner(page.text)]).toEqual([
        path,
        expect.stringContaining('2027 年度法定节假日安排尚未导入'),
      ]);
    }
    const supervisor = await signedIn(http.app, 'jiandu.dali');
    const dashboard = await supervisor.agent.get('/dashboard');
    expect(banner(dashboard.text)).toBeNull();
    // The dashboard lists the years for supervisors and administrators alike.
    const years = dashboard.text.match(/<table[^>]*id="calendar-years-table"[\s\S]*?<\/table>/)![0];
    expect(years).toMatch(/<tr data-year="2026">[\s\S]*?已导入/);
    expect(years).toMatch(/<tr data-year="2027">[\s\S]*?未导入，期限按周末计算/);

    todayIs('2026-09-30');
    const before = await signedIn(http.app, 'admin');
    expect(banner((await before.agent.get('/dashboard')).text)).toBeNull();
  });

  test('once next year is loaded the banner goes, until the next October', async () => {
    await harness.db.calendarDay.create({ data: newYearsDay(2027) });
    try {
      todayIs('2026-12-01');
      const admin = await signedIn(http.app, 'admin');
      const page = await admin.agent.get('/dashboard');
      expect(banner(page.text)).toBeNull();
      expect(page.text).toMatch(/<tr data-year="2027">[\s\S]*?已导入/);
      todayIs('2027-10-01');
      const later = await signedIn(http.app, 'admin');
      expect(banner((await later.agent.get('/dashboard')).text)).toContain('2028 年度');
    } finally {
      await harness.db.calendarDay.deleteMany({ where: { date: yearRange(2027) } });
    }
  });

  test('each administrator is mailed once per missing year, over real SMTP', async () => {
    const adminMail = 'admin@staff.jiuzhu.local';
    expect(await queueCalendarWarnings(harness.db, at('2026-09-30'))).toBe(0);
    expect(await queueCalendarWarnings(harness.db, at('2026-10-01'))).toBe(1);
    const mail = await waitFor(
      async () => harness.inbox.to(adminMail).find((m) => m.subject.includes('2027')),
      'the calendar warning',
    );
    expect(mail.subject).toBe('【节假日安排未导入】2027 年度');
    expect(mail.text).toContain('2027 年度的法定节假日安排');
    expect(mail.text).toContain('只按周末计算');

    // Every later round that year, whatever the process: nothing more.
    expect(await queueCalendarWarnings(harness.db, at('2026-10-02'))).toBe(0);
    expect(await queueCalendarWarnings(harness.db, at('2026-12-31'))).toBe(0);
    expect(await queueCalendarWarnings(harness.db, at('2027-01-05'))).toBe(0);
    // A new administrator is told too, once; supervisors never are.
    const second = await harness.db.staffUser.create({
      data: {
        username: 'admin.second',
        displayName: '第二管理员',
        role: 'ADMINISTRATOR',
        unitId: '532900',
        email: 'admin.second@staff.jiuzhu.local',
        passwordHash: 'x',
      },
    });
    expect(await queueCalendarWarnings(harness.db, at('2026-11-01'))).toBe(1);
    await waitFor(
      async () => harness.inbox.to(second.email!).length === 1,
      'the second administrator’s mail',
    );
    const queued = await harness.db.outboundMail.findMany({
      where: { idempotencyKey: { startsWith: 'calendar-missing/' } },
      select: { toAddress: true, subject: true },
    });
    expect(queued.map((m) => m.toAddress).sort()).toEqual([adminMail, second.email].sort());
    expect(
      harness.inbox.to('jiandu.dali@staff.jiuzhu.local').filter((m) => m.subject.includes('节假日')),
    ).toEqual([]);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(harness.inbox.to(adminMail).filter((m) => m.subject.includes('节假日'))).toHaveLength(1);
  });

  test('a case page marks a deadline counted in a year without its calendar', async () => {
    const filed = await CaseDriver.file(harness.env, harness.db);
    // Accepted: the investigation's deadline and the overall limit both run.
    await filed.accept();
    const row = await waitFor(async () => {
      const r = await filed.row();
      return r.currentStep === 'investigation' && r.dueAt && r.overallDueAt && r;
    }, 'the investigation step, written');
    const { caseNo } = row;
    const events = await harness.db.caseEvent.findMany({
      where: { caseId: filed.caseId },
      orderBy: { seq: 'asc' },
    });
    const opened = [...events].reverse().find((e) => e.type === 'stepOpened')!;
    const dueYear = Number(localDateOf(row.dueAt!).slice(0, 4));
    const firstYear = Number(localDateOf(opened.occurredAt).slice(0, 4));
    const lastYear = Number(localDateOf(row.overallDueAt!).slice(0, 4));
    const years = Array.from({ length: lastYear - firstYear + 1 }, (_, i) => firstYear + i);
    const span = { gte: yearRange(firstYear).gte, lte: yearRange(lastYear).lte };
    const saved = await harness.db.calendarDay.findMany({ where: { date: span } });

    const { agent } = await signedIn(http.app, 'xiang.xizhou');
    const page = async () => (await agent.get(`/cases/${caseNo}`)).text;
    const mark = (html: string, id: string) =>
      html.match(new RegExp(`<span[^>]*id="${id}"[^>]*>([^<]*)</span>`))?.[1] ?? null;

    await harness.db.calendarDay.createMany({ data: years.map(newYearsDay), skipDuplicates: true });
    try {
      const loaded = await page();
      expect(loaded).toContain('办理期限');
      expect([mark(loaded, 'due-uncalendared'), mark(loaded, 'overall-due-uncalendared')]).toEqual([
        null,
        null,
      ]);

      await harness.db.calendarDay.deleteMany({ where: { date: yearRange(dueYear) } });
      const missing = await page();
      expect(mark(missing, 'due-uncalendared')).toBe(`${dueYear} 年度节假日未导入，期限按周末计算`);
      expect(mark(missing, 'overall-due-uncalendared')).toContain(`${dueYear}`);
    } finally {
      await harness.db.calendarDay.deleteMany({ where: { date: span } });
      await harness.db.calendarDay.createMany({ data: saved });
    }
  });
});
