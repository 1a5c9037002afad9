import ExcelJS from 'exceljs';
import request from 'supertest';
import { DEMO_PASSWORD } from '../../prisma/seed/seed';
import { CaseDriver, DAY_MS } from '../support/case-driver';
import { waitFor } from '../support/fixtures';
import { useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const http = useTestApp(harness);

const basic = (username: string) => `Basic ${Buffer.from(`${username}:${DEMO_PASSWORD}`).toString('base64')}`;
const TOWNSHIP = 'xiang.xizhou';
/** The bureau officer of each source in 大理市 (prisma/seed/seed.ts). */
const BUREAUS = {
  PUBLIC_SECURITY: 'bumen.gongan.dali',
  NATURAL_RESOURCES: 'bumen.ziran.dali',
  HUMAN_RESOURCES: 'bumen.renshe.dali',
  MARKET_REGULATION: 'bumen.shichang.dali',
  TAX: 'bumen.shuiwu.dali',
  BANKS: 'bumen.hedui.dali',
} as const;
const staffMail = (username: string) => `${username}@staff.jiuzhu.local`;

const api = {
  get: (path: string, user: string) => request(http.app).get(path).set('Authorization', basic(user)),
  post: (path: string, user: string, body: object) =>
    request(http.app).post(path).set('Authorization', basic(user)).send(body),
};

interface Member {
  memberId: string;
  name: string;
  idNumber: string;
}

const requestOf = (checkNo: string, source: keyof typeof BUREAUS) =>
  harness.db.economicCheckRequest.findFirstOrThrow({ where: { check: { checkNo }, source } });

async function membersOf(requestNo: string, user: string): Promise<Member[]> {
  const res = await api.get(`/api/economic-check-requests/${requestNo}`, user);
  expect(res.status).toBe(200);
  return res.body.members as Member[];
}

async function xlsxOf(rows: (string | number)[][]): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('核对结果');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
}

describe('家庭经济状况核对 the household economic check', () => {
  test('fanned out to six bureaus, answered in the console and by file, one late; a mismatch holds the review until resolved', async () => {
    const c = await CaseDriver.file(harness.env, harness.db);
    await c.accept();
    await c.reach('investigation');
    const { caseNo } = await c.row();
    const [applicant, spouse] = await c.memberIds();
    const declared = {
      vehicles: 0,
      homes: 1,
      registeredBusiness: false,
      depositsYuan: 3000,
      incomes: [{ memberId: applicant, kind: 'wages', monthlyYuan: 300 }],
    };

    // Only the township asks; two at once: the database lets one through.
    expect((await api.post(`/api/cases/${caseNo}/economic-checks`, 'cun.xizhou', { declared })).status).toBe(
      403,
    );
    const [first, second] = await Promise.all([
      api.post(`/api/cases/${caseNo}/economic-checks`, TOWNSHIP, { declared }),
      api.post(`/api/cases/${caseNo}/economic-checks`, TOWNSHIP, { declared }),
    ]);
    expect([first.status, second.status].sort()).toEqual([201, 409]);
    const { checkNo } = (first.status === 201 ? first : second).body as { checkNo: string };
    expect(checkNo).toBe(`${caseNo}-HD01`);
    await waitFor(
      async () => (await harness.db.economicCheckRequest.count({ where: { check: { checkNo } } })) === 6,
      'six requests',
    );

    // Each bureau sees its own request only; full ID numbers only there.
    for (const [source, user] of Object.entries(BUREAUS)) {
      const inbox = await api.get('/api/economic-check-requests', user);
      expect(inbox.status).toBe(200);
      expect(inbox.body.items.map((i: { source: string }) => i.source)).toEqual([source]);
    }
    const gaNo = (await requestOf(checkNo, 'PUBLIC_SECURITY')).requestNo;
    const members = await membersOf(gaNo, BUREAUS.PUBLIC_SECURITY);
    expect(members).toHaveLength(3);
    expect(members[0]!.idNumber).toMatch(/^\d{17}[\dX]$/);
    const supervised = await api.get(`/api/economic-check-requests/${gaNo}`, 'jiandu.dali');
    expect(supervised.status).toBe(200);
    expect(JSON.stringify(supervised.body)).not.toContain(members[0]!.idNumber);
    expect((await api.get(`/api/economic-check-requests/${gaNo}`, BUREAUS.TAX)).status).toBe(404);

    // The investigation waits for the report.
    const report = await c.investigationReport([
      { memberIndex: 0, kind: 'wages', amountYuan: 300, period: 'monthly' },
    ]);
    const early = await api.post(`/api/cases/${caseNo}/steps/investigation`, TOWNSHIP, report);
    expect(early.status).toBe(409);
    expect(early.body.error).toBe('EconomicCheckOpen');

    // 公安 answers in the console. A field of another bureau is refused by name.
    const perMember = (fields: (m: Member) => object) => ({
      answers: members.map((m) => ({ memberId: m.memberId, ...fields(m) })),
    });
    const wrongField = await api.post(
      `/api/economic-check-requests/${gaNo}/answers`,
      BUREAUS.PUBLIC_SECURITY,
      perMember(() => ({ registration: 'registered', vehicles: 0, homes: 1 })),
    );
    expect(wrongField.status).toBe(422);
    expect(wrongField.body.details[0].field).toBe('body.answers.0.homes');
    const gaAnswer = perMember(() => ({ registration: 'registered', vehicles: 0 }));
    const [gaOnce, gaTwice] = await Promise.all([
      api.post(`/api/economic-check-requests/${gaNo}/answers`, BUREAUS.PUBLIC_SECURITY, gaAnswer),
      api.post(`/api/economic-check-requests/${gaNo}/answers`, BUREAUS.PUBLIC_SECURITY, gaAnswer),
    ]);
    expect([gaOnce.status, gaTwice.status].sort()).toEqual([200, 409]);
    // Another bureau cannot answer it (it does not see it).
    expect(
      (
        await api.post(`/api/economic-check-requests/${gaNo}/answers`, BUREAUS.TAX, {
          answers: [{ memberId: applicant, taxedIncomeMonthlyYuan: 0 }],
        })
      ).status,
    ).toBe(404);

    for (const [source, user, fields] of [
      [
        'NATURAL_RESOURCES',
        BUREAUS.NATURAL_RESOURCES,
        (m: Member) => ({ homes: m.memberId === applicant ? 1 : 0 }),
      ],
      ['MARKET_REGULATION', BUREAUS.MARKET_REGULATION, () => ({ businesses: 0 })],
      ['TAX', BUREAUS.TAX, (m: Member) => ({ taxedIncomeMonthlyYuan: m.memberId === applicant ? 300 : 0 })],
    ] as const) {
      const no = (await requestOf(checkNo, source)).requestNo;
      const res = await api.post(`/api/economic-check-requests/${no}/answers`, user, perMember(fields));
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('ANSWERED');
    }

    // 人社 imports a file: a bad row is refused by row and column and nothing is written.
    const rsNo = (await requestOf(checkNo, 'HUMAN_RESOURCES')).requestNo;
    const header = 'requestNo,idNumber,pensionMonthlyYuan,insuredWageMonthlyYuan';
    const badCsv = [
      header,
      `${rsNo},${members[0]!.idNumber},0,300`,
      `${rsNo},${members[1]!.idNumber},abc,0`,
      `${rsNo},${members[2]!.idNumber},0,0`,
    ].join('\n');
    const bad = await api.post('/api/economic-check-requests/import', BUREAUS.HUMAN_RESOURCES, {
      format: 'csv',
      content: badCsv,
    });
    expect(bad.status).toBe(422);
    expect(bad.body.details).toEqual([expect.objectContaining({ row: 3, column: 'pensionMonthlyYuan' })]);
    expect((await requestOf(checkNo, 'HUMAN_RESOURCES')).status).toBe('PENDING');
    const good = await api.post('/api/economic-check-requests/import', BUREAUS.HUMAN_RESOURCES, {
      format: 'xlsx',
      content: await xlsxOf([
        header.split(','),
        [rsNo, members[0]!.idNumber, 0, 300],
        [rsNo, members[1]!.idNumber, 0, 0],
        [rsNo, members[2]!.idNumber, 0, 0],
      ]),
    });
    expect(good.status).toBe(200);
    expect(good.body).toEqual({ answered: [rsNo], rows: 3 });

    // The banks' check centre is late: after its 5 working days, overdue, reminded and escalated.
    const yhNo = (await requestOf(checkNo, 'BANKS')).requestNo;
    await c.passTime(8 * DAY_MS);
    await waitFor(async () => (await requestOf(checkNo, 'BANKS')).overdue, 'the banks request overdue');
    const reminder = await waitFor(
      async () => harness.inbox.to(staffMail(BUREAUS.BANKS)).find((m) => m.subject.includes(yhNo)),
      'the reminder',
    );
    expect(reminder.subject).toContain('核对超期提醒');
    const escalation = await waitFor(
      async () => harness.inbox.to(staffMail('jiandu.dali')).find((m) => m.subject.includes(yhNo)),
      'the escalation',
    );
    expect(escalation.subject).toContain('督办');
    // The other bureaus, having answered, heard nothing.
    expect(harness.inbox.to(staffMail(BUREAUS.PUBLIC_SECURITY))).toHaveLength(0);
    expect(
      (
        await api.post(
          `/api/economic-check-requests/${yhNo}/answers`,
          BUREAUS.BANKS,
          // The spouse's account holds more than the household declared.
          perMember((m) => ({ depositsYuan: m.memberId === spouse ? 3500 : 0 })),
        )
      ).status,
    ).toBe(200);

    // The report: deposits above the declared are a mismatch; the case page's route shows it.
    const check = await waitFor(async () => {
      const res = await api.get(`/api/cases/${caseNo}/economic-checks`, TOWNSHIP);
      return res.body.checks?.[0]?.status === 'REPORTED' && res.body.checks[0];
    }, 'the report');
    expect(check.unresolved).toBe(true);
    expect(check.report.lines.filter((l: { mismatch: boolean }) => l.mismatch)).toEqual([
      expect.objectContaining({
        source: 'BANKS',
        topic: '存款',
        declared: '3000.00 元',
        found: '3500.00 元',
      }),
    ]);
    expect((await api.get(`/api/cases/${caseNo}/economic-checks`, BUREAUS.PUBLIC_SECURITY)).status).toBe(404);

    // The investigation now goes on, with the report's number and the checked deposits.
    const investigated = await api.post(`/api/cases/${caseNo}/steps/investigation`, TOWNSHIP, report);
    expect(investigated.status).toBe(200);
    const decided = await harness.db.caseEvent.findFirstOrThrow({
      where: { caseId: c.caseId, type: 'stepDecided', step: 'investigation' },
    });
    expect(decided.payload).toMatchObject({
      dataCheck: { reportNo: checkNo, result: 'discrepancy' },
      assets: { depositsYuan: 3500 },
    });
    await c.reach('appraisal');
    await c.appraise();
    await c.reach('townshipReview');

    // The township's proposal waits until the mismatch is resolved with reasons.
    const held = await api.post(`/api/cases/${caseNo}/steps/townshipReview`, TOWNSHIP, {
      decision: 'approve',
    });
    expect(held.status).toBe(409);
    expect(held.body.error).toBe('EconomicCheckUnresolved');
    expect(
      (await api.post(`/api/economic-checks/${checkNo}/resolution`, TOWNSHIP, { resolution: '' })).status,
    ).toBe(400);
    expect(
      (
        await api.post(`/api/economic-checks/${checkNo}/resolution`, 'cun.xizhou', {
          resolution: '存款为医疗费，已核实',
        })
      ).status,
    ).toBe(403);
    const resolved = await api.post(`/api/economic-checks/${checkNo}/resolution`, TOWNSHIP, {
      resolution: '存款为配偶住院期间亲友筹集的医疗费，入户核实已用于支付医药费，不影响认定',
    });
    expect(resolved.status).toBe(200);
    const approved = await api.post(`/api/cases/${caseNo}/steps/townshipReview`, TOWNSHIP, {
      decision: 'approve',
    });
    expect(approved.status).toBe(200);
    await c.reach('publicNotice');
    await c.discard();
  });
});
