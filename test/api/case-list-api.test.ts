import request from 'supertest';
import { basic, fileCase, moveCase, useReadModelApp } from '../support/supervision-fixtures';

const http = useReadModelApp();

/** 喜洲村 and 周城村 of 喜洲镇, 才村 of 大理镇 (大理市), 漾濞's 苍山西镇. */
const XIZHOU = '532901003001';
const ZHOUCHENG = '532901003002';
const CAICUN = '532901002002';
const YANGBI = '532922001001';

interface Item {
  caseNo: string;
  programme: string;
  status: string;
  statusName: string;
  applicantName: string;
  townshipId: string;
  currentStep: string | null;
  stepName: string | null;
  overdue: boolean;
  workingDaysLeft: number | null;
}
interface Page {
  items: Item[];
  nextCursor: string | null;
}

const list = (username: string, query = '') =>
  request(http.app).get(`/api/cases${query}`).set('authorization', basic(username));

const numbers = (page: Page) => page.items.map((i) => i.caseNo);

describe('GET /api/cases: the cases below the user’s unit, filtered, a page at a time', () => {
  const cases: Record<string, string> = {};
  const idNumbers: string[] = [];

  beforeAll(async () => {
    const filed = {
      xizhouLate: await fileCase(http.db, { villageId: XIZHOU, name: '施列表甲' }),
      xizhouTekun: await fileCase(http.db, { villageId: XIZHOU, programme: 'TEKUN', name: '施列表乙' }),
      zhoucheng: await fileCase(http.db, { villageId: ZHOUCHENG, name: '施列表丙' }),
      caicun: await fileCase(http.db, { villageId: CAICUN, name: '施列表丁' }),
      caicunToo: await fileCase(http.db, { villageId: CAICUN, name: '施列表戊' }),
      yangbi: await fileCase(http.db, { villageId: YANGBI, name: '施列表己' }),
    };
    for (const [key, c] of Object.entries(filed)) cases[key] = c.caseNo;
    idNumbers.push(
      ...(await http.db.householdMember.findMany({ select: { idNumber: true } })).map((m) => m.idNumber),
    );
    // An investigation overdue since the start of 2026, another due at the end of the decade.
    await moveCase(
      http.db,
      filed.xizhouLate.id,
      {
        status: 'INVESTIGATING',
        currentStep: 'investigation',
        assigneeUnitId: '532901003',
        dueAt: '2026-01-09T15:59:59.999Z',
        overdue: true,
      },
      { type: 'stepOverdue', step: 'investigation' },
    );
    await moveCase(http.db, filed.zhoucheng.id, {
      status: 'INVESTIGATING',
      currentStep: 'investigation',
      assigneeUnitId: '532901003',
      dueAt: '2029-12-31T15:59:59.999Z',
    });
  });

  test('a township officer sees its township’s cases only, with names and never an ID number', async () => {
    const res = await list('xiang.xizhou');
    expect(res.status).toBe(200);
    const page = res.body as Page;
    expect(numbers(page).sort()).toEqual([cases.xizhouLate, cases.xizhouTekun, cases.zhoucheng].sort());
    expect(page.items.every((i) => i.townshipId === '532901003')).toBe(true);
    expect(page.nextCursor).toBeNull();
    for (const id of idNumbers) expect(res.text).not.toContain(id);
    expect(res.text).not.toContain('idNumber');
    const late = page.items.find((i) => i.caseNo === cases.xizhouLate)!;
    expect(late).toMatchObject({
      applicantName: '施列表甲',
      status: 'INVESTIGATING',
      statusName: '调查核对中',
      currentStep: 'investigation',
      stepName: '家庭经济状况调查核对',
      overdue: true,
    });
    expect(late.workingDaysLeft).toBeLessThan(-200);
    const tekun = page.items.find((i) => i.caseNo === cases.xizhouTekun)!;
    expect(tekun).toMatchObject({ programme: 'TEKUN', status: 'SUBMITTED', currentStep: null });
  });

  test('a village assistant its village’s; county and prefecture supervisors their county’s and all', async () => {
    expect(numbers((await list('cun.xizhou')).body).sort()).toEqual(
      [cases.xizhouLate, cases.xizhouTekun].sort(),
    );
    const county = numbers((await list('jiandu.dali')).body);
    expect(county).toHaveLength(5);
    expect(county).not.toContain(cases.yangbi);
    expect(numbers((await list('jiandu.zhou')).body)).toHaveLength(6);
    // Case numbers in order.
    expect(county).toEqual([...county].sort());
  });

  test('a department officer sees referrals, not cases: 403', async () => {
    const res = await list('bumen.jiaoyu.dali');
    expect(res.status).toBe(403);
    expect(res.text).not.toContain(cases.xizhouLate);
  });

  test('filters: programme, county, township, status, step, overdue, due before', async () => {
    const found = async (query: string) => numbers((await list('jiandu.zhou', query)).body).sort();
    expect(await found('?programme=TEKUN')).toEqual([cases.xizhouTekun]);
    expect(await found('?countyId=532922')).toEqual([cases.yangbi]);
    expect(await found('?townshipId=532901002')).toEqual([cases.caicun, cases.caicunToo].sort());
    expect(await found('?status=INVESTIGATING')).toEqual([cases.xizhouLate, cases.zhoucheng].sort());
    expect(await found('?status=SUBMITTED,ENROLLED&countyId=532901')).toEqual(
      [cases.xizhouTekun, cases.caicun, cases.caicunToo].sort(),
    );
    expect(await found('?step=investigation&overdue=true')).toEqual([cases.xizhouLate]);
    expect(await found('?overdue=false&step=investigation')).toEqual([cases.zhoucheng]);
    expect(await found('?dueBefore=2027-01-01')).toEqual([cases.xizhouLate]);
    // A county outside the user's unit is no way around it.
    expect(numbers((await list('jiandu.dali', '?countyId=532922')).body)).toEqual([]);
  });

  test('pages of `limit` cases follow each other by cursor, none twice, none left out', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await list('jiandu.zhou', query);
      expect(res.status).toBe(200);
      const page = res.body as Page;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...numbers(page));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...Object.values(cases)].sort());
  });

  test('a bad or unknown parameter answers 400 naming the field', async () => {
    for (const [query, field] of [
      ['?county=532901', 'query.county'],
      ['?limit=201', 'query.limit'],
      ['?limit=0', 'query.limit'],
      ['?overdue=yes', 'query.overdue'],
      ['?programme=HOUSING', 'query.programme'],
      ['?townshipId=xizhou', 'query.townshipId'],
      ['?step=nosuchstep', 'query.step'],
      ['?dueBefore=2026-13-01', 'query.dueBefore'],
      ['?cursor=%21%21', 'query.cursor'],
      [`?cursor=${Buffer.from('not a case').toString('base64url')}`, 'query.cursor'],
      ['?status=ENROLLED&status=EXITED', 'query.status'],
    ] as const) {
      const res = await list('jiandu.zhou', query);
      expect([query, res.status]).toEqual([query, 400]);
      const fields = (res.body.details as { field: string }[]).map((d) => d.field);
      expect([query, fields.some((f) => f === field || f.startsWith(`${field}.`))]).toEqual([query, true]);
    }
    const res = await list('jiandu.zhou', '?status=ENROLLED,BOGUS');
    expect(res.status).toBe(400);
    expect(res.body.details[0].field).toMatch(/^query\.status/);
  });
});
