import request from 'supertest';
import { REPORTS_PER_HOUR } from '../../api/public-report-desk';
import { waitFor, XIZHOU_VILLAGE } from '../support/fixtures';
import { basic, solvedChallenge as solvedChallengeOf } from '../support/public-reports';
import { useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const http = useTestApp(harness);

const TOWNSHIP = 'xiang.xizhou'; // 喜洲镇 officer: verifies tip-offs from 喜洲村
const SUPERVISOR = 'jiandu.dali'; // 大理市 supervisor: sees the reporter
const staffMail = (username: string) => `${username}@staff.jiuzhu.local`;

const solvedChallenge = () => solvedChallengeOf(http.app);

const REPORT = {
  kind: 'TIP_OFF',
  villageId: XIZHOU_VILLAGE,
  facts: '该户家中新购小汽车一辆，仍在领取低保金。',
  contactName: '匿名群众',
  contactPhone: '13812345678',
};

async function file(body: object = REPORT) {
  return request(http.app)
    .post('/api/public/reports')
    .send({ ...body, ...(await solvedChallenge()) });
}

const fieldsOf = (res: request.Response) => (res.body.details as { field: string }[]).map((d) => d.field);

describe('举报投诉 public tip-offs and their verification', () => {
  let receiptNo: string;

  test('filed without sign-in: a random receipt; the answer shows the status and nothing else', async () => {
    const res = await file();
    expect(res.status).toBe(201);
    receiptNo = res.body.receiptNo;
    expect(receiptNo).toMatch(/^[A-Z2-7]{16}$/);
    const answer = await request(http.app).get(`/api/public/reports/${receiptNo}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ receiptNo, status: 'VERIFYING', statusName: '核查中', outcome: null });
    const page = await request(http.app).get(`/public/reports/${receiptNo}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('核查中');
    for (const secret of [REPORT.facts, REPORT.contactName, REPORT.contactPhone, '喜洲'])
      expect(page.text).not.toContain(secret);
  });

  test("the reporter's contact: refused to the township officer, shown to the county's supervisor", async () => {
    const asTownship = await request(http.app)
      .get(`/api/tip-offs/${receiptNo}`)
      .set('Authorization', basic(TOWNSHIP));
    expect(asTownship.status).toBe(200);
    expect(asTownship.body).toMatchObject({
      reporterVisible: false,
      contactName: '***',
      contactPhone: '*******5678',
      assigneeUnitId: '532901003',
    });
    expect(JSON.stringify(asTownship.body)).not.toContain(REPORT.contactName);
    const inbox = await request(http.app).get('/api/tip-offs').set('Authorization', basic(TOWNSHIP));
    expect(JSON.stringify(inbox.body)).not.toContain(REPORT.contactPhone);
    const asSupervisor = await request(http.app)
      .get(`/api/tip-offs/${receiptNo}`)
      .set('Authorization', basic(SUPERVISOR));
    expect(asSupervisor.body).toMatchObject({
      reporterVisible: true,
      contactName: REPORT.contactName,
      contactPhone: REPORT.contactPhone,
    });
  });

  test('overdue after 15 working days: the township reminded, the supervisors above told, by real SMTP', async () => {
    const row = await waitFor(
      async () => (await harness.db.tipOff.findUnique({ where: { receiptNo } }))?.dueAt,
      'the deadline',
    );
    const days = (row.getTime() - (await harness.env.currentTimeMs())) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(15); // 15 working days: three weeks and more
    await harness.env.sleep(row.getTime() - (await harness.env.currentTimeMs()) + 60_000);
    await waitFor(
      async () =>
        harness.inbox
          .to(staffMail(TOWNSHIP))
          .some((m) => m.subject === `【举报投诉核查超期提醒】${receiptNo}`) &&
        harness.inbox
          .to(staffMail(SUPERVISOR))
          .some((m) => m.subject === `【督办】举报投诉核查超期${receiptNo}`),
      'the reminder and the escalation',
    );
    expect((await harness.db.tipOff.findUniqueOrThrow({ where: { receiptNo } })).overdue).toBe(true);
    // Once per deadline: the supervisor of the county is told once.
    expect(harness.inbox.to(staffMail(SUPERVISOR)).filter((m) => m.subject.includes(receiptNo))).toHaveLength(
      1,
    );
  });

  test('the outcome closes the task and is published; only the verifying unit records it, once', async () => {
    const outcome = {
      status: 'SUBSTANTIATED',
      outcomeText: '经核查，反映情况属实，已启动复核。',
      findings: '入户核查：该户购入小汽车一辆，未申报。',
    };
    const bySupervisor = await request(http.app)
      .post(`/api/tip-offs/${receiptNo}/outcome`)
      .set('Authorization', basic(SUPERVISOR))
      .send(outcome);
    expect(bySupervisor.status).toBe(403);
    const bad = await request(http.app)
      .post(`/api/tip-offs/${receiptNo}/outcome`)
      .set('Authorization', basic(TOWNSHIP))
      .send({ ...outcome, status: 'MAYBE' });
    expect([bad.status, fieldsOf(bad)]).toEqual([400, ['body.status']]);
    const res = await request(http.app)
      .post(`/api/tip-offs/${receiptNo}/outcome`)
      .set('Authorization', basic(TOWNSHIP))
      .send(outcome);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'SUBSTANTIATED', overdue: false, findings: outcome.findings });
    const again = await request(http.app)
      .post(`/api/tip-offs/${receiptNo}/outcome`)
      .set('Authorization', basic(TOWNSHIP))
      .send(outcome);
    expect(again.status).toBe(409);
    const answer = await request(http.app).get(`/api/public/reports/${receiptNo}`);
    expect(answer.body).toEqual({
      receiptNo,
      status: 'SUBSTANTIATED',
      statusName: '属实',
      outcome: outcome.outcomeText,
    });
  });

  test('a replayed, forged or unworked challenge and a bad field answer 400 naming the field, and file nothing', async () => {
    const before = await harness.db.tipOff.count();
    const solved = await solvedChallenge();
    const first = await request(http.app)
      .post('/api/public/reports')
      .send({ ...REPORT, ...solved });
    expect(first.status).toBe(201);
    const replayed = await request(http.app)
      .post('/api/public/reports')
      .send({ ...REPORT, ...solved });
    expect([replayed.status, fieldsOf(replayed)]).toEqual([400, ['body.challenge']]);
    const fresh = await solvedChallenge();
    const forged = await request(http.app)
      .post('/api/public/reports')
      .send({ ...REPORT, ...fresh, challenge: fresh.challenge.replace(/\.16\./, '.1.') });
    expect([forged.status, fieldsOf(forged)]).toEqual([400, ['body.challenge']]);
    const unworked = await request(http.app)
      .post('/api/public/reports')
      .send({ ...REPORT, challenge: fresh.challenge, nonce: 'zzzzzzzzzz' });
    expect([unworked.status, fieldsOf(unworked)]).toEqual([400, ['body.nonce']]);
    const short = await file({ ...REPORT, facts: '短' });
    expect([short.status, fieldsOf(short)]).toEqual([400, ['body.facts']]);
    const nowhere = await file({ kind: 'COMPLAINT', facts: '办理过程中工作人员态度恶劣。' });
    expect([nowhere.status, fieldsOf(nowhere)]).toEqual([400, ['body.villageId']]);
    const noCase = await file({
      kind: 'COMPLAINT',
      caseNo: 'DB-000000-2026-000001',
      facts: '办理过程中工作人员态度恶劣。',
    });
    expect([noCase.status, fieldsOf(noCase)]).toEqual([422, ['body.caseNo']]);
    expect(await harness.db.tipOff.count()).toBe(before + 1);
  });

  test(`rate limit: ${REPORTS_PER_HOUR} reports with good proof of work per address and hour, then 429`, async () => {
    // All from this test's address: the reports filed, and the one for an unknown case number
    // (its work was good, so it counted).
    const counted = (await harness.db.tipOff.count()) + 1;
    for (let i = counted; i < REPORTS_PER_HOUR; i++) expect((await file()).status).toBe(201);
    const refused = await file();
    expect(refused.status).toBe(429);
    expect(refused.body.error).toBe('rate_limited');
    expect(await harness.db.tipOff.count()).toBe(REPORTS_PER_HOUR - 1);
  });
});
