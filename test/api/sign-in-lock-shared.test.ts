import type { Express } from 'express';
import session from 'express-session';
import request from 'supertest';
import { createApp } from '../../api/app';
import { createLogger } from '../../platform/logger';
import { DEMO_PASSWORD } from '../../prisma/seed/seed';
import { csrfOf } from '../support/console-session';
import { TEST_TASK_QUEUE } from '../support/temporal';
import { TEST_SESSION_SECRET } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();

/** Two API processes as two instances of the app on one database, each with its own memory. */
const apps: Express[] = [];
beforeAll(() => {
  for (let i = 0; i < 2; i++)
    apps.push(
      createApp({
        db: harness.db,
        temporal: harness.env.client,
        taskQueue: TEST_TASK_QUEUE,
        log: createLogger('test', 'silent'),
        sessions: { store: new session.MemoryStore(), secret: TEST_SESSION_SECRET },
      }),
    );
});

const basic = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
const readAs = (app: Express, username: string, password: string) =>
  request(app).get('/api/referrals').set('Authorization', basic(username, password));

async function signInForm(app: Express, username: string, password: string) {
  const agent = request.agent(app);
  const page = await agent.get('/login');
  return agent
    .post('/login')
    .type('form')
    .send({ _csrf: csrfOf(page.text), username, password, next: '/' });
}

describe('the sign-in lock is shared by every API process', () => {
  test('ten failures split between two instances lock the username on both; others and correct clients are never refused', async () => {
    const user = 'jiandu.zhou';
    // A busy, correct client of the same address on both instances all along.
    const busy = () => Promise.all(apps.map((app) => readAs(app, 'xian.dali', DEMO_PASSWORD)));
    for (let i = 0; i < 10; i++) {
      const app = apps[i % 2]!;
      const failed = i % 3 === 0 ? await signInForm(app, user, 'wrong') : await readAs(app, user, 'wrong');
      expect([i, failed.status]).toEqual([i, 401]);
      expect((await busy()).map((r) => r.status)).toEqual([200, 200]);
    }
    // The right password is refused now, on either instance, by Basic and by the form.
    expect((await readAs(apps[0]!, user, DEMO_PASSWORD)).status).toBe(429);
    expect((await readAs(apps[1]!, user, DEMO_PASSWORD)).status).toBe(429);
    expect((await signInForm(apps[1]!, user, DEMO_PASSWORD)).status).toBe(429);
    expect((await busy()).map((r) => r.status)).toEqual([200, 200]);

    // The window passes (on the database's clock): both instances let the user in again.
    await harness.db.$executeRaw`UPDATE "RateLimit" SET "resetAt" = now() - interval '1 second'`;
    expect((await readAs(apps[1]!, user, DEMO_PASSWORD)).status).toBe(200);
    expect((await readAs(apps[0]!, user, DEMO_PASSWORD)).status).toBe(200);
  });

  test('the count keeps no username or address', async () => {
    for (let i = 0; i < 3; i++) expect((await readAs(apps[i % 2]!, 'jiandu.dali', 'wrong')).status).toBe(401);
    const rows = await harness.db.rateLimit.findMany();
    expect(rows.length).toBeGreaterThan(0);
    for (const { key } of rows) expect(key).toMatch(/^[0-9a-f]{64}$/);
  });

  /* Found by the fuzz suite: a username with a NUL in it answered 500 (Postgres refuses NUL). */
  test('a username no account can have is a failed sign-in, counted like any other', async () => {
    const odd = 'fuzz\u0000.nobody';
    for (let i = 0; i < 10; i++) expect((await readAs(apps[i % 2]!, odd, 'pw')).status).toBe(401);
    expect((await readAs(apps[0]!, odd, 'pw')).status).toBe(429);
    const form = await signInForm(apps[1]!, odd, 'pw');
    expect(form.status).toBe(400);
    expect(form.text).toContain('data-field="body.username"');
  });
});
