import request from 'supertest';
import { DEFAULT_COUNTY_POLICY } from '../../domain/county-policy';
import type { ProgrammeCode } from '../../domain/programmes';
import { localDateOf } from '../../domain/working-days';
import { monthsEndingAt } from '../../domain/public-disclosure';
import { STANDARDS_2026 } from '../../prisma/seed/dali-units';
import { useConsoleBrowser } from '../support/browser';
import { CaseDriver } from '../support/case-driver';
import { dibaoApplication } from '../support/fixtures';
import { DALI, DALIZHEN, rollCase, rollHousehold, type RollHousehold } from '../support/roll-fixtures';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const web = useConsoleBrowser(harness);

/**
 * 公示: 大理市's public page and its JSON twin, read without sign-in, against a known set: one
 * 低保 household enrolled through the real intake and procedure (喜洲镇), three more of 大理镇 and
 * two 特困 households as enrolments leave them, and this month's roll approved with its draws.
 */
describe('the public disclosure of a county', () => {
  const names: string[] = [];
  const idNumbers: string[] = [];
  let address = '';
  let members = 0;
  const today = localDateOf(new Date());
  const [lastMonth, thisMonth] = monthsEndingAt(today, 2) as [string, string];

  beforeAll(async () => {
    const application = dibaoApplication();
    address = application.address;
    members = application.members.length;
    for (const m of application.members) {
      names.push(m.name);
      idNumbers.push(m.idNumber);
    }
    const filed = await CaseDriver.file(harness.env, harness.db, application);
    await filed.toEnrolment();

    const db = harness.db;
    const seeded: [RollHousehold, ProgrammeCode][] = [];
    for (const name of ['董丽华', '李国强', '段家兴'])
      seeded.push([await rollHousehold(db, { name, townshipId: DALIZHEN }), 'DIBAO_RURAL']);
    for (const name of ['杨老五', '赵阿婆']) seeded.push([await rollHousehold(db, { name }), 'TEKUN']);
    for (const [h, programme] of seeded) {
      names.push(h.name);
      idNumbers.push(h.idNumber);
      await rollCase(db, h, programme);
    }
    // This month's roll, approved: 3 × 500 for 低保 from the higher transfer, 2 × 800 for 特困 from the county.
    const roll = await db.paymentRoll.create({
      data: {
        countyId: DALI,
        month: thisMonth,
        workflowId: `public-disclosure-roll-${thisMonth}`,
        status: 'APPROVED',
        approvedAt: new Date(),
        totalYuan: 3100,
      },
    });
    for (const [h, programme] of seeded)
      await db.paymentRollLine.create({
        data: {
          rollId: roll.id,
          householdId: h.householdId,
          programmeCode: programme,
          townshipId: (await db.household.findUniqueOrThrow({ where: { id: h.householdId } })).townshipId,
          regularYuan: programme === 'TEKUN' ? 800 : 500,
          amountYuan: programme === 'TEKUN' ? 800 : 500,
          payeeName: h.name,
          payeeIdNumber: h.idNumber,
        },
      });
    const year = Number(thisMonth.slice(0, 4));
    for (const [programmeCode, source, yuan] of [
      ['DIBAO_RURAL', 'HIGHER_TRANSFER', 1500],
      ['TEKUN', 'COUNTY_BUDGET', 1600],
    ] as const) {
      const line = await db.fundBudgetLine.create({
        data: { countyId: DALI, year, programmeCode, source, allocatedYuan: 100_000, drawnYuan: yuan },
      });
      await db.fundDraw.create({
        data: { budgetLineId: line.id, rollId: roll.id, month: thisMonth, amountYuan: yuan },
      });
    }
  }, 300_000);

  test('the JSON twin: standards in force, households and people served with small counts suppressed, funds by month', async () => {
    const res = await request(web.baseUrl).get(`/api/public/counties/${DALI}`);
    expect(res.status).toBe(200);
    const townships = Object.fromEntries(
      (await harness.db.orgUnit.findMany({ where: { id: { in: ['532901002', '532901003'] } } })).map((u) => [
        u.id,
        u.name,
      ]),
    );
    const body = res.body as Record<string, unknown> & { funds: { month: string }[] };
    expect(body.county).toEqual({ id: DALI, name: '大理市' });
    expect(body.standards).toMatchObject({
      dibaoUrbanMonthlyYuan: STANDARDS_2026.DIBAO_URBAN,
      dibaoRuralMonthlyYuan: STANDARDS_2026.DIBAO_RURAL,
      tekunBasicLivingMonthlyYuan: Math.round(STANDARDS_2026.DIBAO_RURAL * 1.3),
      tekunCareMonthlyYuan: DEFAULT_COUNTY_POLICY.extremePoverty.careStandards,
      temporary: { capMonthsOfStandard: 12, urgentCapYuan: 3000 },
    });
    expect(body.served).toEqual([
      {
        programme: 'DIBAO_RURAL',
        programmeName: '农村最低生活保障',
        households: 4,
        people: 3 + members,
        // 喜洲镇's one household is suppressed, and 大理镇 with it: 4 less 3 would name it.
        townships: [
          { township: townships['532901002'], households: null, people: null },
          { township: townships['532901003'], households: '<3', people: null },
        ],
      },
      {
        programme: 'TEKUN',
        programmeName: '特困人员救助供养',
        households: '<3',
        people: null,
        townships: [{ township: townships['532901003'], households: '<3', people: null }],
      },
    ]);
    expect(body.funds).toHaveLength(12);
    expect(body.funds.find((m) => m.month === lastMonth)).toEqual({
      month: lastMonth,
      rollApproved: false,
      paid: [],
      bySource: [],
      totalYuan: 0,
    });
    expect(body.funds.at(-1)).toEqual({
      month: thisMonth,
      rollApproved: true,
      paid: [
        { programme: 'DIBAO_RURAL', programmeName: '农村最低生活保障', yuan: 1500 },
        { programme: 'TEKUN', programmeName: '特困人员救助供养', yuan: 1600 },
      ],
      bySource: [
        {
          programme: 'DIBAO_RURAL',
          programmeName: '农村最低生活保障',
          source: 'HIGHER_TRANSFER',
          sourceName: '上级转移支付',
          yuan: 1500,
        },
        {
          programme: 'TEKUN',
          programmeName: '特困人员救助供养',
          source: 'COUNTY_BUDGET',
          sourceName: '县级预算',
          yuan: 1600,
        },
      ],
      totalYuan: 3100,
    });
    expect(body.donations).toEqual({ receivedYuan: 0, usedYuan: 0, entries: [] });
    const text = res.text;
    expect({
      names: names.filter((n) => text.includes(n)),
      ids: idNumbers.filter((i) => text.includes(i)),
    }).toEqual({
      names: [],
      ids: [],
    });
  });

  test('the page in Chromium, without sign-in: the figures, and no seeded name, ID number or address', async () => {
    const context = await web.browser.newContext({ baseURL: web.baseUrl, locale: 'zh-CN' });
    try {
      const page = await context.newPage();
      const res = await page.goto(`/public/counties/${DALI}`);
      expect(res?.status()).toBe(200);
      expect(page.url()).toBe(`${web.baseUrl}/public/counties/${DALI}`);
      await web.snap(page, 'public-county');
      const html = await page.content();
      const seen = await page.locator('body').innerText();
      const found = (list: string[]) => list.filter((s) => html.includes(s) || seen.includes(s));
      expect({ names: found(names), ids: found(idNumbers), address: found([address]) }).toEqual({
        names: [],
        ids: [],
        address: [],
      });
      expect(await page.locator('h1').innerText()).toContain('大理市');
      expect(await page.locator('tr[data-programme="DIBAO_RURAL"]').innerText()).toMatch(/4\s+\d+/);
      expect(await page.locator('tr[data-programme="TEKUN"]').innerText()).toContain('<3');
      expect(await page.locator(`tr[data-month="${thisMonth}"]`).innerText()).toContain('3,100.00');
      expect(await page.locator(`tr[data-month="${lastMonth}"]`).innerText()).toContain('尚未审核');
      expect(await page.locator('#donations').innerText()).toContain('暂无社会捐赠记录');
    } finally {
      await context.close();
    }
  });

  test('bad input names the field; an unknown county is 404', async () => {
    const api = request(web.baseUrl);
    const bad = await api.get('/api/public/counties/53290x');
    expect([bad.status, (bad.body as { details: { field: string }[] }).details[0]!.field]).toEqual([
      400,
      'params.countyId',
    ]);
    const unknown = await api.get('/api/public/counties/999999?');
    expect(unknown.status).toBe(404);
    const extra = await api.get(`/api/public/counties/${DALI}?name=x`);
    expect([extra.status, (extra.body as { details: { field: string }[] }).details[0]!.field]).toEqual([
      400,
      'query.name',
    ]);
  });
});
