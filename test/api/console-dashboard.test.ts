import { loadCountyRules } from '../../activities/county-rules';
import { AGEING_BUCKETS, bucketOf } from '../../domain/case-ageing';
import { workingDaysLeft } from '../../domain/working-days';
import { CaseDriver, DAY_MS } from '../support/case-driver';
import { signedIn } from '../support/console-session';
import { waitFor } from '../support/fixtures';
import { TekunDriver, tekunApplication } from '../support/tekun-driver';
import { useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const http = useTestApp(harness);

const realNow = Date.now.bind(Date);

/**
 * The pages count working days left from Date.now(); the time-skipping server's clock runs
 * ahead of the wall clock once a test lets days pass. Reading Date.now() on the server's clock
 * makes the two agree, as they do in production. Sessions are signed in after this, so their
 * expiry is on the same clock.
 */
async function readOnServerClock(): Promise<void> {
  const offset = (await harness.env.currentTimeMs()) - realNow();
  jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
}

afterAll(() => jest.restoreAllMocks());

/** Attribute values as a browser reads them (handlebars escapes `=` and `&`). */
const decode = (html: string) =>
  html
    .replace(/&#x3D;/g, '=')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'");

/** The element with this id, from its opening tag to the first closing `</tag>` (tables and sections here). */
function part(html: string, id: string, tag = 'table'): string {
  const found = html.match(new RegExp(`<${tag}[^>]*id="${id}"[\\s\\S]*?</${tag}>`));
  if (!found) throw new Error(`no #${id} on the page`);
  return found[0];
}

/** A counts table's row for one key: its name and its count (and the count's link). */
function countRow(html: string, tableId: string, key: string) {
  const row = part(html, tableId).match(new RegExp(`<tr data-key="${key}">([\\s\\S]*?)</tr>`));
  if (!row) return null;
  const cells = [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!);
  const link = cells[1]!.match(/href="([^"]+)"/);
  return {
    name: cells[0]!,
    count: Number(cells[1]!.replace(/<[^>]+>/g, '').trim()),
    href: link ? decode(link[1]!) : null,
  };
}

/** A table row of the case lists. */
function caseRow(html: string, caseNo: string): string | null {
  return html.match(new RegExp(`<tr[^>]*data-case="${caseNo}">[\\s\\S]*?</tr>`))?.[0] ?? null;
}

describe('督办看板 the supervisor dashboard', () => {
  let overdueCase: CaseDriver;
  let caseNo: string;
  /** Working days the investigation is overdue, on the county's calendar, and its ageing bucket. */
  let daysOverdue: number;
  let bucket: string;

  beforeAll(async () => {
    // An application decided on the day it was filed: not accepted.
    const notAccepted = await CaseDriver.file(harness.env, harness.db);
    await notAccepted.decide('acceptance', 'xiang.xizhou', {
      decision: 'reject',
      reasons: '申请人户籍不在本村，告知向户籍地申请',
    });
    await waitFor(async () => (await notAccepted.row()).closedAt, 'the refused case closed');

    // An investigation left to run eight calendar days past its deadline.
    overdueCase = await CaseDriver.file(harness.env, harness.db);
    caseNo = (await overdueCase.row()).caseNo;
    await overdueCase.accept();
    const opened = await overdueCase.reach('investigation');
    const due = new Date(opened.dueAt!).getTime();
    await overdueCase.passTime(due - (await harness.env.currentTimeMs()) + 8 * DAY_MS);
    await waitFor(async () => (await overdueCase.row()).overdue, 'the overdue flag');

    await readOnServerClock();
    const { calendar } = await loadCountyRules(harness.db, '532901');
    daysOverdue = -workingDaysLeft(Date.now(), due, calendar);
    expect(daysOverdue).toBeGreaterThanOrEqual(1);
    bucket = bucketOf(AGEING_BUCKETS, daysOverdue)!.key;
  });

  test('the county supervisor sees the overdue case by step, township and county, aged, with its extension form', async () => {
    const { agent } = await signedIn(http.app, 'jiandu.dali');
    const res = await agent.get('/dashboard');
    expect(res.status).toBe(200);
    const html = res.text;
    expect(html).toContain('督办看板');

    expect(countRow(html, 'overdue-by-step', 'investigation')).toEqual({
      name: '家庭经济状况调查核对',
      count: 1,
      href: '/dashboard/cases?overdue=true&step=investigation',
    });
    expect(countRow(html, 'overdue-by-township', '532901003')).toMatchObject({ name: '喜洲镇', count: 1 });
    expect(countRow(html, 'overdue-by-county', '532901')).toMatchObject({ name: '大理市', count: 1 });

    for (const b of AGEING_BUCKETS) {
      expect(countRow(html, 'ageing', b.key)?.count).toBe(b.key === bucket ? 1 : 0);
    }
    // The application not accepted on its filing day: decided within 0–10 days.
    expect(countRow(html, 'processing', '0-10')?.count).toBe(1);
    expect(countRow(html, 'processing', '11-20')?.count).toBe(0);

    // Charts are inline SVG: the ageing histogram links its columns to the drill-down.
    expect(html).toContain('<svg class="chart"');
    expect(decode(html)).toContain(`<a href="/dashboard/cases?overdue=true&ageing=${bucket}">`);
    const byCounty = part(html, 'by-county', 'section');
    expect(byCounty).toContain('>大理市</text>');
    expect(byCounty).not.toContain('漾濞彝族自治县');
    expect(part(html, 'by-programme', 'section')).toContain('>农村最低生活保障</text>');

    // 延期审批: a form posting to the API for the overdue step; the overall limit is not exceeded.
    const row = caseRow(part(html, 'extension-list'), caseNo)!;
    expect(row).toContain(`href="/cases/${caseNo}"`);
    expect(row).toContain(`data-api="/api/cases/${caseNo}/actions/extendStepDeadline"`);
    expect(decode(row)).toContain('data-redirect="/dashboard"');
    expect(row).toContain('name="workingDays"');
    expect(row).toContain('data-type="number"');
    expect(row).toContain('name="reasons"');
    expect(row).toContain('class="form-error"');
    expect(row).not.toContain('extendOverallLimit');
  });

  test('the drill-down lists the case under its step, township, county and ageing bucket', async () => {
    const { agent } = await signedIn(http.app, 'jiandu.dali');
    const dashboard = (await agent.get('/dashboard')).text;
    const drill = countRow(dashboard, 'overdue-by-step', 'investigation')!.href!;
    const res = await agent.get(drill);
    expect(res.status).toBe(200);
    const row = caseRow(res.text, caseNo)!;
    expect(row).toContain(`<a href="/cases/${caseNo}">${caseNo}</a>`);
    expect(row).toContain('杨秀英');
    expect(row).toContain('喜洲村');
    expect(row).toContain('家庭经济状况调查核对');
    expect(row).toContain(`<td class="days">${daysOverdue}</td>`);
    expect(row).toContain(`data-api="/api/cases/${caseNo}/actions/extendStepDeadline"`);
    expect(res.text).toContain('环节：家庭经济状况调查核对');

    for (const query of [
      'overdue=true&townshipId=532901003',
      'overdue=true&countyId=532901',
      `ageing=${bucket}`,
      'programme=DIBAO_RURAL',
    ]) {
      const listed = await agent.get(`/dashboard/cases?${query}`);
      expect(listed.status).toBe(200);
      expect(caseRow(listed.text, caseNo)).not.toBeNull();
    }
    const otherBucket = AGEING_BUCKETS.find((b) => b.key !== bucket)!.key;
    for (const query of [`ageing=${otherBucket}`, 'overdue=true&countyId=532922', 'step=appraisal']) {
      const listed = await agent.get(`/dashboard/cases?${query}`);
      expect(listed.status).toBe(200);
      expect(caseRow(listed.text, caseNo)).toBeNull();
    }
  });

  test('the prefecture supervisor sees it too, among all twelve counties; the administrator sees it without forms', async () => {
    const zhou = await signedIn(http.app, 'jiandu.zhou');
    const html = (await zhou.agent.get('/dashboard')).text;
    expect(countRow(html, 'overdue-by-county', '532901')).toMatchObject({ name: '大理市', count: 1 });
    expect(countRow(html, 'overdue-by-step', 'investigation')?.count).toBe(1);
    expect(part(html, 'by-county', 'section')).toContain('>漾濞彝族自治县</text>');
    const listed = await zhou.agent.get('/dashboard/cases?overdue=true&countyId=532901');
    expect(caseRow(listed.text, caseNo)).not.toBeNull();

    const admin = await signedIn(http.app, 'admin');
    const adminPage = await admin.agent.get('/dashboard');
    expect(adminPage.status).toBe(200);
    expect(countRow(adminPage.text, 'overdue-by-county', '532901')?.count).toBe(1);
    expect(adminPage.text).not.toContain('data-api=');
  });

  test('a township officer may not open the dashboard or its drill-down', async () => {
    const { agent } = await signedIn(http.app, 'xiang.xizhou');
    const page = await agent.get('/dashboard');
    expect(page.status).toBe(403);
    expect(page.text).toContain('仅供监督人员和系统管理员使用');
    expect(page.text).not.toContain(caseNo);
    const drill = await agent.get('/dashboard/cases?overdue=true');
    expect(drill.status).toBe(403);
    expect(drill.text).not.toContain(caseNo);
  });

  test('a bad drill-down query answers 400 naming the field', async () => {
    const { agent } = await signedIn(http.app, 'jiandu.dali');
    for (const [query, field] of [
      ['step=nosuchstep', 'step'],
      ['ageing=5-9', 'ageing'],
      ['townshipId=xizhou', 'townshipId'],
      ['overdue=yes', 'overdue'],
      ['county=532901', 'county'],
    ]) {
      const res = await agent.get(`/dashboard/cases?${query}`);
      expect(res.status).toBe(400);
      expect(res.text).toContain(`<span class="field">${field}</span>`);
      expect(res.text).not.toContain(caseNo);
    }
  });

  test('the extension form’s call, with the session, moves the deadline: the case is no longer overdue', async () => {
    const { agent, csrf } = await signedIn(http.app, 'jiandu.dali');
    const refused = await agent
      .post(`/api/cases/${caseNo}/actions/extendStepDeadline`)
      .set('x-csrf-token', csrf)
      .send({ workingDays: 31, reasons: '申请人住院，无法入户' });
    expect(refused.status).toBe(422);

    const res = await agent
      .post(`/api/cases/${caseNo}/actions/extendStepDeadline`)
      .set('x-csrf-token', csrf)
      .send({ workingDays: 5, reasons: '申请人住院，无法入户' });
    expect(res.status).toBe(200);
    expect((await overdueCase.row()).overdue).toBe(false);

    const html = (await agent.get('/dashboard')).text;
    expect(countRow(html, 'overdue-by-step', 'investigation')).toBeNull();
    for (const b of AGEING_BUCKETS) expect(countRow(html, 'ageing', b.key)?.count).toBe(0);
    expect(caseRow(html, caseNo)).toBeNull();
    const listed = await agent.get('/dashboard/cases?overdue=true');
    expect(caseRow(listed.text, caseNo)).toBeNull();
    const open = await agent.get('/dashboard/cases?step=investigation');
    expect(caseRow(open.text, caseNo)).toContain('未超期');
    await overdueCase.discard();
  });
});

/** The cells of a table row with this key, tags stripped. */
function rowCells(html: string, tableId: string, key: string): string[] | null {
  const row = part(html, tableId).match(new RegExp(`<tr data-key="${key}">([\\s\\S]*?)</tr>`));
  if (!row) return null;
  return [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim());
}

describe('督办看板 by programme: a 特困 investigation overdue beside 低保', () => {
  let tekunCase: CaseDriver;
  let tekunNo: string;
  let tekunDays: number;
  let tekunBucket: string;
  /** The 低保 application of the first block, still open (its deadline extended). */
  let dibaoNo: string;

  beforeAll(async () => {
    dibaoNo = (
      await harness.db.case.findFirstOrThrow({
        where: { programmeCode: 'DIBAO_RURAL', closedAt: null },
        select: { caseNo: true },
      })
    ).caseNo;

    // A 特困 investigation (15 working days) left to run eight calendar days past its deadline.
    tekunCase = await TekunDriver.file(harness.env, harness.db);
    tekunNo = (await tekunCase.row()).caseNo;
    await tekunCase.accept();
    const opened = await tekunCase.reach('tekunInvestigation');
    const due = new Date(opened.dueAt!).getTime();
    await tekunCase.passTime(due - (await harness.env.currentTimeMs()) + 8 * DAY_MS);
    await waitFor(async () => (await tekunCase.row()).overdue, 'the 特困 overdue flag');

    // Two 特困 people supported: one placed in 喜洲镇敬老院 (集中供养), one at home (分散供养).
    const placed = await TekunDriver.support(harness.env, harness.db, {
      application: tekunApplication({ name: '尹阿公', birthDate: '1938-02-02', serial: 301 }),
      careLevel: 'fullLoss',
      supportMode: { mode: 'centralised', preferredHomeId: '532901003-JLY' },
    });
    await waitFor(async () => (await placed.eventTypes()).includes('placed'), '尹阿公 placed');
    await TekunDriver.support(harness.env, harness.db, {
      application: tekunApplication({ name: '施阿婆', birthDate: '1939-03-03', serial: 302 }),
    });

    await readOnServerClock();
    const { calendar } = await loadCountyRules(harness.db, '532901');
    tekunDays = -workingDaysLeft(Date.now(), due, calendar);
    expect(tekunDays).toBeGreaterThanOrEqual(1);
    tekunBucket = bucketOf(AGEING_BUCKETS, tekunDays)!.key;
  });

  afterAll(() => tekunCase.discard());

  test('filtered to 特困, every figure counts 特困 cases only, with its step names and the centralised split', async () => {
    const { agent } = await signedIn(http.app, 'jiandu.dali');
    const res = await agent.get('/dashboard?programme=TEKUN');
    expect(res.status).toBe(200);
    const html = res.text;
    expect(html).toContain('<option value="TEKUN" selected>特困人员救助供养</option>');
    expect(html).toContain('救助项目：特困人员救助供养');

    expect(countRow(html, 'overdue-by-step', 'tekunInvestigation')).toEqual({
      name: '调查核实',
      count: 1,
      href: '/dashboard/cases?programme=TEKUN&overdue=true&step=tekunInvestigation',
    });
    expect(countRow(html, 'overdue-by-step', 'investigation')).toBeNull();
    expect(countRow(html, 'overdue-by-township', '532901003')).toMatchObject({ name: '喜洲镇', count: 1 });
    expect(countRow(html, 'overdue-by-county', '532901')).toMatchObject({
      name: '大理市',
      count: 1,
      href: '/dashboard/cases?programme=TEKUN&overdue=true&countyId=532901',
    });
    for (const b of AGEING_BUCKETS) {
      expect(countRow(html, 'ageing', b.key)?.count).toBe(b.key === tekunBucket ? 1 : 0);
    }
    expect(decode(html)).toContain(
      `<a href="/dashboard/cases?programme=TEKUN&overdue=true&ageing=${tekunBucket}">`,
    );
    // The 低保 application not accepted is another programme's: no 特困 application decided yet.
    for (const b of ['0-10', '11-20', '21-30', '31-45', 'over45']) {
      expect(countRow(html, 'processing', b)?.count).toBe(0);
    }

    // Open 特困 cases: the application and the two supported; one in a home, one at home.
    expect(rowCells(html, 'open-by-programme', 'TEKUN')).toEqual(['特困人员救助供养', '3', '1', '1']);
    expect(rowCells(html, 'open-by-programme', 'DIBAO_RURAL')).toBeNull();
    expect(html).toContain('集中供养（在供养机构入住）1 人，分散供养（含轮候床位）1 人');
    expect(part(html, 'by-programme', 'section')).not.toContain('农村最低生活保障');

    // 延期审批: the 特困 case, its programme and its step in its own words, the form back to this view.
    const row = caseRow(part(html, 'extension-list'), tekunNo)!;
    expect(row).toContain('<td class="programme">特困人员救助供养</td>');
    expect(row).toContain('调查核实');
    expect(row).toContain(`<td class="days">${tekunDays}</td>`);
    expect(row).toContain(`data-api="/api/cases/${tekunNo}/actions/extendStepDeadline"`);
    expect(decode(row)).toContain('data-redirect="/dashboard?programme=TEKUN"');
    expect(caseRow(html, dibaoNo)).toBeNull();
    // 特困 is not referred: the referral figures are not shown for it.
    expect(html).toContain('id="referrals-not-applicable"');
  });

  test('unfiltered, both programmes count; filtered to 农村低保, the 特困 case is not counted', async () => {
    const { agent } = await signedIn(http.app, 'jiandu.dali');
    const all = (await agent.get('/dashboard')).text;
    expect(countRow(all, 'overdue-by-step', 'tekunInvestigation')?.count).toBe(1);
    expect(countRow(all, 'overdue-by-county', '532901')?.count).toBe(1);
    expect(countRow(all, 'processing', '0-10')?.count).toBe(1);
    expect(rowCells(all, 'open-by-programme', 'TEKUN')).toEqual(['特困人员救助供养', '3', '1', '1']);
    expect(rowCells(all, 'open-by-programme', 'DIBAO_RURAL')).toEqual(['农村最低生活保障', '1', '—', '—']);
    expect(rowCells(all, 'open-by-programme', 'DIBAO_URBAN')).toEqual(['城市最低生活保障', '0', '—', '—']);
    expect(caseRow(part(all, 'extension-list'), tekunNo)).toContain('特困人员救助供养');
    expect(all).toContain('<option value="all" selected>全部救助项目</option>');
    // `all` is the same as no filter.
    const allToo = await agent.get('/dashboard?programme=all');
    expect(allToo.status).toBe(200);
    expect(countRow(allToo.text, 'overdue-by-step', 'tekunInvestigation')?.count).toBe(1);

    const dibao = (await agent.get('/dashboard?programme=DIBAO_RURAL')).text;
    expect(countRow(dibao, 'overdue-by-step', 'tekunInvestigation')).toBeNull();
    expect(countRow(dibao, 'overdue-by-county', '532901')).toBeNull();
    for (const b of AGEING_BUCKETS) expect(countRow(dibao, 'ageing', b.key)?.count).toBe(0);
    expect(countRow(dibao, 'processing', '0-10')?.count).toBe(1);
    expect(rowCells(dibao, 'open-by-programme', 'DIBAO_RURAL')).toEqual(['农村最低生活保障', '1', '—', '—']);
    expect(rowCells(dibao, 'open-by-programme', 'TEKUN')).toBeNull();
    expect(caseRow(dibao, tekunNo)).toBeNull();
    expect(dibao).not.toContain('id="referrals-not-applicable"');
  });

  test('the drill-down lists the 特困 case with its programme and step name, under its programme only', async () => {
    const { agent } = await signedIn(http.app, 'jiandu.dali');
    const dashboard = (await agent.get('/dashboard?programme=TEKUN')).text;
    const res = await agent.get(countRow(dashboard, 'overdue-by-step', 'tekunInvestigation')!.href!);
    expect(res.status).toBe(200);
    expect(res.text).toContain('环节：调查核实');
    expect(res.text).toContain('救助项目：特困人员救助供养');
    const row = caseRow(res.text, tekunNo)!;
    expect(row).toContain('<td class="programme">特困人员救助供养</td>');
    expect(row).toContain('段阿婆');
    expect(row).toContain('调查核实');
    expect(row).toContain(`<td class="days">${tekunDays}</td>`);

    const everything = await agent.get('/dashboard/cases');
    expect(caseRow(everything.text, tekunNo)).toContain('特困人员救助供养');
    expect(caseRow(everything.text, dibaoNo)).toContain('<td class="programme">农村最低生活保障</td>');
    for (const query of ['programme=DIBAO_RURAL', 'programme=DIBAO_URBAN&overdue=true']) {
      const listed = await agent.get(`/dashboard/cases?${query}`);
      expect(listed.status).toBe(200);
      expect(caseRow(listed.text, tekunNo)).toBeNull();
    }
    const aged = await agent.get(`/dashboard/cases?programme=TEKUN&ageing=${tekunBucket}`);
    expect(caseRow(aged.text, tekunNo)).not.toBeNull();
  });

  test('a bad programme answers 400 naming the field, on the dashboard and its drill-down', async () => {
    const { agent } = await signedIn(http.app, 'jiandu.dali');
    for (const [url, field] of [
      ['/dashboard?programme=TEKUNN', 'programme'],
      // Not a programme of the system (every programme code has its procedure now).
      ['/dashboard?programme=HOUSING', 'programme'],
      ['/dashboard?programme=TEKUN&programme=DIBAO_RURAL', 'programme'],
      ['/dashboard?county=532901', 'county'],
      ['/dashboard/cases?programme=HOUSING', 'programme'],
    ] as const) {
      const res = await agent.get(url);
      expect([url, res.status]).toEqual([url, 400]);
      expect(res.text).toContain(`<span class="field">${field}</span>`);
      expect(res.text).not.toContain(tekunNo);
    }
    const bad = await agent.get('/dashboard?programme=TEKUNN');
    expect(bad.text).toContain('（救助项目）');
    expect(bad.text).toContain('DIBAO_URBAN、DIBAO_RURAL、TEKUN');
  });
});
