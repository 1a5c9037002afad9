import { CaseDriver } from '../support/case-driver';
import { waitFor } from '../support/fixtures';
import { ReferralDriver } from '../support/referral-driver';
import { useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';
import { staffClient } from '../support/staff-client';

const harness = useWorkflowHarness();
const http = useTestApp(harness);

const as = (username: string) => staffClient(http, username);

const inbox = async (username: string, query = '') => {
  const res = await as(username).get(`/api/referrals${query}`);
  expect(res.status).toBe(200);
  return (res.body.items as { referralNo: string }[]).map((i) => i.referralNo).sort();
};

describe('the referral API', () => {
  let caseNo: string;
  let education: string;
  let health: string;
  let housing: string;

  beforeAll(async () => {
    const c = await CaseDriver.file(harness.env, harness.db);
    const e = await c.toEnrolment();
    caseNo = (await e.row()).caseNo;
    [education, health] = (await ReferralDriver.ofCase(e, 2, { source: 'proposed' })).map(
      (r) => r.referralNo,
    ) as [string, string];
  });

  test('the township confirms a proposal and refers by hand; bad input names the field and changes nothing', async () => {
    const confirmed = await as('xiang.xizhou').post(`/api/referrals/${education}/confirm`, {
      note: '已核实',
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('SENT');

    const made = await as('xiang.xizhou').post(`/api/cases/${caseNo}/referrals`, {
      kind: 'rentalSubsidy',
      reason: '租住私房，月租 600 元',
    });
    expect(made.status).toBe(201);
    housing = made.body.referralNo;
    expect(housing).toBe(`${caseNo}-Z03`);
    await new ReferralDriver(harness.env, harness.db, housing).reach('SENT');

    const before = await harness.db.referral.count();
    const badKind = await as('xiang.xizhou').post(`/api/cases/${caseNo}/referrals`, {
      kind: 'lottery',
      reason: '试试',
    });
    expect(badKind.status).toBe(422);
    expect(badKind.body.message).toContain('kind');
    const badQuery = await as('xiang.xizhou').get('/api/referrals?status=FINISHED');
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.details[0].field).toBe('query.status.0');
    const badNo = await as('xiang.xizhou').post('/api/referrals/not-a-number/accept', {});
    expect(badNo.status).toBe(400);
    expect(badNo.body.details[0].field).toBe('params.referralNo');
    expect(await harness.db.referral.count()).toBe(before);
  });

  test('a department officer sees and answers only referrals sent to the own bureau of the own county', async () => {
    // Education sees its sent referral, not the health proposal nor the housing one.
    expect(await inbox('bumen.jiaoyu.dali')).toEqual([education]);
    expect(await inbox('bumen.zhujian.dali')).toEqual([housing]);
    // The health proposal was never sent: not in the health bureau's inbox.
    expect(await inbox('bumen.weijian.dali')).toEqual([]);
    // Another county's education bureau sees nothing of 大理市.
    expect(await inbox('bumen.jiaoyu.yangbi')).toEqual([]);
    // The township, the county and its supervisor see the household's three; the bureau's supervisor its own.
    expect(await inbox('xiang.xizhou')).toEqual([education, health, housing].sort());
    expect(await inbox('jiandu.dali')).toEqual([education, health, housing].sort());
    expect(await inbox('jiandu.jiaoyu.dali')).toEqual([education]);

    for (const outsider of ['bumen.zhujian.dali', 'bumen.jiaoyu.yangbi']) {
      expect((await as(outsider).get(`/api/referrals/${education}`)).status).toBe(404);
      const acted = await as(outsider).post(`/api/referrals/${education}/accept`, { handler: '某人' });
      expect(acted.status).toBe(404);
    }
    expect((await as('bumen.weijian.dali').get(`/api/referrals/${health}`)).status).toBe(404);
    // A department officer cannot confirm the township's proposal, even if shown one.
    expect((await as('bumen.jiaoyu.dali').post(`/api/referrals/${health}/confirm`)).status).toBe(404);
    expect((await harness.db.referral.findUniqueOrThrow({ where: { referralNo: education } })).status).toBe(
      'SENT',
    );

    const detail = await as('bumen.jiaoyu.dali').get(`/api/referrals/${education}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      status: 'SENT',
      kind: 'compulsoryEducationAid',
      memberName: '赵小梅',
    });
    expect(detail.body.member.idNumber).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    expect(detail.body.events.map((e: { type: string }) => e.type)).toEqual([
      'referralProposed',
      'referralSent',
    ]);
    expect(detail.body.letters.map((l: { title: string }) => l.title)).toEqual(['转介函']);
    expect(
      await harness.db.auditEntry.count({ where: { resource: 'referral', username: 'bumen.jiaoyu.dali' } }),
    ).toBe(1);

    const accepted = await as('bumen.jiaoyu.dali').post(`/api/referrals/${education}/accept`, {
      handler: '段老师',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('ACCEPTED');
    const again = await as('bumen.jiaoyu.dali').post(`/api/referrals/${education}/accept`, {
      handler: '段老师',
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('WrongStep');
    const badOutcome = await as('bumen.jiaoyu.dali').post(`/api/referrals/${education}/complete`, {
      result: 'served',
      startedOn: '2027-01-05',
    });
    expect(badOutcome.status).toBe(422);
    expect(badOutcome.body.message).toContain('service');

    expect(await inbox('bumen.jiaoyu.dali', '?status=SENT')).toEqual([]);
    expect(await inbox('bumen.jiaoyu.dali', '?status=ACCEPTED,IN_PROGRESS&overdue=false')).toEqual([
      education,
    ]);
    expect(await inbox('bumen.jiaoyu.dali', '?dueBefore=2026-01-01')).toEqual([]);
  });

  test('completed referrals answer 409; the summary counts per bureau within the jurisdiction', async () => {
    const done = await as('bumen.jiaoyu.dali').post(`/api/referrals/${education}/complete`, {
      result: 'served',
      service: '免除学杂费、教科书费',
      amountYuan: 1250,
      startedOn: '2027-01-05',
    });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('COMPLETED');
    await waitFor(
      async () => (await harness.db.referral.findUniqueOrThrow({ where: { referralNo: education } })).endedAt,
      'completion written',
    );
    const late = await as('bumen.jiaoyu.dali').post(`/api/referrals/${education}/progress`, {
      on: '2027-01-09',
      note: '补记进展',
    });
    expect(late.status).toBe(409);
    expect(late.body.error).toBe('ReferralClosed');

    const own = await as('bumen.jiaoyu.dali').get('/api/referrals/summary');
    expect(own.status).toBe(200);
    expect(own.body.departments).toEqual([
      expect.objectContaining({
        receivingUnitId: '532901-JY',
        received: 1,
        open: 0,
        completed: 1,
        medianHoursToAccept: expect.any(Number),
        medianHoursToComplete: expect.any(Number),
      }),
    ]);
    const county = await as('jiandu.dali').get('/api/referrals/summary');
    expect(county.body.departments.map((d: { receivingUnitId: string }) => d.receivingUnitId)).toEqual([
      '532901-JY',
      '532901-ZJ',
    ]);
    expect(county.body.departments[1]).toMatchObject({
      received: 1,
      open: 1,
      completed: 0,
      medianHoursToAccept: null,
    });
    const yangbi = await as('bumen.jiaoyu.yangbi').get('/api/referrals/summary');
    expect(yangbi.body.departments).toEqual([]);
    expect((await as('jiandu.dali').get('/api/referrals/summary?since=2026-13-01')).status).toBe(400);
  });

  test('a referral by hand only while enrolled', async () => {
    const c = await CaseDriver.file(harness.env, harness.db);
    const { caseNo: applying } = await c.row();
    const res = await as('xiang.xizhou').post(`/api/cases/${applying}/referrals`, {
      kind: 'legalAid',
      reason: '追索抚养费',
    });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('WrongStep');
    await c.discard();
  });
});
