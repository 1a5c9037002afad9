import request from 'supertest';
import { fileApplication } from '../../api/case-intake';
import { quarterOfLocalDate } from '../../domain/random-checks';
import { localDateOf } from '../../domain/working-days';
import { randomChecksOfQuarter } from '../../workflows/random-checks';
import { CaseDriver } from '../support/case-driver';
import { actorFor, dibaoApplication, waitFor } from '../support/fixtures';
import { completedOnHeldClock } from '../support/held-clock';
import { basic } from '../support/public-reports';
import { TEST_TASK_QUEUE } from '../support/temporal';
import { useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const http = useTestApp(harness);

const COUNTY = 'xian.dali'; // 大理市 approver: draws and visits
const SUPERVISOR = 'jiandu.dali'; // 大理市 supervisor: reads, is told of overdue visits
const PREFECTURE = 'jiandu.zhou';
const staffMail = (username: string) => `${username}@staff.jiuzhu.local`;
const as = (username: string) => ({ Authorization: basic(username) });

interface Visit {
  visitId: string;
  caseNo: string;
  townshipId: string;
  status: string;
  consequence: string | null;
}

/**
 * 大理市's enrolled cases: one with a live enrolment in 喜洲镇 (the only one there, so it is
 * always drawn) and 41 read-model rows in two other townships (40 and 1): 42 candidates, 10 %
 * is 5, more than the three townships.
 */
async function enrolledCounty() {
  const application = await CaseDriver.file(harness.env, harness.db);
  const enrolment = await application.toEnrolment();
  const realCaseNo = (await enrolment.row()).caseNo;
  const villages = await harness.db.orgUnit.findMany({
    where: { level: 'VILLAGE', path: { startsWith: '/532900/532901/' }, parentId: { not: '532901003' } },
    orderBy: { id: 'asc' },
  });
  const [townshipB, townshipC] = [...new Set(villages.map((v) => v.parentId!))];
  const villageOf = (township: string) => villages.find((v) => v.parentId === township)!.id;
  const filer = { ...(await actorFor(harness.db, COUNTY)), role: 'TOWNSHIP_OFFICER' as const };
  for (const [township, count] of [
    [townshipB!, 40],
    [townshipC!, 1],
  ] as const) {
    for (let i = 0; i < count; i++) {
      const { caseId } = await fileApplication(
        harness.db,
        filer,
        dibaoApplication({ villageId: villageOf(township) }),
        undefined,
      );
      await harness.db.case.update({ where: { id: caseId }, data: { status: 'ENROLLED' } });
    }
  }
  return { enrolment, realCaseNo, townships: ['532901003', townshipB!, townshipC!] };
}

describe('随机抽查 the quarterly draw, its re-run, the visits and the dashboard', () => {
  let county: Awaited<ReturnType<typeof enrolledCounty>>;
  let quarter: string;
  let drawId: string;
  let visits: Visit[];

  beforeAll(async () => {
    county = await enrolledCounty();
    quarter = quarterOfLocalDate(localDateOf(await harness.env.currentTimeMs()));
  });

  test('the county draws its share, at least one per township; only the county approver draws', async () => {
    expect(
      (await request(http.app).post('/api/random-checks').set(as(SUPERVISOR)).send({ quarter })).status,
    ).toBe(403);
    // Two draws at once (a double click, two approvers): the database settles it, one draw.
    const both = await Promise.all([
      request(http.app).post('/api/random-checks').set(as(COUNTY)).send({ quarter }),
      request(http.app).post('/api/random-checks').set(as(COUNTY)).send({ quarter }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(both[0]!.body.drawId).toBe(both[1]!.body.drawId);
    const res = both.find((r) => r.status === 201)!;
    expect(res.body).toMatchObject({
      countyId: '532901',
      quarter,
      share: 0.1,
      candidateCount: 42,
      drawnCount: 5,
    });
    expect(res.body.candidatesHash).toMatch(/^[0-9a-f]{64}$/);
    drawId = res.body.drawId;
    visits = res.body.visits;
    expect(visits).toHaveLength(5);
    expect(new Set(visits.map((v) => v.townshipId))).toEqual(new Set(county.townships));
    expect(visits.map((v) => v.caseNo)).toContain(county.realCaseNo);
    // Once per county and quarter: drawn again, the same draw.
    const again = await request(http.app).post('/api/random-checks').set(as(COUNTY)).send({ quarter });
    expect([again.status, again.body.drawId]).toEqual([200, drawId]);
    expect(await harness.db.randomCheckVisit.count({ where: { drawId } })).toBe(5);
  });

  test('anyone reading it re-runs the draw from its seed and candidates and gets the same cases', async () => {
    const res = await request(http.app).get(`/api/random-checks/${drawId}/rerun`).set(as(PREFECTURE));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ matches: true, candidatesHashMatches: true, candidateCount: 42 });
    expect(res.body.recomputed).toEqual(res.body.recorded);
    expect(res.body.recorded).toEqual(visits.map((v) => v.caseNo));
    // A tampered record does not match.
    const draw = await harness.db.randomCheckDraw.findUniqueOrThrow({ where: { id: drawId } });
    await harness.db.randomCheckDraw.update({ where: { id: drawId }, data: { seed: draw.seed + 1 } });
    const tampered = await request(http.app).get(`/api/random-checks/${drawId}/rerun`).set(as(COUNTY));
    expect(tampered.body.matches).toBe(false);
    await harness.db.randomCheckDraw.update({ where: { id: drawId }, data: { seed: draw.seed } });
    expect((await request(http.app).get(`/api/random-checks/${drawId}`).set(as('xiang.xizhou'))).status).toBe(
      403,
    );
    expect(
      (await request(http.app).get(`/api/random-checks/${drawId}`).set(as('jiandu.jiaoyu.dali'))).status,
    ).toBe(404);
  });

  test('the quarterly workflow the Schedule starts leaves a county already drawn as it is', async () => {
    const started = await harness.env.client.workflow.start(randomChecksOfQuarter, {
      workflowId: `random-checks-test-${quarter}`,
      taskQueue: TEST_TASK_QUEUE,
      args: [],
    });
    const { result } = await completedOnHeldClock<typeof randomChecksOfQuarter>(
      harness.env,
      started.workflowId,
    );
    expect(result).toMatchObject({ quarter, counties: 12 });
    expect(await harness.db.randomCheckDraw.count({ where: { countyId: '532901' } })).toBe(1);
    expect(await harness.db.randomCheckVisit.count({ where: { drawId } })).toBe(5);
  });

  test('a visit past its 15 working days: the county reminded, the supervisor told, by real SMTP', async () => {
    const visit = await waitFor(
      async () =>
        harness.db.randomCheckVisit.findFirst({
          where: { drawId, caseNo: county.realCaseNo, dueAt: { not: null } },
        }),
      'the visit deadline',
    );
    const now = await harness.env.currentTimeMs();
    // Weeks ahead (15 working days from the draw; the test server's clock skips while it waits).
    expect(visit.dueAt!.getTime()).toBeGreaterThan(now + 7 * 86_400_000);
    await harness.env.sleep(visit.dueAt!.getTime() - now + 60_000);
    await waitFor(
      async () =>
        harness.inbox
          .to(staffMail(COUNTY))
          .some((m) => m.subject === `【随机抽查核查超期提醒】${county.realCaseNo}`) &&
        harness.inbox
          .to(staffMail(SUPERVISOR))
          .some((m) => m.subject === `【督办】随机抽查核查超期${county.realCaseNo}`),
      'the reminder and the escalation',
    );
    expect((await harness.db.randomCheckVisit.findUniqueOrThrow({ where: { id: visit.id } })).overdue).toBe(
      true,
    );
  });

  test('findings: a review opened on the live case, no issue on another; each once', async () => {
    const real = visits.find((v) => v.caseNo === county.realCaseNo)!;
    const other = visits.find((v) => v.caseNo !== county.realCaseNo)!;
    const bySupervisor = await request(http.app)
      .post(`/api/random-checks/visits/${real.visitId}/finding`)
      .set(as(SUPERVISOR))
      .send({ consequence: 'REVIEW', findings: '入户核查发现家庭收入有变化。' });
    expect(bySupervisor.status).toBe(403);
    const res = await request(http.app)
      .post(`/api/random-checks/visits/${real.visitId}/finding`)
      .set(as(COUNTY))
      .send({ consequence: 'REVIEW', findings: '入户核查发现家庭收入有变化。' });
    expect(res.status).toBe(200);
    expect(res.body.visits.find((v: Visit) => v.visitId === real.visitId)).toMatchObject({
      status: 'CHECKED',
      consequence: 'REVIEW',
    });
    const [requested] = await waitFor(async () => {
      const found = await county.enrolment.eventsOf('reviewRequested');
      return found.length > 0 ? found : null;
    }, 'the review request on the case');
    expect(requested).toMatchObject({ decision: 'randomCheck' });
    // The same finding sent twice at once: one closes the visit, the other is refused; one record.
    const send = () =>
      request(http.app)
        .post(`/api/random-checks/visits/${other.visitId}/finding`)
        .set(as(COUNTY))
        .send({ consequence: 'NONE', findings: '入户核查：与申报一致。' });
    const twice = await Promise.all([send(), send()]);
    expect(twice.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await harness.db.verificationFinding.count({ where: { sourceRef: other.visitId } })).toBe(1);
  });

  test('the dashboard: drawn, checked, findings per county and quarter, in the reader’s jurisdiction', async () => {
    const res = await request(http.app).get(`/api/dashboard/checks?quarter=${quarter}`).set(as(SUPERVISOR));
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        countyId: '532901',
        countyName: '大理市',
        quarter,
        drawn: 5,
        checked: 2,
        overdue: 3,
        noIssue: 1,
        reviews: 1,
        fraudExits: 0,
      }),
    ]);
    const prefecture = await request(http.app).get('/api/dashboard/checks').set(as(PREFECTURE));
    expect(prefecture.body.items.filter((i: { countyId: string }) => i.countyId === '532901')).toHaveLength(
      1,
    );
    expect((await request(http.app).get('/api/dashboard/checks').set(as(COUNTY))).status).toBe(403);
    const bad = await request(http.app).get('/api/dashboard/checks?quarter=2026-Q5').set(as(SUPERVISOR));
    expect(bad.status).toBe(400);
  });
});
