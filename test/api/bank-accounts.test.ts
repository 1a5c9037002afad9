import request from 'supertest';
import { DEMO_PASSWORD } from '../../prisma/seed/seed';
import { signedIn } from '../support/console-session';
import { dibaoApplication } from '../support/fixtures';
import { useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const http = useTestApp(harness);

const as = (username: string) => ({
  post: (path: string, body: object) => request(http.app).post(path).auth(username, DEMO_PASSWORD).send(body),
});

const ACCOUNT = '6230520100012345678';

test('银行账户 recorded at intake, shown masked, changed with an audit entry holding both masked', async () => {
  const filed = await as('cun.xizhou').post('/api/cases', {
    ...dibaoApplication(),
    bankAccount: { bankName: '大理农村商业银行', accountNo: ACCOUNT },
  });
  expect(filed.status).toBe(201);
  const found = await harness.db.case.findUniqueOrThrow({ where: { caseNo: filed.body.caseNo } });
  // The holder defaults to the applicant.
  expect(
    await harness.db.householdBankAccount.findUnique({ where: { householdId: found.householdId } }),
  ).toMatchObject({
    holderName: '杨秀英',
    bankName: '大理农村商业银行',
    accountNo: ACCOUNT,
    updatedBy: 'cun.xizhou',
  });
  // The event log keeps the last four digits only.
  const received = await harness.db.caseEvent.findFirstOrThrow({
    where: { caseId: found.id, type: 'applicationReceived' },
  });
  expect(received.payload).toMatchObject({
    bankAccount: { bankName: '大理农村商业银行', accountNo: '****5678' },
  });

  // The case page: masked, with the township's form to change it.
  const township = await signedIn(http.app, 'xiang.xizhou');
  const page = await township.agent.get(`/cases/${filed.body.caseNo}`);
  expect(page.status).toBe(200);
  expect(page.text).toContain('****5678');
  expect(page.text).not.toContain(ACCOUNT);
  expect(page.text).toContain('id="form-bank-account"');
  // The village assistant sees it, without the form.
  const village = await (await signedIn(http.app, 'cun.xizhou')).agent.get(`/cases/${filed.body.caseNo}`);
  expect(village.text).toContain('****5678');
  expect(village.text).not.toContain('id="form-bank-account"');

  const changed = await as('xiang.xizhou').post(`/api/households/${found.householdId}/bank-account`, {
    holderName: '杨秀英',
    bankName: '中国邮政储蓄银行',
    accountNo: '6210985000099990001',
  });
  expect(changed.status).toBe(200);
  expect(changed.body).toMatchObject({ accountNo: '****0001', bankName: '中国邮政储蓄银行' });
  const entry = await harness.db.auditEntry.findFirstOrThrow({
    where: { action: 'setBankAccount', resourceId: found.householdId },
  });
  expect(entry.detail).toEqual({
    before: { bankName: '大理农村商业银行', accountNo: '****5678' },
    after: { bankName: '中国邮政储蓄银行', accountNo: '****0001' },
  });
  expect(JSON.stringify(entry.detail)).not.toContain(ACCOUNT);
});

test.each([
  [
    { bankName: '大理农村商业银行', accountNo: '6230 5201' },
    'body.bankAccount.accountNo',
    '账号应为 10–30 位数字 (10 to 30 digits)',
  ],
  [{ accountNo: ACCOUNT }, 'body.bankAccount.bankName', expect.any(String)],
  [
    { bankName: '大理农村商业银行', accountNo: ACCOUNT, iban: 'x' },
    'body.bankAccount.iban',
    '不认识的参数 (unknown field)',
  ],
  [{ bankName: '银行\u0000', accountNo: ACCOUNT }, 'body.bankAccount.bankName', expect.any(String)],
])(
  'a bad account at intake (%j) answers 400 naming %s, and nothing is filed',
  async (bankAccount, field, message) => {
    const application = dibaoApplication();
    const before = await harness.db.case.count();
    const res = await as('cun.xizhou').post('/api/cases', { ...application, bankAccount });
    expect(res.status).toBe(400);
    expect(res.body.details).toContainEqual({ field, message });
    expect(await harness.db.case.count()).toBe(before);
    expect(
      await harness.db.householdMember.count({ where: { idNumber: application.members[0]!.idNumber } }),
    ).toBe(0);
  },
);
