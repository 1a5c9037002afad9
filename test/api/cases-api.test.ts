import request from 'supertest';
import { DEMO_PASSWORD } from '../../prisma/seed/seed';
import { startLeftBehindStandardChanges } from '../../api/standard-changes';
import { localDateOf } from '../../domain/working-days';
import { CaseDriver } from '../support/case-driver';
import { dibaoApplication, idNumber, waitFor } from '../support/fixtures';
import { TEST_TASK_QUEUE } from '../support/temporal';
import { useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const http = useTestApp(harness);

const auth = (username: string) => `Basic ${Buffer.from(`${username}:${DEMO_PASSWORD}`).toString('base64')}`;
const VILLAGE_ASSISTANT = auth('cun.xizhou');
const TOWNSHIP_OFFICER = auth('xiang.xizhou');

async function rowCounts() {
  const [cases, households, members, events] = await Promise.all([
    harness.db.case.count(),
    harness.db.household.count(),
    harness.db.householdMember.count(),
    harness.db.caseEvent.count({ where: { type: 'applicationReceived' } }),
  ]);
  return { cases, households, members, events };
}

describe('POST /api/cases and GET /api/cases/:id', () => {
  test('files an application, starts its workflow and reads its events back', async () => {
    const created = await request(http.app)
      .post('/api/cases')
      .set('Authorization', VILLAGE_ASSISTANT)
      .send(dibaoApplication());
    expect(created.status).toBe(201);
    expect(created.body.caseNo).toMatch(/^DB-532901-\d{4}-\d{6}$/);
    expect(created.body.workflowId).toBe(`case-${created.body.caseNo}`);
    // ID numbers never leave the API unmasked in a case view.
    // Nor their birth dates beside them: the age is shown instead.
    for (const member of created.body.household.members) {
      expect(member.idNumber).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
      expect(member).not.toHaveProperty('birthDate');
      expect(member.age).toEqual(expect.any(Number));
    }

    const description = await harness.env.client.workflow.getHandle(created.body.workflowId).describe();
    expect(description.status.name).toBe('RUNNING');

    const read = await waitFor(async () => {
      const res = await request(http.app)
        .get(`/api/cases/${created.body.caseNo}`)
        .set('Authorization', TOWNSHIP_OFFICER);
      return res.body.events?.length >= 2 && res;
    }, 'stepOpened event');
    expect(read.status).toBe(200);
    expect(read.body.events.map((e: { type: string }) => e.type)).toEqual([
      'applicationReceived',
      'stepOpened',
    ]);
    expect(read.body).toMatchObject({ status: 'SUBMITTED', currentStep: 'acceptance', overdue: false });
    expect(
      await harness.db.auditEntry.count({ where: { resource: 'case', resourceId: created.body.id } }),
    ).toBeGreaterThan(0);

    const notOpen = await request(http.app)
      .post(`/api/cases/${created.body.id}/steps/countyApproval`)
      .set('Authorization', auth('xian.dali'))
      .send({ decision: 'approve' });
    expect(notOpen.status).toBe(409);
    expect(notOpen.body.error).toBe('WrongStep');
    const wrongRole = await request(http.app)
      .post(`/api/cases/${created.body.id}/steps/acceptance`)
      .set('Authorization', VILLAGE_ASSISTANT)
      .send({ decision: 'accept' });
    expect(wrongRole.status).toBe(403);
    const noReasons = await request(http.app)
      .post(`/api/cases/${created.body.id}/steps/acceptance`)
      .set('Authorization', TOWNSHIP_OFFICER)
      .send({ decision: 'reject' });
    expect(noReasons.status).toBe(422);
    expect(noReasons.body.message).toContain('reasons');

    const objectionNotOnNotice = await request(http.app)
      .post(`/api/cases/${created.body.id}/actions/recordObjection`)
      .set('Authorization', VILLAGE_ASSISTANT)
      .send({ receivedOn: '2026-12-01', content: '有异议' });
    expect(objectionNotOnNotice.status).toBe(409);
    const extensionByOfficer = await request(http.app)
      .post(`/api/cases/${created.body.id}/actions/extendStepDeadline`)
      .set('Authorization', TOWNSHIP_OFFICER)
      .send({ workingDays: 3, reasons: '申请人外出' });
    expect(extensionByOfficer.status).toBe(403);
    const unknownAction = await request(http.app)
      .post(`/api/cases/${created.body.id}/actions/approveEverything`)
      .set('Authorization', TOWNSHIP_OFFICER)
      .send({});
    expect(unknownAction.status).toBe(400);
    expect(unknownAction.body.details[0].field).toBe('params.action');

    const accepted = await request(http.app)
      .post(`/api/cases/${created.body.id}/steps/acceptance`)
      .set('Authorization', TOWNSHIP_OFFICER)
      .send({ decision: 'accept' });
    expect(accepted.status).toBe(200);
    const again = await request(http.app)
      .post(`/api/cases/${created.body.id}/steps/acceptance`)
      .set('Authorization', TOWNSHIP_OFFICER)
      .send({ decision: 'accept' });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('WrongStep');
  });

  test('a step sent again with its Idempotency-Key (the answer was lost) is applied once and answers the same', async () => {
    const created = await request(http.app)
      .post('/api/cases')
      .set('Authorization', VILLAGE_ASSISTANT)
      .send(dibaoApplication({ address: '大理市喜洲镇周城村五组9号' }));
    const acceptance = () =>
      request(http.app)
        .post(`/api/cases/${created.body.id}/steps/acceptance`)
        .set('Authorization', TOWNSHIP_OFFICER)
        .set('Idempotency-Key', 'console-form-7f3a9c21')
        .send({ decision: 'accept' });
    await waitFor(
      async () => (await harness.db.case.findUnique({ where: { id: created.body.id } }))?.dueAt,
      'open',
    );
    const first = await acceptance();
    const second = await acceptance();
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    const decided = await harness.db.caseEvent.count({
      where: { caseId: created.body.id, type: 'stepDecided', step: 'acceptance' },
    });
    expect(decided).toBe(1);
    const badKey = await request(http.app)
      .post(`/api/cases/${created.body.id}/steps/investigation`)
      .set('Authorization', TOWNSHIP_OFFICER)
      .set('Idempotency-Key', 'bad key!')
      .send({});
    expect(badKey.status).toBe(400);
    expect(badKey.body.details[0].field).toBe('headers.idempotency-key');
  });

  test('the retry of a keyed decision that closed the case answers what the decision answered, not 409', async () => {
    const created = await request(http.app)
      .post('/api/cases')
      .set('Authorization', VILLAGE_ASSISTANT)
      .send(dibaoApplication({ address: '大理市喜洲镇周城村五组10号' }));
    await waitFor(
      async () => (await harness.db.case.findUnique({ where: { id: created.body.id } }))?.dueAt,
      'open',
    );
    const refusal = (key: string) =>
      request(http.app)
        .post(`/api/cases/${created.body.id}/steps/acceptance`)
        .set('Authorization', TOWNSHIP_OFFICER)
        .set('Idempotency-Key', key)
        .send({ decision: 'reject', reasons: '申请人户籍不在本县' });
    const first = await refusal('console-form-closing-1');
    expect(first.status).toBe(200);
    await waitFor(
      async () => (await harness.db.case.findUnique({ where: { id: created.body.id } }))?.closedAt,
      'closed',
    );

    const retried = await refusal('console-form-closing-1');
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual(first.body);
    // Another key is another decision, and the case is closed to it.
    const another = await refusal('console-form-closing-2');
    expect(another.status).toBe(409);
    expect(another.body.error).toBe('CaseClosed');
    expect(
      await harness.db.caseEvent.count({
        where: { caseId: created.body.id, type: 'stepDecided', step: 'acceptance' },
      }),
    ).toBe(1);
  });

  test('the same request with the same Idempotency-Key twice creates one case', async () => {
    const before = await rowCounts();
    const body = dibaoApplication({ address: '大理市喜洲镇周城村五组8号' });
    const first = await request(http.app)
      .post('/api/cases')
      .set('Authorization', VILLAGE_ASSISTANT)
      .set('Idempotency-Key', 'intake-2026-11-29-0001')
      .send(body);
    const second = await request(http.app)
      .post('/api/cases')
      .set('Authorization', VILLAGE_ASSISTANT)
      .set('Idempotency-Key', 'intake-2026-11-29-0001')
      .send(body);
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    const after = await rowCounts();
    expect(after.cases - before.cases).toBe(1);
    expect(after.households - before.households).toBe(1);

    const other = await request(http.app)
      .post('/api/cases')
      .set('Authorization', VILLAGE_ASSISTANT)
      .set('Idempotency-Key', 'intake-2026-11-29-0001')
      .send(dibaoApplication({ address: '另一个地址 1号' }));
    expect(other.status).toBe(422);
    expect(other.body.error).toBe('idempotency_key_reused');
    expect((await rowCounts()).cases).toBe(after.cases);
  });

  type Spoilable = { members: [Record<string, unknown>, Record<string, unknown>] } & Record<string, unknown>;
  const badId =
    idNumber('1975-03-14', 24).slice(0, 17) + (idNumber('1975-03-14', 24).endsWith('0') ? '1' : '0');
  test.each([
    ['a wrong ID check digit', (b: Spoilable) => (b.members[0].idNumber = badId), 'body.members.0.idNumber'],
    // Seen with the fuzz suite's ID-number mutations: a person born in 2099 was filed.
    [
      'a member born after today',
      (b: Spoilable) => (b.members[1].idNumber = idNumber('2099-01-01', 24)),
      'body.members.1.idNumber',
    ],
    ['no applicant', (b: Spoilable) => (b.members[0].relation = 'SPOUSE'), 'body.members'],
    ['an unknown programme', (b: Spoilable) => (b.programme = 'DIBAO_MARS'), 'body.programme'],
    [
      'no data-check authorisation',
      (b: Spoilable) => (b.dataCheckAuthorisationSigned = false),
      'body.dataCheckAuthorisationSigned',
    ],
    ['a member without a name', (b: Spoilable) => delete b.members[1].name, 'body.members.1.name'],
  ])('rejects %s with 400 naming the field, and writes nothing', async (_label, spoil, field) => {
    const before = await rowCounts();
    const body = structuredClone(dibaoApplication()) as unknown as Spoilable;
    spoil(body);
    const res = await request(http.app).post('/api/cases').set('Authorization', VILLAGE_ASSISTANT).send(body);
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await rowCounts()).toEqual(before);
  });

  test.each([
    [
      'malformed JSON',
      (r: request.Test) => r.set('Content-Type', 'application/json').send('{"programme":'),
      400,
    ],
    ['no credentials', (r: request.Test) => r.send(dibaoApplication()), 401],
    [
      'a bad Idempotency-Key header',
      (r: request.Test) =>
        r.set('Authorization', VILLAGE_ASSISTANT).set('Idempotency-Key', 'x').send(dibaoApplication()),
      400,
    ],
    [
      'a county approver filing (wrong role)',
      (r: request.Test) => r.set('Authorization', auth('xian.dali')).send(dibaoApplication()),
      403,
    ],
    [
      'an unknown village',
      (r: request.Test) =>
        r.set('Authorization', VILLAGE_ASSISTANT).send(dibaoApplication({ villageId: '999999999999' })),
      422,
    ],
  ])('answers %s with %s and writes nothing', async (_label, send, status) => {
    const before = await rowCounts();
    const res = await send(request(http.app).post('/api/cases'));
    expect(res.status).toBe(status);
    expect(await rowCounts()).toEqual(before);
  });

  test('a case outside the reader’s jurisdiction is not found, and a bad id is a 400', async () => {
    const created = await request(http.app)
      .post('/api/cases')
      .set('Authorization', VILLAGE_ASSISTANT)
      .send(dibaoApplication({ address: '喜洲村九组3号' }));
    const otherCounty = await harness.db.staffUser.create({
      data: {
        username: 'xiang.other',
        displayName: '外县经办',
        role: 'TOWNSHIP_OFFICER',
        unitId: '532923001',
        passwordHash: (await harness.db.staffUser.findUniqueOrThrow({ where: { username: 'cun.xizhou' } }))
          .passwordHash,
      },
    });
    const res = await request(http.app)
      .get(`/api/cases/${created.body.id}`)
      .set('Authorization', auth(otherCounty.username));
    expect(res.status).toBe(404);
    const bad = await request(http.app).get('/api/cases/not-a-case').set('Authorization', TOWNSHIP_OFFICER);
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('params.id');
  });
});

describe('an enrolled case through the API', () => {
  test('its actions reach the enrolment workflow; application actions and bad input are refused', async () => {
    const c = await CaseDriver.file(harness.env, harness.db, dibaoApplication({ address: '喜洲村七组5号' }));
    const { caseNo } = await c.row();
    const act = (action: string, user: string, body: object) =>
      request(http.app)
        .post(`/api/cases/${caseNo}/actions/${action}`)
        .set('Authorization', auth(user))
        .send(body);
    const change = { reportedOn: '2027-01-10', kind: 'income', description: '申请人打零工收入增加' };

    const early = await act('reportChange', 'cun.xizhou', change);
    expect(early.status).toBe(409);
    expect(early.body.error).toBe('WrongStep');

    const e = await c.toEnrolment();
    const read = await request(http.app).get(`/api/cases/${caseNo}`).set('Authorization', TOWNSHIP_OFFICER);
    expect(read.body).toMatchObject({ status: 'ENROLLED', monthlyAmount: 1660, currentStep: null });
    expect(read.body.nextReviewAt).not.toBeNull();

    const objection = await act('recordObjection', 'cun.xizhou', {
      receivedOn: '2027-01-10',
      content: '有异议',
    });
    expect(objection.status).toBe(409);
    const invalid = await act('reportChange', 'cun.xizhou', { ...change, kind: 'lottery' });
    expect(invalid.status).toBe(422);
    expect(invalid.body.message).toContain('kind');
    const notTheirs = await act('requestExit', 'cun.xizhou', {
      reason: 'voluntaryWithdrawal',
      occurredOn: '2027-01-05',
      evidence: '本人书面申请',
    });
    expect(notTheirs.status).toBe(403);

    const reported = await act('reportChange', 'cun.xizhou', change);
    expect(reported.status).toBe(200);
    await e.reach('recertInvestigation');
    const step = await request(http.app)
      .post(`/api/cases/${caseNo}/steps/recertInvestigation`)
      .set('Authorization', TOWNSHIP_OFFICER)
      .send({ outcome: 'householdRefused', reasons: '拒绝入户' });
    expect(step.status).toBe(200);
    expect(step.body.status).toBe('EXIT_NOTIFIED');
    await e.discard();
  });
});

describe('POST /api/counties/:countyId/standards', () => {
  test('the standards a county starts with are no change: the reconciler starts no review for them', async () => {
    expect(await harness.db.assistanceStandard.count()).toBeGreaterThan(0);
    expect(await startLeftBehindStandardChanges(harness.db, harness.env.client, TEST_TASK_QUEUE, 0)).toBe(0);
  });

  test('a new standard asks every enrolled case for a review, which applies it', async () => {
    const c = await CaseDriver.file(harness.env, harness.db, dibaoApplication({ address: '喜洲村八组2号' }));
    const e = await c.toEnrolment();
    const today = localDateOf(await harness.env.currentTimeMs());
    const post = (user: string, body: object, county = '532901') =>
      request(http.app).post(`/api/counties/${county}/standards`).set('Authorization', auth(user)).send(body);
    const standard = { programme: 'DIBAO_RURAL', monthlyYuan: 600, effectiveFrom: today };

    expect((await post('xiang.xizhou', standard)).status).toBe(403);
    expect((await post('xian.dali', standard, '532923')).status).toBe(404);
    const bad = await post('xian.dali', { ...standard, monthlyYuan: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('body.monthlyYuan');

    const created = await post('xian.dali', standard);
    expect(created.status).toBe(201);
    expect((await post('xian.dali', standard)).status).toBe(409);

    await e.reach('recertInvestigation');
    const [requested] = await e.eventsOf('reviewRequested');
    expect(requested).toMatchObject({ decision: 'standardChange' });
    expect(requested!.reasons).toContain('每人每月 600 元');
    await waitFor(
      async () =>
        (await harness.db.assistanceStandard.findUniqueOrThrow({ where: { id: created.body.id } }))
          .reviewsRequestedAt,
      'the reviews requested',
    );
    const policy = await request(http.app)
      .get('/api/counties/532901/policy')
      .set('Authorization', auth('xian.dali'));
    const shown = policy.body.standards.find((s: { effectiveFrom: string }) => s.effectiveFrom === today);
    expect(shown.reviews).toMatchObject({ finishedAt: expect.any(String) });
    expect(shown.reviews.signalled).toBeGreaterThanOrEqual(1);
    expect(shown.reviews.signalled + shown.reviews.ended).toBe(shown.reviews.total);

    // Standard 600, 100 per capita: (600 − 100) × 3 + 40 % × 600 + 10 % × 600 = 1800.
    const view = await e.recertify([{ memberIndex: 0, kind: 'wages', amountYuan: 300, period: 'monthly' }]);
    expect(view).toMatchObject({ status: 'ENROLLED', monthlyAmount: 1800 });
    await e.discard();
  });
});

describe('GET /api/counties/:countyId/policy', () => {
  test('staff of the county and above read its configuration; others do not', async () => {
    const own = await request(http.app)
      .get('/api/counties/532901/policy')
      .set('Authorization', TOWNSHIP_OFFICER);
    expect(own.status).toBe(200);
    expect(own.body.policy.stepLimits.acceptance).toEqual({ days: 3, unit: 'working' });
    expect(own.body.policy.stepLimits.publicNotice).toEqual({ days: 7, unit: 'calendar' });
    expect(own.body.standards).toEqual(
      expect.arrayContaining([
        { programme: 'DIBAO_RURAL', monthlyYuan: 560, effectiveFrom: '2026-01-01', reviews: null },
      ]),
    );
    expect(own.body.calendar.holidays).toContain('2026-10-01');
    const prefecture = await request(http.app)
      .get('/api/counties/532923/policy')
      .set('Authorization', auth('jiandu.zhou'));
    expect(prefecture.status).toBe(200);
    const otherCounty = await request(http.app)
      .get('/api/counties/532923/policy')
      .set('Authorization', TOWNSHIP_OFFICER);
    expect(otherCounty.status).toBe(404);
    const bad = await request(http.app)
      .get('/api/counties/dali/policy')
      .set('Authorization', TOWNSHIP_OFFICER);
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('params.countyId');
  });
});

describe('GET /api/health', () => {
  test('reports the database and Temporal reachable', async () => {
    const res = await request(http.app).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { ok: true }, temporal: { ok: true } });
  });
});
