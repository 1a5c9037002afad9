import request from 'supertest';
import { DEMO_PASSWORD } from '../../prisma/seed/seed';
import { CaseDriver } from '../support/case-driver';
import { dibaoApplication } from '../support/fixtures';
import { signedIn } from '../support/console-session';
import { useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const http = useTestApp(harness);

const auth = (username: string) => `Basic ${Buffer.from(`${username}:${DEMO_PASSWORD}`).toString('base64')}`;

const URGENT_ILLNESS = {
  path: 'urgent',
  cause: 'seriousIllness',
  circumstances: '申请低保期间户主突发脑出血住院，无力支付住院押金',
};

describe('临时救助 from a pending 低保 application (POST /api/cases/:id/temporary-assistance)', () => {
  test('files a TEMPORARY case of the same household; the same cause again is refused naming it', async () => {
    const dibao = await CaseDriver.file(harness.env, harness.db, dibaoApplication());
    const dibaoRow = await dibao.row();
    const filed = await request(http.app)
      .post(`/api/cases/${dibaoRow.caseNo}/temporary-assistance`)
      .set('Authorization', auth('xiang.xizhou'))
      .send(URGENT_ILLNESS);
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ programme: 'TEMPORARY', caseNo: expect.stringMatching(/^LS-/) });
    // The household copied on the server: the same people, ID numbers still masked in the answer.
    const members = (id: string) =>
      harness.db.householdMember.findMany({
        where: { household: { cases: { some: { id } } } },
        orderBy: { idNumber: 'asc' },
        select: { name: true, idNumber: true, relation: true },
      });
    expect(await members(filed.body.id)).toEqual(await members(dibao.caseId));
    for (const m of filed.body.household.members) expect(m.idNumber).toMatch(/\*{11}/);
    // Its workflow waits on the township's 先行救助; the 低保 application goes on untouched.
    const urgent = CaseDriver.attach(harness.env, harness.db, filed.body.id, filed.body.workflowId);
    await urgent.reach('temporaryUrgentGrant');
    expect((await dibao.view()).currentStep).toBe('acceptance');

    // Again for the same cause: 409 naming the first 临时救助 case, nothing written.
    const cases = await harness.db.case.count();
    const again = await request(http.app)
      .post(`/api/cases/${dibaoRow.caseNo}/temporary-assistance`)
      .set('Authorization', auth('cun.xizhou'))
      .send({ ...URGENT_ILLNESS, path: 'expense' });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain(filed.body.caseNo);
    expect(await harness.db.case.count()).toBe(cases);

    // A body the schema refuses names the field; a department officer may not file.
    const bad = await request(http.app)
      .post(`/api/cases/${dibaoRow.caseNo}/temporary-assistance`)
      .set('Authorization', auth('xiang.xizhou'))
      .send({ ...URGENT_ILLNESS, cause: 'lottery' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('body.cause');

    // Not from a 临时救助 case itself (nor an enrolled or closed one): 409 WrongStep.
    const notDibao = await request(http.app)
      .post(`/api/cases/${filed.body.caseNo}/temporary-assistance`)
      .set('Authorization', auth('xiang.xizhou'))
      .send(URGENT_ILLNESS);
    expect([notDibao.status, notDibao.body.error]).toEqual([409, 'WrongStep']);

    // The 低保 case page offers it to those who file.
    const township = await signedIn(http.app, 'xiang.xizhou');
    const page = await township.agent.get(`/cases/${dibaoRow.caseNo}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('给予临时救助');
    expect(page.text).toContain(`/api/cases/${dibaoRow.caseNo}/temporary-assistance`);
    const county = await signedIn(http.app, 'xian.dali');
    expect((await county.agent.get(`/cases/${dibaoRow.caseNo}`)).text).not.toContain(
      'form-temporaryFromCase',
    );
    await urgent.discard();
    await dibao.discard();
  });
});
