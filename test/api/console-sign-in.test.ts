import request from 'supertest';
import { DEMO_PASSWORD } from '../../prisma/seed/seed';
import { csrfOf, signedIn } from '../support/console-session';
import { useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const http = useTestApp(harness);

describe('console sign-in, sessions and CSRF', () => {
  test('pages need a session: a visitor is sent to the sign-in page', async () => {
    const res = await request(http.app).get('/tasks');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Ftasks');
    const login = await request(http.app).get('/login');
    expect(login.status).toBe(200);
    expect(login.text).toContain('工作人员登录');
    // helmet: no framing, no sniffing, a script policy of this origin only.
    expect(login.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(login.headers['content-security-policy']).toContain("script-src 'self'");
  });

  test('a sign-in sets an httpOnly, SameSite session cookie and lands on the role’s home page', async () => {
    const { home, agent } = await signedIn(http.app, 'xiang.xizhou');
    expect(home.status).toBe(200);
    expect(home.text).toContain('我的待办');
    expect(home.text).toContain('赵乡镇经办');
    const login = await agent.get('/login');
    expect(login.status).toBe(200);
    const dept = await signedIn(http.app, 'bumen.jiaoyu.dali');
    expect(dept.home.redirects.at(-1)).toMatch(/\/referrals$/);
    const raw = await request(http.app).get('/login');
    const cookie = (
      await request(http.app)
        .post('/login')
        .set('Cookie', raw.headers['set-cookie']!)
        .type('form')
        .send({ _csrf: csrfOf(raw.text), username: 'xian.dali', password: DEMO_PASSWORD })
    ).headers['set-cookie']![0]!;
    expect(cookie).toMatch(/^jiuzhu\.sid=/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(await harness.db.auditEntry.count({ where: { action: 'signIn', username: 'xian.dali' } })).toBe(1);
  });

  test('a session in use keeps its row: requests inside five minutes of the sign-in renew nothing', async () => {
    const sids = async () =>
      (await harness.db.$queryRaw<{ sid: string }[]>`SELECT sid FROM "session"`).map((r) => r.sid);
    const before = new Set(await sids());
    const { agent } = await signedIn(http.app, 'xiang.xizhou');
    const [sid] = (await sids()).filter((s) => !before.has(s));
    // A sentinel expiry: any renewal of the row would overwrite it.
    const sentinel = new Date(Date.now() + 3600_000);
    await harness.db.$executeRaw`UPDATE "session" SET expire = ${sentinel} WHERE sid = ${sid}`;
    for (const path of ['/tasks', '/referrals', '/tasks']) expect((await agent.get(path)).status).toBe(200);
    const [row] = await harness.db.$queryRaw<
      { expire: Date }[]
    >`SELECT expire FROM "session" WHERE sid = ${sid}`;
    expect(row!.expire.getTime()).toBe(sentinel.getTime());
  });

  test('a sign-in form without its CSRF token is refused', async () => {
    const agent = request.agent(http.app);
    await agent.get('/login');
    const res = await agent
      .post('/login')
      .type('form')
      .send({ username: 'xiang.xizhou', password: DEMO_PASSWORD });
    expect(res.status).toBe(403);
  });

  test('the API with a session needs the page’s CSRF token; with it the call goes through', async () => {
    const { agent, csrf } = await signedIn(http.app, 'cun.xizhou');
    const read = await agent.get('/api/cases/DB-532901-2026-999999');
    expect(read.status).toBe(404);
    const forged = await agent.post('/api/cases').send({});
    expect(forged.status).toBe(403);
    const withToken = await agent.post('/api/cases').set('x-csrf-token', csrf).send({});
    expect(withToken.status).toBe(400);
  });

  test('ten failed sign-ins for a user lock further attempts for a while; others are unaffected', async () => {
    const agent = request.agent(http.app);
    const page = await agent.get('/login');
    const token = csrfOf(page.text);
    for (let i = 0; i < 10; i++) {
      const res = await agent
        .post('/login')
        .type('form')
        .send({ _csrf: token, username: 'jiandu.zhou', password: 'wrong' });
      expect(res.status).toBe(401);
    }
    const locked = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: token, username: 'jiandu.zhou', password: DEMO_PASSWORD });
    expect(locked.status).toBe(429);
    const other = await signedIn(http.app, 'jiandu.dali');
    expect(other.home.status).toBe(200);
  });

  test('requests without credentials do not count as failed sign-ins against signed-in staff', async () => {
    for (let i = 0; i < 12; i++) expect((await request(http.app).get('/api/referrals')).status).toBe(401);
    const { agent } = await signedIn(http.app, 'xiang.xizhou');
    expect((await agent.get('/api/referrals')).status).toBe(200);
  });

  test('many correct HTTP Basic requests at once are never counted as failed sign-ins', async () => {
    const basic = `Basic ${Buffer.from(`xian.dali:${DEMO_PASSWORD}`).toString('base64')}`;
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => request(http.app).get('/api/referrals').set('Authorization', basic)),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    }
  });

  test('ten wrong Basic passwords lock that username from that address, whatever comes next; a deactivated account is refused at once', async () => {
    const as = (password: string) =>
      request(http.app)
        .get('/api/referrals')
        .set('Authorization', `Basic ${Buffer.from(`jiandu.jiaoyu.dali:${password}`).toString('base64')}`);
    expect((await as(DEMO_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await as('wrong')).status).toBe(401);
    expect((await as(DEMO_PASSWORD)).status).toBe(429);

    // A password verified a moment ago does not outlive the account.
    const basic = `Basic ${Buffer.from(`bumen.sifa.dali:${DEMO_PASSWORD}`).toString('base64')}`;
    expect((await request(http.app).get('/api/referrals').set('Authorization', basic)).status).toBe(200);
    await harness.db.staffUser.update({ where: { username: 'bumen.sifa.dali' }, data: { active: false } });
    expect((await request(http.app).get('/api/referrals').set('Authorization', basic)).status).toBe(401);
    await harness.db.staffUser.update({ where: { username: 'bumen.sifa.dali' }, data: { active: true } });
  });

  test('signing out ends the session', async () => {
    const { agent, csrf } = await signedIn(http.app, 'xian.dali');
    const out = await agent.post('/logout').type('form').send({ _csrf: csrf });
    expect(out.status).toBe(303);
    expect((await agent.get('/tasks')).status).toBe(303);
  });
});
