import request from 'supertest';
import { DEMO_PASSWORD } from '../../prisma/seed/seed';
import { signedIn } from '../support/console-session';
import { dibaoApplication, idNumber, waitFor } from '../support/fixtures';
import { tekunApplication } from '../support/tekun-driver';
import { useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const http = useTestApp(harness);

const auth = (username: string) => `Basic ${Buffer.from(`${username}:${DEMO_PASSWORD}`).toString('base64')}`;

const file = (body: object, username = 'cun.xizhou') =>
  request(http.app).post('/api/cases').set('Authorization', auth(username)).send(body);

const serialOf = (caseNo: string) => Number(caseNo.split('-')[3]);

/** Everything a filing writes, counters included. */
async function written() {
  const [cases, households, members, events, claims, flags, counters] = await Promise.all([
    harness.db.case.count(),
    harness.db.household.count(),
    harness.db.householdMember.count(),
    harness.db.caseEvent.count({ where: { type: 'applicationReceived' } }),
    harness.db.openClaim.count(),
    harness.db.possibleDuplicate.count(),
    harness.db.caseNumberCounter.findMany({ orderBy: [{ countyId: 'asc' }, { prefix: 'asc' }] }),
  ]);
  return { cases, households, members, events, claims, flags, counters };
}

async function workflowExists(workflowId: string): Promise<boolean> {
  return harness.env.client.workflow
    .getHandle(workflowId)
    .describe()
    .then(
      () => true,
      (e: { name?: string }) => {
        if (e.name === 'WorkflowNotFoundError') return false;
        throw e;
      },
    );
}

/** The next number the county would issue after `caseNo`. */
const nextAfter = (caseNo: string) => caseNo.replace(/\d{6}$/, String(serialOf(caseNo) + 1).padStart(6, '0'));

/** The township refuses to accept the case (不予受理): it closes, and its people are free again. */
async function notAccepted(caseNo: string) {
  await waitFor(
    async () => (await harness.db.case.findUnique({ where: { caseNo } }))?.currentStep === 'acceptance',
    'the acceptance step',
  );
  const res = await request(http.app)
    .post(`/api/cases/${caseNo}/steps/acceptance`)
    .set('Authorization', auth('xiang.xizhou'))
    .send({ decision: 'reject', reasons: '申请材料不全，不予受理' });
  expect(res.status).toBe(200);
  await waitFor(async () => (await harness.db.case.findUnique({ where: { caseNo } }))?.closedAt, 'closed');
}

describe('查重: one open case per person among 低保 and 特困', () => {
  test('a second filing naming a member of an open case answers 409 with that case, and writes nothing', async () => {
    const household = dibaoApplication();
    const first = await file(household);
    expect(first.status).toBe(201);
    const before = await written();

    // Another household, with the first one's spouse in it.
    const other = dibaoApplication();
    const spouse = household.members[1]!;
    const second = await file({
      ...other,
      members: [other.members[0], { ...spouse, relation: 'SPOUSE' }],
    });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({
      error: 'duplicate_application',
      message: expect.stringContaining(first.body.caseNo),
      details: [
        {
          field: 'body.members.1.idNumber',
          message: expect.stringContaining(first.body.caseNo),
          caseNo: first.body.caseNo,
        },
      ],
    });
    expect(await written()).toEqual(before);
    expect(await workflowExists(`case-${nextAfter(first.body.caseNo)}`)).toBe(false);

    // The same household again is refused the same way.
    const again = await file(household);
    expect(again.status).toBe(409);
    expect(again.body.details).toHaveLength(3);
    expect(await written()).toEqual(before);
  });

  test('a person in an open 低保 application cannot apply for 特困, nor the other way round', async () => {
    const household = dibaoApplication();
    const dibao = await file(household);
    expect(dibao.status).toBe(201);
    const applicant = household.members[0]!;
    const tekun = tekunApplication();
    const refused = await file({ ...tekun, members: [{ ...tekun.members[0], ...applicant }] });
    expect(refused.status).toBe(409);
    expect(refused.body.details[0]).toMatchObject({ caseNo: dibao.body.caseNo });

    const person = tekunApplication();
    const supported = await file(person);
    expect(supported.status).toBe(201);
    const urban = dibaoApplication({ programme: 'DIBAO_URBAN' });
    const refusedDibao = await file({
      ...urban,
      members: [...urban.members, { ...person.members[0], relation: 'PARENT' }],
    });
    expect(refusedDibao.status).toBe(409);
    expect(refusedDibao.body.details).toEqual([
      expect.objectContaining({ field: 'body.members.3.idNumber', caseNo: supported.body.caseNo }),
    ]);
  });

  test('once the first case is refused (不予受理), the same household files again', async () => {
    const household = dibaoApplication();
    const first = await file(household);
    expect(first.status).toBe(201);
    expect((await file(household)).status).toBe(409);
    await notAccepted(first.body.caseNo);
    expect(await harness.db.openClaim.count({ where: { caseId: first.body.id } })).toBe(0);

    const again = await file(household);
    expect(again.status).toBe(201);
    expect(again.body.caseNo).not.toBe(first.body.caseNo);
    expect(await harness.db.openClaim.count({ where: { caseId: again.body.id } })).toBe(3);
  });

  test('two filings for one household racing at the API end with one case', async () => {
    const household = dibaoApplication();
    const before = await written();
    const answers = await Promise.all([file(household), file(household, 'xiang.xizhou'), file(household)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    const winner = answers.find((a) => a.status === 201)!;
    for (const loser of answers.filter((a) => a.status === 409))
      expect(loser.body.details[0].caseNo).toBe(winner.body.caseNo);
    const after = await written();
    expect(after.cases - before.cases).toBe(1);
    expect(after.households - before.households).toBe(1);
    expect(
      await harness.db.case.count({
        where: { household: { members: { some: { idNumber: household.members[0]!.idNumber } } } },
      }),
    ).toBe(1);
  });

  test('a 低保 and a 特困 filing for one person racing end with one case', async () => {
    const person = tekunApplication();
    const dibao = dibaoApplication();
    const answers = await Promise.all([
      file(person),
      file({ ...dibao, members: [...dibao.members, { ...person.members[0], relation: 'PARENT' }] }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(
      await harness.db.case.count({
        where: { household: { members: { some: { idNumber: person.members[0]!.idNumber } } } },
      }),
    ).toBe(1);
  });
});

describe('case numbers without gaps', () => {
  test('filings refused between two accepted ones consume no number', async () => {
    const first = await file(dibaoApplication());
    expect(first.status).toBe(201);
    const taken = dibaoApplication();
    expect((await file(taken)).status).toBe(201);

    // Refused for 查重 (inside the transaction, after its number was drawn), for its body and for its village.
    expect((await file(taken)).status).toBe(409);
    expect((await file({ ...dibaoApplication(), members: [] })).status).toBe(400);
    expect((await file(dibaoApplication({ villageId: '999999999999' }))).status).toBe(422);
    expect((await file(taken, 'xian.dali')).status).toBe(403);

    const next = await file(dibaoApplication());
    expect(next.status).toBe(201);
    expect(serialOf(next.body.caseNo)).toBe(serialOf(first.body.caseNo) + 2);
  });

  test('concurrent filings get distinct consecutive numbers', async () => {
    const last = await file(tekunApplication());
    expect(last.status).toBe(201);
    const answers = await Promise.all(Array.from({ length: 6 }, () => file(tekunApplication())));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
    const serials = answers.map((a) => serialOf(a.body.caseNo)).sort((a, b) => a - b);
    const from = serialOf(last.body.caseNo) + 1;
    expect(serials).toEqual(Array.from({ length: 6 }, (_, i) => from + i));
    // Each programme prefix has its own series in the county.
    expect(last.body.caseNo).toMatch(/^TK-532901-\d{4}-\d{6}$/);
  });

  test('past 999,999 the number keeps every digit of its serial, and the workflow id follows it', async () => {
    const last = await file(tekunApplication());
    expect(last.status).toBe(201);
    const [, county, year] = last.body.caseNo.split('-');
    await harness.db.caseNumberCounter.update({
      where: { countyId_prefix_year: { countyId: county, prefix: 'TK', year: Number(year) } },
      data: { lastSerial: 999_999 },
    });
    const next = await file(tekunApplication());
    expect(next.status).toBe(201);
    expect(next.body.caseNo).toBe(`TK-${county}-${year}-1000000`);
    const row = await harness.db.case.findUniqueOrThrow({ where: { caseNo: next.body.caseNo } });
    expect(row.workflowId).toBe(`case-${next.body.caseNo}`);
    expect(await workflowExists(row.workflowId)).toBe(true);
  });
});

describe('Idempotency-Key at intake (found at the insert, not looked up first)', () => {
  const fileWithKey = (body: object, key: string) =>
    request(http.app)
      .post('/api/cases')
      .set('Authorization', auth('cun.xizhou'))
      .set('Idempotency-Key', key)
      .send(body);

  test('the same filing sent twice at once with one key makes one case, both answered with it', async () => {
    const application = dibaoApplication();
    const before = await written();
    const [a, b] = await Promise.all([
      fileWithKey(application, 'intake-race-0001'),
      fileWithKey(application, 'intake-race-0001'),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.caseNo).toBe(b.body.caseNo);
    const after = await written();
    expect(after.cases).toBe(before.cases + 1);
    expect(after.households).toBe(before.households + 1);
    expect(after.members).toBe(before.members + application.members.length);

    // The key again with another household: refused, naming the key, and nothing written.
    const other = await fileWithKey(dibaoApplication(), 'intake-race-0001');
    expect(other.status).toBe(422);
    expect(other.body.error).toBe('idempotency_key_reused');
    expect(await written()).toEqual(after);
  });
});

/**
 * A fixture household under names of its own: fixture households share their names and birth
 * dates, so each is a possible duplicate of the others.
 */
function namedHousehold(names: string[]) {
  const application = dibaoApplication();
  return { ...application, members: application.members.map((m, i) => ({ ...m, name: names[i]! })) };
}

describe('疑似重复: same name and birth date under another ID number', () => {
  test('is flagged on the new case, shown in the API and on the page, and the township clears it', async () => {
    const household = namedHousehold(['和丽华', '李文福', '李小芳']);
    const first = await file(household);
    expect(first.status).toBe(201);
    // 李文福 again, born the same day, with another ID number (a mistyped or reissued card).
    const li = household.members[1]!;
    const other = namedHousehold(['苏玉珍']);
    const second = await file({
      ...other,
      members: [other.members[0], { ...li, idNumber: idNumber('1965-07-02', 901) }],
    });
    expect(second.status).toBe(201);
    expect(second.body.possibleDuplicates).toEqual([
      expect.objectContaining({
        kind: 'sameNameAndBirthDate',
        status: 'OPEN',
        memberName: '李文福',
        birthDate: '1965-07-02',
        otherCaseNo: first.body.caseNo,
        otherProgramme: 'DIBAO_RURAL',
      }),
    ]);
    // And only there: the first case is not flagged, nor are people who merely share a name.
    const read = await request(http.app)
      .get(`/api/cases/${second.body.caseNo}`)
      .set('Authorization', auth('xiang.xizhou'));
    expect(read.body.possibleDuplicates).toHaveLength(1);
    const [flag] = read.body.possibleDuplicates;
    const firstRead = await request(http.app)
      .get(`/api/cases/${first.body.caseNo}`)
      .set('Authorization', auth('xiang.xizhou'));
    expect(firstRead.body.possibleDuplicates).toEqual([]);

    const township = await signedIn(http.app, 'xiang.xizhou');
    const page = await township.agent.get(`/cases/${second.body.caseNo}`);
    expect(page.text).toContain('id="possible-duplicates"');
    expect(page.text).toContain(first.body.caseNo);
    expect(page.text).toContain(`id="form-possible-duplicate-${flag.id}"`);
    const villagePage = await (
      await signedIn(http.app, 'cun.xizhou')
    ).agent.get(`/cases/${second.body.caseNo}`);
    expect(villagePage.text).toContain('id="possible-duplicates"');
    expect(villagePage.text).not.toContain('id="form-possible-duplicate-');

    const review = (username: string, body: object) =>
      request(http.app)
        .post(`/api/cases/${second.body.caseNo}/possible-duplicates/${flag.id}`)
        .set('Authorization', auth(username))
        .send(body);
    expect((await review('cun.xizhou', { decision: 'clear', reasons: '经核实不是同一人' })).status).toBe(403);
    const noReasons = await review('xiang.xizhou', { decision: 'clear' });
    expect(noReasons.status).toBe(400);
    expect(noReasons.body.details.map((d: { field: string }) => d.field)).toEqual(['body.reasons']);

    const cleared = await review('xiang.xizhou', {
      decision: 'clear',
      reasons: '经核实：同名同生日的另一人，户籍地不同',
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({
      id: flag.id,
      status: 'CLEARED',
      reasons: expect.stringContaining('另一人'),
    });
    expect((await review('xiang.xizhou', { decision: 'confirm', reasons: '再次核实' })).status).toBe(409);
    expect(
      await harness.db.auditEntry.findFirst({
        where: { action: 'reviewPossibleDuplicate', resourceId: second.body.id },
      }),
    ).toMatchObject({ username: 'xiang.xizhou', detail: expect.objectContaining({ decision: 'clear' }) });

    const after = await township.agent.get(`/cases/${second.body.caseNo}`);
    expect(after.text).toContain('已排除');
    expect(after.text).not.toContain(`id="form-possible-duplicate-${flag.id}"`);
  });

  test('a person of a closed case is no possible duplicate', async () => {
    const household = dibaoApplication();
    const first = await file(household);
    await notAccepted(first.body.caseNo);
    const other = dibaoApplication();
    const zhao = household.members[1]!;
    const second = await file({
      ...other,
      members: [other.members[0], { ...zhao, idNumber: idNumber('1965-07-02', 903) }],
    });
    expect(second.status).toBe(201);
    expect(
      second.body.possibleDuplicates.filter(
        (f: { otherCaseNo: string }) => f.otherCaseNo === first.body.caseNo,
      ),
    ).toEqual([]);
  });
});
