import bcrypt from 'bcryptjs';
import request from 'supertest';
import { SENT_SECRET_TEXT } from '../../activities/mail-delivery';
import { hashOf } from '../../api/password-links';
import { DEMO_PASSWORD } from '../../prisma/seed/seed';
import { csrfOf, signedIn } from '../support/console-session';
import { waitFor } from '../support/fixtures';
import { useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const http = useTestApp(harness);

const basic = (username: string, password = DEMO_PASSWORD) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
const as = (username: string, password = DEMO_PASSWORD) => ({
  get: (path: string) => request(http.app).get(path).set('Authorization', basic(username, password)),
  post: (path: string, body?: object) =>
    request(http.app)
      .post(path)
      .set('Authorization', basic(username, password))
      .send(body ?? {}),
});

/** A county administrator of 漾濞, made in this file's database. */
const YANGBI_ADMIN = {
  username: 'admin.yangbi',
  displayName: '漾濞管理员',
  role: 'ADMINISTRATOR' as const,
  unitId: '532922',
};

const NEW_OFFICER = {
  username: 'xiang.dalizhen2',
  displayName: '段新经办',
  role: 'TOWNSHIP_OFFICER',
  unitId: '532901002',
  email: 'xiang.dalizhen2@staff.jiuzhu.local',
};

/** The one-time link of the latest mail to an address, as the user receives it over SMTP. */
async function linkMailedTo(address: string, after = 0): Promise<string> {
  const mail = await waitFor(async () => harness.inbox.to(address)[after], `the mail to ${address}`);
  const link = mail.text.match(/http:\/\/\S+\/password-reset\/([A-Za-z0-9_-]{43})/);
  if (!link) throw new Error(`no link in: ${mail.text}`);
  return link[1]!;
}

async function setPasswordByLink(token: string, password: string, confirm = password) {
  const agent = request.agent(http.app);
  const page = await agent.get(`/password-reset/${token}`);
  if (page.status !== 200) return page;
  return agent
    .post(`/password-reset/${token}`)
    .type('form')
    .send({ _csrf: csrfOf(page.text), newPassword: password, confirmPassword: confirm });
}

beforeAll(async () => {
  const passwordHash = await bcrypt.hash(DEMO_PASSWORD, 4);
  await harness.db.staffUser.create({ data: { ...YANGBI_ADMIN, passwordHash } });
});

describe('账号管理 accounts', () => {
  test('an administrator creates an account; its user sets a password through the one-time link, once', async () => {
    const created = await as('admin').post('/api/accounts', NEW_OFFICER);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      username: NEW_OFFICER.username,
      role: 'TOWNSHIP_OFFICER',
      unit: { id: '532901002', name: '大理镇' },
      active: true,
      passwordLink: { sentTo: NEW_OFFICER.email },
    });
    expect(created.body).not.toHaveProperty('passwordHash');

    // The mail goes through the outbox over SMTP; only the token's hash is stored, and the mail's
    // body is cleared once sent.
    const token = await linkMailedTo(NEW_OFFICER.email);
    const mail = harness.inbox.to(NEW_OFFICER.email)[0]!;
    expect(mail.subject).toBe('【救助系统】账号已开通，请设置密码');
    expect(mail.text).toContain('系统管理员（admin）');
    const stored = await harness.db.passwordResetToken.findFirstOrThrow({
      where: { userId: created.body.id },
    });
    expect(stored.tokenHash).toBe(hashOf(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBe(24 * 3600_000);
    const outbox = await waitFor(
      () => harness.db.outboundMail.findFirst({ where: { toAddress: NEW_OFFICER.email, status: 'SENT' } }),
      'the mail sent',
    );
    expect(outbox.text).toBe(SENT_SECRET_TEXT);

    // Not signed in before a password is set.
    expect((await as(NEW_OFFICER.username, 'anything-at-all').get('/api/referrals')).status).toBe(401);
    const tooShort = await setPasswordByLink(token, 'short');
    expect(tooShort.status).toBe(400);
    expect(tooShort.text).toContain('密码至少 10 个字符');
    const mismatch = await setPasswordByLink(token, 'cangshan-erhai-26', 'cangshan-erhai-27');
    expect(mismatch.text).toContain('两次输入的密码不一致');
    const set = await setPasswordByLink(token, 'cangshan-erhai-26');
    expect(set.status).toBe(200);
    expect(set.text).toContain('密码已设置');
    expect((await as(NEW_OFFICER.username, 'cangshan-erhai-26').get('/api/referrals')).status).toBe(200);
    // Spent: the link no longer opens, nor sets a password.
    const again = await request(http.app).get(`/password-reset/${token}`);
    expect(again.status).toBe(404);
    expect(again.text).toContain('此链接无效、已使用或已过期');
    expect(again.headers['referrer-policy']).toBe('no-referrer');
    expect((await setPasswordByLink(token, 'another-pass-26')).status).toBe(404);
    expect(
      await harness.db.auditEntry.findMany({
        where: { resourceId: created.body.id },
        select: { action: true, username: true },
        orderBy: { id: 'asc' },
      }),
    ).toEqual([
      { action: 'createAccount', username: 'admin' },
      { action: 'setPasswordByLink', username: NEW_OFFICER.username },
    ]);
  });

  test('a link expires after 24 hours, and a newer link replaces an older one', async () => {
    const user = await harness.db.staffUser.findUniqueOrThrow({ where: { username: 'cun.xizhou' } });
    const sent = await as('admin').post(`/api/accounts/${user.id}/password-link`);
    expect(sent.status).toBe(202);
    const first = await linkMailedTo(user.email!);
    expect(harness.inbox.to(user.email!)[0]!.subject).toBe('【救助系统】重设登录密码');
    await as('admin').post(`/api/accounts/${user.id}/password-link`);
    const second = await linkMailedTo(user.email!, 1);
    expect((await request(http.app).get(`/password-reset/${first}`)).status).toBe(404);
    expect((await request(http.app).get(`/password-reset/${second}`)).status).toBe(200);
    await harness.db.passwordResetToken.updateMany({
      where: { tokenHash: hashOf(second) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await setPasswordByLink(second, 'xizhou-village-26')).status).toBe(404);
    expect((await as('cun.xizhou').get('/api/referrals')).status).toBe(200);
  });

  test('every body, query and parameter is refused with 400 naming the field', async () => {
    const bad = await as('admin').post('/api/accounts', { ...NEW_OFFICER, username: 'X', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'body.extra',
      'body.username',
    ]);
    const list = await as('admin').get('/api/accounts?active=maybe');
    expect(list.body.details[0].field).toBe('query.active');
    expect((await as('admin').get('/api/accounts/not-a-uuid')).body.details[0].field).toBe('params.userId');
    const status = await as('admin').post(`/api/accounts/00000000-0000-4000-8000-000000000000/status`, {});
    expect(status.status).toBe(404);
  });

  test('a role must fit its unit; the unit must exist (422) and lie within the administrator’s (403)', async () => {
    const misfit = await as('admin').post('/api/accounts', {
      ...NEW_OFFICER,
      username: 'misfit',
      unitId: '532901003001',
    });
    expect([misfit.status, misfit.body.details]).toEqual([
      422,
      [{ field: 'body.role', message: '「乡镇经办」只能设在乡镇（街道），不能设在村（社区）' }],
    ]);
    const unknown = await as('admin').post('/api/accounts', {
      ...NEW_OFFICER,
      username: 'nounit',
      unitId: '532999999',
    });
    expect([unknown.status, unknown.body.details[0].field]).toEqual([422, 'body.unitId']);
    const outside = await as('admin.yangbi').post('/api/accounts', { ...NEW_OFFICER, username: 'outside' });
    expect(outside.status).toBe(403);
    const taken = await as('admin').post('/api/accounts', { ...NEW_OFFICER, username: 'xian.dali' });
    expect([taken.status, taken.body.details[0].field]).toEqual([409, 'body.username']);
  });

  test("an administrator manages the own unit's accounts and those below it only", async () => {
    const listed = await as('admin.yangbi').get('/api/accounts');
    expect(listed.status).toBe(200);
    const usernames = listed.body.accounts.map((a: { username: string }) => a.username);
    expect(usernames).toEqual(expect.arrayContaining(['admin.yangbi', 'bumen.jiaoyu.yangbi']));
    expect(usernames).not.toContain('xian.dali');
    const daliApprover = await harness.db.staffUser.findUniqueOrThrow({ where: { username: 'xian.dali' } });
    expect((await as('admin.yangbi').get(`/api/accounts/${daliApprover.id}`)).status).toBe(404);
    expect((await as('admin.yangbi').post(`/api/accounts/${daliApprover.id}/password-link`)).status).toBe(
      404,
    );
    expect((await as('admin').get(`/api/accounts/${daliApprover.id}`)).status).toBe(200);
    // Other roles manage no accounts.
    expect((await as('xian.dali').get('/api/accounts')).status).toBe(403);
    expect((await as('jiandu.zhou').post('/api/accounts', NEW_OFFICER)).status).toBe(403);
  });

  test('changing role and unit; an administrator cannot change the own role or disable the own account', async () => {
    const user = await harness.db.staffUser.findUniqueOrThrow({ where: { username: 'bumen.sifa.dali' } });
    const moved = await as('admin').post(`/api/accounts/${user.id}`, {
      displayName: '赵司法经办',
      role: 'SUPERVISOR',
      unitId: '532901-SF',
      email: 'zhao.sifa@staff.jiuzhu.local',
    });
    expect([moved.status, moved.body.role]).toEqual([200, 'SUPERVISOR']);
    // Links go to the address: the old one is told that it changed.
    const notice = await waitFor(
      async () => harness.inbox.to(user.email!)[0],
      'the notice to the old address',
    );
    expect(notice.subject).toBe('【救助系统】账号邮箱已更改');
    expect(notice.text).toContain('zhao.sifa@staff.jiuzhu.local');
    // The very next request sees the new role: supervisors read the dashboard.
    const { agent } = await signedIn(http.app, 'bumen.sifa.dali');
    expect((await agent.get('/dashboard')).status).toBe(200);
    expect((await as('admin').get(`/api/accounts/${user.id}?verbose=1`)).body.details[0].field).toBe(
      'query.verbose',
    );
    const history = await as('admin').get(`/api/accounts/${user.id}`);
    expect(history.body.history[0]).toMatchObject({ action: 'updateAccount', by: 'admin' });
    const self = await harness.db.staffUser.findUniqueOrThrow({ where: { username: 'admin' } });
    const own = await as('admin').post(`/api/accounts/${self.id}`, {
      displayName: '系统管理员',
      role: 'SUPERVISOR',
      unitId: '532900',
      email: 'admin@staff.jiuzhu.local',
    });
    expect([own.status, own.body.error]).toEqual([409, 'own_account']);
    const disableSelf = await as('admin').post(`/api/accounts/${self.id}/status`, {
      active: false,
      reason: '测试',
    });
    expect(disableSelf.status).toBe(409);
  });

  test('a disabled user is refused at once: HTTP Basic, an open session and its links', async () => {
    const user = await harness.db.staffUser.findUniqueOrThrow({ where: { username: 'jiandu.jiaoyu.dali' } });
    const session = await signedIn(http.app, user.username);
    expect((await as(user.username).get('/api/referrals')).status).toBe(200);
    await as('admin').post(`/api/accounts/${user.id}/password-link`);
    const token = await linkMailedTo(user.email!);
    const sessionsBefore = await harness.db.session.count();

    const disabled = await as('admin').post(`/api/accounts/${user.id}/status`, {
      active: false,
      reason: '调离岗位',
    });
    expect([disabled.status, disabled.body.active]).toEqual([200, false]);
    expect((await as(user.username).get('/api/referrals')).status).toBe(401);
    expect((await session.agent.get('/api/referrals')).status).toBe(401);
    expect((await session.agent.get('/referrals')).headers.location).toMatch(/^\/login/);
    expect(await harness.db.session.count()).toBeLessThan(sessionsBefore);
    expect((await request(http.app).get(`/password-reset/${token}`)).status).toBe(404);
    const audit = await harness.db.auditEntry.findFirstOrThrow({
      where: { action: 'disableAccount', resourceId: user.id },
    });
    expect(audit.detail).toEqual({ reason: '调离岗位' });
    expect((await as('admin').post(`/api/accounts/${user.id}/password-link`)).status).toBe(409);

    await as('admin').post(`/api/accounts/${user.id}/status`, { active: true, reason: '恢复岗位' });
    expect((await as(user.username).get('/api/referrals')).status).toBe(200);
  });
});

describe('修改密码 one’s own password', () => {
  test('the current password is required; the old one stops working at once, other sessions end', async () => {
    const other = await signedIn(http.app, 'jiandu.dali');
    const mine = await signedIn(http.app, 'jiandu.dali');
    // Known to the sign-in guard a moment ago.
    expect((await as('jiandu.dali').get('/api/referrals')).status).toBe(200);
    const change = (body: object) =>
      mine.agent.post('/api/me/password').set('x-csrf-token', mine.csrf).send(body);
    const wrong = await change({ currentPassword: 'not-it', newPassword: 'erhai-moon-2026' });
    expect([wrong.status, wrong.body.details]).toEqual([
      422,
      [{ field: 'body.currentPassword', message: '当前密码不正确' }],
    ]);
    const weak = await change({ currentPassword: DEMO_PASSWORD, newPassword: 'short' });
    expect([weak.status, weak.body.details[0].field]).toEqual([400, 'body.newPassword']);
    const ok = await change({ currentPassword: DEMO_PASSWORD, newPassword: 'erhai-moon-2026' });
    expect([ok.status, ok.body]).toEqual([200, { changed: true }]);

    expect((await as('jiandu.dali').get('/api/referrals')).status).toBe(401);
    expect((await as('jiandu.dali', 'erhai-moon-2026').get('/api/referrals')).status).toBe(200);
    expect((await mine.agent.get('/api/referrals')).status).toBe(200);
    expect((await other.agent.get('/api/referrals')).status).toBe(401);
    expect(
      await harness.db.auditEntry.count({ where: { action: 'changeOwnPassword', username: 'jiandu.dali' } }),
    ).toBe(1);
  });
});
