import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../api/app';
import { startLeftBehindCases } from '../../api/case-workflows';
import { connectApiServices, type ApiServices } from '../../api/services';
import { createLogger } from '../../platform/logger';
import { DEMO_PASSWORD } from '../../prisma/seed/seed';
import { startChild } from '../../scripts/dev/child';
import { waitUntil } from '../../scripts/dev/readiness';
import {
  ensureDatabase,
  initCluster,
  postgresAnswers,
  postgresCommand,
  postgresUrl,
} from '../../scripts/postgres-server';
import { csrfOf } from '../support/console-session';
import { dibaoApplication, waitFor } from '../support/fixtures';
import { freePort } from '../support/free-port';
import { startSilentServer } from '../support/silent-server';
import { startDevServer, TEST_TASK_QUEUE } from '../support/temporal';
import { TEST_SESSION_SECRET, useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const http = useTestApp(harness);

const basic = (username: string) => `Basic ${Buffer.from(`${username}:${DEMO_PASSWORD}`).toString('base64')}`;
const VILLAGE_ASSISTANT = basic('cun.xizhou');
const TOWNSHIP_OFFICER = basic('xiang.xizhou');

const opened: ApiServices[] = [];
afterAll(async () => {
  await Promise.all(opened.map((services) => services.close().catch(() => undefined)));
});

/** The API wired as api/main.ts wires it (fail-fast clients), on the given Postgres and Temporal. */
/**
 * What tells an answer from a hang (before, a refused Temporal took ~20 s and Postgres could
 * hang for good): generous, since the suites share a loaded machine and timings are not what
 * these tests measure.
 */
const HANG = 8_000;

function apiOn(databaseUrl: string, temporalAddress: string, taskQueue = TEST_TASK_QUEUE): Express {
  const services = connectApiServices({
    databaseUrl,
    temporalAddress,
    namespace: 'default',
    pruneSessions: false,
  });
  opened.push(services);
  return createApp({
    db: services.db,
    temporal: services.temporal,
    taskQueue,
    log: createLogger('test', 'silent'),
    sessions: { store: services.sessionStore, secret: TEST_SESSION_SECRET },
  });
}

async function timed<T>(call: () => PromiseLike<T>): Promise<{ res: T; ms: number }> {
  const started = Date.now();
  const res = await call();
  return { res, ms: Date.now() - started };
}

/** The health body is public: no host, port or error text in it. */
function expectNoInternals(body: unknown, port: number): void {
  const text = JSON.stringify(body);
  for (const internal of [String(port), '127.0.0.1', 'localhost', 'ECONN', 'rror', 'postgres'])
    expect(text).not.toContain(internal);
}

const deadDatabaseUrl = (port: number) => `postgresql://jiuzhu:jiuzhu@127.0.0.1:${port}/jiuzhu`;
const temporalAddress = () => harness.env.address;

describe('GET /api/health names each part', () => {
  test('all three up: 200', async () => {
    const res = await request(http.app).get('/api/health');
    expect([res.status, res.body]).toEqual([
      200,
      { status: 'ok', database: { ok: true }, temporal: { ok: true }, worker: { ok: true } },
    ]);
  });

  test('no worker polling the task queue: 503, the worker down, the rest up', async () => {
    const app = apiOn(harness.databaseUrl, temporalAddress(), 'a-queue-no-worker-polls');
    const res = await request(app).get('/api/health');
    expect([res.status, res.headers['retry-after'], res.body]).toEqual([
      503,
      '5',
      {
        status: 'degraded',
        database: { ok: true },
        temporal: { ok: true },
        worker: { ok: false, reason: 'no_worker' },
      },
    ]);
  });
});

describe('Temporal down', () => {
  test('nothing listening: health says so, an application is kept and answered 202, workflow pending; started once Temporal is back', async () => {
    const port = await freePort();
    const app = apiOn(harness.databaseUrl, `127.0.0.1:${port}`);
    const health = await timed(() => request(app).get('/api/health'));
    expect(health.ms).toBeLessThan(HANG);
    expect([health.res.status, health.res.headers['retry-after'], health.res.body]).toEqual([
      503,
      '5',
      {
        status: 'degraded',
        database: { ok: true },
        temporal: { ok: false, reason: 'unreachable' },
        worker: { ok: true },
      },
    ]);
    expectNoInternals(health.res.body, port);

    const key = `outage-temporal-${Date.now()}`;
    const filed = await timed(() =>
      request(app)
        .post('/api/cases')
        .set('Authorization', VILLAGE_ASSISTANT)
        .set('Idempotency-Key', key)
        .send(dibaoApplication()),
    );
    expect(filed.ms).toBeLessThan(HANG);
    // The application is kept and numbered; the API's reconciler starts its workflow later.
    expect(filed.res.status).toBe(202);
    expect(filed.res.body).toMatchObject({ workflow: 'pending', caseNo: expect.stringMatching(/^DB-/) });
    const row = await harness.db.case.findFirstOrThrow({ where: { idempotencyKey: key } });
    expect(row).toMatchObject({ caseNo: filed.res.body.caseNo, workflowStartedAt: null });

    let temporal: TestWorkflowEnvironment | undefined;
    try {
      temporal = await startDevServer(port);
      const back = await timed(() =>
        waitFor(
          async () => (await request(app).get('/api/health')).body.temporal?.ok === true,
          'Temporal reachable again',
          10_000,
        ),
      );
      expect(back.ms).toBeLessThan(HANG);
      expect(await startLeftBehindCases(harness.db, temporal.client, TEST_TASK_QUEUE, 0)).toBeGreaterThan(0);
      const started = await harness.db.case.findFirstOrThrow({ where: { idempotencyKey: key } });
      expect(started.workflowStartedAt).not.toBeNull();
    } finally {
      await temporal?.teardown();
    }
  });

  test('a server that never answers: health says so past its 2 s probe, an application kept (202) by the request deadline', async () => {
    const silent = await startSilentServer();
    try {
      const app = apiOn(harness.databaseUrl, `127.0.0.1:${silent.port}`);
      const health = await timed(() => request(app).get('/api/health'));
      expect(health.ms).toBeLessThan(HANG);
      // Past its 2 s probe; on a loaded machine the connection may also give up first.
      expect(health.res.body.temporal).toEqual({
        ok: false,
        reason: expect.stringMatching(/^(timeout|unreachable)$/),
      });
      const filed = await timed(() =>
        request(app)
          .post('/api/cases')
          .set('Authorization', VILLAGE_ASSISTANT)
          .set('Idempotency-Key', `outage-silent-${Date.now()}`)
          .send(dibaoApplication()),
      );
      expect(filed.ms).toBeLessThan(HANG + 10_000);
      expect([filed.res.status, filed.res.body.workflow]).toEqual([202, 'pending']);
    } finally {
      await silent.close();
    }
  });
});

describe('Postgres down', () => {
  test('nothing listening: health names the database, a signed request answers 503 with Retry-After at once', async () => {
    const port = await freePort();
    const app = apiOn(deadDatabaseUrl(port), temporalAddress());
    const health = await timed(() => request(app).get('/api/health'));
    expect(health.ms).toBeLessThan(HANG);
    expect([health.res.status, health.res.body]).toEqual([
      503,
      {
        status: 'degraded',
        database: { ok: false, reason: 'unreachable' },
        temporal: { ok: true },
        worker: { ok: false, reason: 'unknown' },
      },
    ]);
    expectNoInternals(health.res.body, port);
    const read = await timed(() =>
      request(app).get('/api/cases/DB-532901-2026-000001').set('Authorization', TOWNSHIP_OFFICER),
    );
    expect(read.ms).toBeLessThan(HANG);
    expect([
      read.res.status,
      read.res.headers['retry-after'],
      read.res.body.error,
      read.res.body.details,
    ]).toEqual([503, '5', 'unavailable', { unavailable: 'database' }]);
  });

  test('a server that never answers: 503 by the 3 s connect timeout, not a hang', async () => {
    const silent = await startSilentServer();
    try {
      const app = apiOn(deadDatabaseUrl(silent.port), temporalAddress());
      const health = await timed(() => request(app).get('/api/health'));
      expect(health.ms).toBeLessThan(HANG);
      expect(health.res.body.database).toEqual({ ok: false, reason: 'timeout' });
      const read = await timed(() =>
        request(app).get('/api/referrals').set('Authorization', TOWNSHIP_OFFICER),
      );
      expect(read.ms).toBeLessThan(HANG);
      expect([read.res.status, read.res.headers['retry-after'], read.res.body.details]).toEqual([
        503,
        '5',
        { unavailable: 'database' },
      ]);
    } finally {
      await silent.close();
    }
  });

  test('a console page with a session: a 503 page, not a 500', async () => {
    const login = await request(http.app).get('/login');
    const signIn = await request(http.app)
      .post('/login')
      .set('Cookie', login.headers['set-cookie']!)
      .type('form')
      .send({ _csrf: csrfOf(login.text), username: 'xiang.xizhou', password: DEMO_PASSWORD });
    expect(signIn.status).toBe(303);
    const cookie = signIn.headers['set-cookie']![0]!.split(';')[0]!;
    const app = apiOn(deadDatabaseUrl(await freePort()), temporalAddress());
    const page = await request(app).get('/tasks').set('Cookie', cookie);
    expect([page.status, page.headers['retry-after'], page.headers['content-type']]).toEqual([
      503,
      '5',
      expect.stringContaining('text/html'),
    ]);
    expect(page.text).toContain('数据库暂时不可用');
    expect(page.text).not.toContain('<li>');
  });

  test('stopped under a running API: 503 while it is down, served again once it is back', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiuzhu-outage-'));
    fs.chmodSync(dir, 0o755);
    const dataDir = path.join(dir, 'postgres');
    const port = await freePort();
    initCluster(dataDir);
    const start = async () => {
      const server = startChild({ name: 'postgres', ...postgresCommand(dataDir, port), shows: () => false });
      await waitUntil(() => postgresAnswers(port), {
        cancelled: () => Date.now() - server.startedAt > 20_000,
      });
      return server;
    };
    let postgres = await start();
    try {
      await ensureDatabase(port, 'jiuzhu');
      const app = apiOn(postgresUrl(port, 'jiuzhu'), temporalAddress());
      // A pooled connection exists when the server goes away.
      expect((await request(app).get('/api/health')).body.database).toEqual({ ok: true });
      await postgres.stop();
      const read = await timed(() =>
        request(app).get('/api/referrals').set('Authorization', TOWNSHIP_OFFICER),
      );
      expect(read.ms).toBeLessThan(HANG);
      expect([read.res.status, read.res.headers['retry-after'], read.res.body.details]).toEqual([
        503,
        '5',
        { unavailable: 'database' },
      ]);
      expect((await request(app).get('/api/health')).body.database).toEqual({
        ok: false,
        reason: 'unreachable',
      });
      postgres = await start();
      await waitFor(
        async () => (await request(app).get('/api/health')).body.database?.ok === true,
        'the database reachable again',
        10_000,
      );
    } finally {
      await postgres.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
