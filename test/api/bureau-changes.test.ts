import request from 'supertest';
import { CaseDriver } from '../support/case-driver';
import { idNumber, waitFor } from '../support/fixtures';
import { basic } from '../support/public-reports';
import { useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const http = useTestApp(harness);

const GONGAN = 'bumen.gongan.dali'; // 大理市公安局: a checking bureau

const importChanges = (username: string, csv: string) =>
  request(http.app)
    .post('/api/bureau-changes/import')
    .set('Authorization', basic(username))
    .send({ format: 'csv', content: csv });

describe('部门数据变更: a bureau’s change file asks the households it names for an out-of-cycle review', () => {
  let enrolment: CaseDriver;
  let caseNo: string;
  let memberId: string;

  beforeAll(async () => {
    const application = await CaseDriver.file(harness.env, harness.db);
    enrolment = await application.toEnrolment();
    const row = await enrolment.row();
    caseNo = row.caseNo;
    const members = await harness.db.householdMember.findMany({ where: { householdId: row.householdId } });
    memberId = members[0]!.idNumber;
  });

  test('a bad row is refused by row and column, and nothing is asked of any case', async () => {
    const res = await importChanges(
      GONGAN,
      'idNumber,change,occurredOn,detail\n' +
        `${memberId},vehicle,2026-11-02,小型轿车\n` +
        '532901197503140099,vehicle,2026-11-02,\n' +
        `${memberId},spaceship,2026-11-02,\n`,
    );
    expect(res.status).toBe(422);
    expect(res.body.details.map((d: { row: number; column: string }) => [d.row, d.column])).toEqual([
      [3, 'idNumber'],
      [4, 'change'],
    ]);
    expect(await enrolment.eventsOf('reviewRequested')).toEqual([]);
  });

  test('a good file asks the enrolment once for a review, however often it is imported', async () => {
    const file =
      'idNumber,change,occurredOn,detail\n' +
      `${memberId},vehicle,2026-11-02,小型轿车 云L·A1234\n` +
      `${idNumber('1940-01-01', 7)},death,2026-10-30,\n`; // nobody enrolled
    const first = await importChanges(GONGAN, file);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      rows: 2,
      reviewsRequested: [{ caseNo, change: '新增机动车' }],
      forTownship: [],
      unmatched: 1,
    });
    // The member's ID number is masked in the answer.
    expect(JSON.stringify(first.body)).not.toContain(memberId);
    const [requested] = await waitFor(async () => {
      const found = await enrolment.eventsOf('reviewRequested');
      return found.length > 0 ? found : null;
    }, 'the review request on the case');
    expect(requested).toMatchObject({ decision: 'bureauChange' });
    expect(requested!.reasons).toContain('新增机动车');
    await waitFor(
      async () => (await enrolment.row()).currentStep === 'recertInvestigation',
      'the review opened',
    );

    const again = await importChanges(GONGAN, file);
    expect(again.status).toBe(200);
    // The same change asked again is the same request: the enrolment counts it once.
    await harness.env.sleep(1000);
    expect(await enrolment.eventsOf('reviewRequested')).toHaveLength(1);
  });

  test('only a checking bureau’s officer imports a change file', async () => {
    const file = `idNumber,change,occurredOn,detail\n${memberId},vehicle,2026-11-02,\n`;
    expect((await importChanges('cun.xizhou', file)).status).toBe(403);
    expect((await importChanges('bumen.jiaoyu.dali', file)).status).toBe(403);
  });
});
