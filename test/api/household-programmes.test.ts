import request from 'supertest';
import { DEMO_PASSWORD } from '../../prisma/seed/seed';
import { CaseDriver } from '../support/case-driver';
import { dibaoApplication, idNumber, waitFor } from '../support/fixtures';
import { TekunDriver, tekunApplication } from '../support/tekun-driver';
import { useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const http = useTestApp(harness);

const auth = (username: string) => `Basic ${Buffer.from(`${username}:${DEMO_PASSWORD}`).toString('base64')}`;

interface HouseholdCase {
  caseNo: string;
  programme: string;
  programmeName: string;
  status: string;
  statusLabel: string;
}

/** The case as the API answers `username`, with the household's other cases it lists. */
async function read(username: string, caseNo: string): Promise<{ status: number; others: HouseholdCase[] }> {
  const res = await request(http.app).get(`/api/cases/${caseNo}`).set('Authorization', auth(username));
  return { status: res.status, others: res.body.householdCases };
}

/**
 * 赵建国 was in his wife's 低保 application, which was not accepted, and is now 特困 (the same ID
 * number in both): one person holds one open case among 低保 and 特困 (查重), so a household's
 * file shows the other programme's cases once they are closed.
 */
const ZHAO = { name: '赵建国', birthDate: '1965-07-02', serial: 13 };
/** 赵小梅, the couple's daughter, also in her grandmother's 低保 application in 周城村. */
const XIAOMEI = idNumber('2012-09-30', 42);

describe('一户一档: GET /api/cases/:id lists the household’s cases of other programmes', () => {
  let dibao: { caseNo: string; status: string };
  let tekun: { caseNo: string; driver: CaseDriver };
  let zhoucheng: string;

  beforeAll(async () => {
    const household = dibaoApplication();
    household.members[1]!.idNumber = idNumber(ZHAO.birthDate, ZHAO.serial);
    household.members[2]!.idNumber = XIAOMEI;
    const d = await CaseDriver.file(harness.env, harness.db, household);
    await d.decide('acceptance', 'xiang.xizhou', {
      decision: 'reject',
      reasons: '申请人家庭收入明显高于当地低保标准，不予受理',
    });
    await waitFor(async () => (await d.row()).closedAt, 'the 低保 case closed');
    const dibaoRow = await d.row();
    dibao = { caseNo: dibaoRow.caseNo, status: dibaoRow.status };
    const t = await TekunDriver.support(harness.env, harness.db, { application: tekunApplication(ZHAO) });
    tekun = { caseNo: (await t.row()).caseNo, driver: t };

    // 周城村, another village of 喜洲镇: the township sees it, 喜洲村's assistant does not.
    const village = await harness.db.orgUnit.findFirstOrThrow({
      where: { name: '周城村', parent: { name: '喜洲镇' } },
      select: { id: true },
    });
    const filed = await request(http.app)
      .post('/api/cases')
      .set('Authorization', auth('xiang.xizhou'))
      .send({
        ...dibaoApplication(),
        villageId: village.id,
        address: '大理市喜洲镇周城村委会二社7号',
        members: [
          {
            name: '杨桂芬',
            idNumber: idNumber('1950-01-20', 88),
            relation: 'APPLICANT',
            labourCapacity: 'NONE',
            health: 'CHRONIC',
          },
          {
            name: '赵小梅',
            idNumber: XIAOMEI,
            relation: 'GRANDCHILD',
            labourCapacity: 'NONE',
            health: 'HEALTHY',
            inSchool: 'juniorSecondary',
          },
        ],
      });
    expect(filed.status).toBe(201);
    zhoucheng = filed.body.caseNo;
  });

  afterAll(async () => {
    await tekun.driver.discard();
  });

  test('the 低保 case lists the 特困 case and the 特困 case the 低保 one, each in its programme’s words', async () => {
    const fromDibao = await read('xiang.xizhou', dibao.caseNo);
    expect(fromDibao.status).toBe(200);
    expect(fromDibao.others).toContainEqual({
      caseNo: tekun.caseNo,
      programme: 'TEKUN',
      programmeName: '特困人员救助供养',
      status: 'ENROLLED',
      statusLabel: '特困供养中',
    });

    const fromTekun = await read('xiang.xizhou', tekun.caseNo);
    expect(fromTekun.status).toBe(200);
    // Only the 低保 case shares 赵建国: his daughter's grandmother's case is not his.
    expect(fromTekun.others).toEqual([
      {
        caseNo: dibao.caseNo,
        programme: 'DIBAO_RURAL',
        programmeName: '农村最低生活保障',
        status: 'NOT_ACCEPTED',
        statusLabel: '不予受理',
      },
    ]);
  });

  test('the township sees the 周城村 case sharing 赵小梅; 喜洲村’s assistant does not get it listed', async () => {
    const township = await read('xiang.xizhou', dibao.caseNo);
    expect(township.others.map((o) => o.caseNo).sort()).toEqual([tekun.caseNo, zhoucheng].sort());
    expect((await read('xiang.xizhou', zhoucheng)).others.map((o) => o.caseNo)).toEqual([dibao.caseNo]);

    const village = await read('cun.xizhou', dibao.caseNo);
    expect(village.status).toBe(200);
    expect(village.others.map((o) => o.caseNo)).toEqual([tekun.caseNo]);
    expect(JSON.stringify(village.others)).not.toContain(zhoucheng);
    // The case itself is out of the assistant's sight too.
    expect((await read('cun.xizhou', zhoucheng)).status).toBe(404);
    expect((await read('cun.xizhou', tekun.caseNo)).others.map((o) => o.caseNo)).toEqual([dibao.caseNo]);
  });

  test('a department officer, who sees no case, reads none of them', async () => {
    expect((await read('bumen.jiaoyu.dali', dibao.caseNo)).status).toBe(404);
  });
});
