import bcrypt from 'bcryptjs';
import session from 'express-session';
import request from 'supertest';
import { createApp } from '../../api/app';
import type { Database } from '../../platform/database';
import { createLogger } from '../../platform/logger';
import { DEMO_PASSWORD } from '../../prisma/seed/seed';
import { CaseDriver } from '../support/case-driver';
import { signedIn } from '../support/console-session';
import { TEST_TASK_QUEUE } from '../support/temporal';
import { TEST_SESSION_SECRET, useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const http = useTestApp(harness);

/** 大理镇's township officer: another township of 大理市 than the case's 喜洲镇. */
const OUTSIDER = {
  username: 'xiang.dalizhen',
  displayName: '大理镇经办',
  role: 'TOWNSHIP_OFFICER',
  unitId: '532901002',
} as const;

const basic = (username: string) => `Basic ${Buffer.from(`${username}:${DEMO_PASSWORD}`).toString('base64')}`;
const api = (username: string, path: string) =>
  request(http.app).get(path).set('Authorization', basic(username));

interface Entry {
  id: string;
  username: string;
  role: string;
  unitId: string;
  unitName: string | null;
  method: string;
  path: string;
  status: number;
  errorCode: string;
  at: string;
}

/** The entries a reader sees of one user's refusals (all pages). */
async function logOf(reader: string, username: string): Promise<Entry[]> {
  const res = await api(reader, `/api/security-log?username=${username}&limit=200`);
  expect([reader, res.status]).toEqual([reader, 200]);
  return res.body.items as Entry[];
}

describe('安全日志 the security log', () => {
  let caseNo: string;
  let outsiderId: string;

  beforeAll(async () => {
    const passwordHash = await bcrypt.hash(DEMO_PASSWORD, 4);
    outsiderId = (await harness.db.staffUser.create({ data: { ...OUTSIDER, passwordHash } })).id;
    const filed = await CaseDriver.file(harness.env, harness.db);
    caseNo = (await filed.row()).caseNo;
  });

  test("a township officer asking for another township's case gets 404, recorded for the county's supervisor and not for a bureau's", async () => {
    const before = new Date();
    const res = await api(OUTSIDER.username, `/api/cases/${caseNo}`);
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('not_found');

    const seen = await logOf('jiandu.dali', OUTSIDER.username);
    const entry = seen.find((e) => e.path === `/api/cases/${caseNo}`);
    expect(entry).toMatchObject({
      username: OUTSIDER.username,
      userId: outsiderId,
      role: 'TOWNSHIP_OFFICER',
      unitId: '532901002',
      unitName: '大理镇',
      method: 'GET',
      status: 404,
      errorCode: 'not_found',
    });
    expect(new Date(entry!.at).getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    // The prefecture's supervisor and the administrator are above it too.
    for (const reader of ['jiandu.zhou', 'admin'])
      expect((await logOf(reader, OUTSIDER.username)).map((e) => e.id)).toContain(entry!.id);
    // The education bureau's supervisor is of 大理市 too, but its unit path holds no township.
    expect(await logOf('jiandu.jiaoyu.dali', OUTSIDER.username)).toEqual([]);
  });

  test('a refused console page is recorded too, and the page lists it for the supervisor above only', async () => {
    const outsider = await signedIn(http.app, OUTSIDER.username);
    expect((await outsider.agent.get(`/cases/${caseNo}`)).status).toBe(404);
    const township = await signedIn(http.app, 'xiang.xizhou');
    expect((await township.agent.get('/dashboard')).status).toBe(403);

    const outsiderEntries = await logOf('jiandu.dali', OUTSIDER.username);
    expect(outsiderEntries).toContainEqual(
      expect.objectContaining({
        method: 'GET',
        path: `/cases/${caseNo}`,
        status: 404,
        errorCode: 'not_found',
      }),
    );
    expect(await logOf('jiandu.dali', 'xiang.xizhou')).toContainEqual(
      expect.objectContaining({
        path: '/dashboard',
        status: 403,
        errorCode: 'forbidden',
        unitId: '532901003',
      }),
    );

    const supervisor = await signedIn(http.app, 'jiandu.dali');
    expect(supervisor.home.text).toContain('href="/security-log"');
    const page = await supervisor.agent.get(`/security-log?username=${OUTSIDER.username}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('安全日志');
    expect(page.text).toContain(`GET /cases/${caseNo}`);
    expect(page.text).toContain('乡镇经办');
    expect(page.text).toContain('大理镇');

    const bureau = await signedIn(http.app, 'jiandu.jiaoyu.dali');
    const bureauPage = await bureau.agent.get(`/security-log?username=${OUTSIDER.username}`);
    expect(bureauPage.status).toBe(200);
    expect(bureauPage.text).not.toContain(caseNo);
    expect(bureauPage.text).toContain('没有记录');
  });

  test('others are refused the log with 403, and that refusal is recorded', async () => {
    const res = await api('xiang.xizhou', '/api/security-log');
    expect(res.status).toBe(403);
    const township = await signedIn(http.app, 'xiang.xizhou');
    expect(township.home.text).not.toContain('href="/security-log"');
    expect((await township.agent.get('/security-log')).status).toBe(403);
    const entries = await logOf('jiandu.dali', 'xiang.xizhou');
    expect(entries).toContainEqual(
      expect.objectContaining({ method: 'GET', path: '/api/security-log', status: 403 }),
    );
    expect(entries).toContainEqual(expect.objectContaining({ path: '/security-log', status: 403 }));
  });

  test('pages follow one another by cursor, newest first, and since filters by time', async () => {
    const unit = await harness.db.orgUnit.findUniqueOrThrow({ where: { id: '532901002' } });
    await harness.db.securityLogEntry.createMany({
      data: [1, 2, 3, 4, 5].map((n) => ({
        userId: outsiderId,
        username: 'paging.probe',
        role: 'TOWNSHIP_OFFICER' as const,
        unitId: unit.id,
        unitPath: unit.path,
        method: 'GET',
        path: `/api/cases/probe-${n}`,
        status: 404,
        errorCode: 'not_found',
      })),
    });
    const pages: Entry[][] = [];
    let cursor: string | null = null;
    do {
      const res = await api(
        'jiandu.dali',
        `/api/security-log?username=paging.probe&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      pages.push(res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor && pages.length < 10);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    const paths = pages.flat().map((e) => e.path);
    expect(paths).toEqual([5, 4, 3, 2, 1].map((n) => `/api/cases/probe-${n}`));

    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const since = await api(
      'jiandu.dali',
      `/api/security-log?username=paging.probe&since=${encodeURIComponent(tomorrow)}`,
    );
    expect(since.body).toEqual({ items: [], nextCursor: null });
    const fromDate = await api('jiandu.dali', '/api/security-log?username=paging.probe&since=2026-01-01');
    expect(fromDate.body.items).toHaveLength(5);
  });

  test.each([
    ['limit=0', 'query.limit'],
    ['limit=201', 'query.limit'],
    ['limit=ten', 'query.limit'],
    ['cursor=abc', 'query.cursor'],
    ['cursor=0', 'query.cursor'],
    ['username=a%20b', 'query.username'],
    ['since=yesterday', 'query.since'],
    ['since=2026-02-30T00:00:00', 'query.since'],
    ['status=404', 'query.status'],
  ])('a bad query (%s) answers 400 naming %s, on the API and the page', async (query, field) => {
    const res = await api('jiandu.dali', `/api/security-log?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_input');
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual([field]);
    const { agent } = await signedIn(http.app, 'jiandu.dali');
    const page = await agent.get(`/security-log?${query}`);
    expect(page.status).toBe(400);
    expect(page.text).toContain(field);
  });

  test('a log that cannot be written leaves the refusal a refusal, not a 500', async () => {
    let attempts = 0;
    const failing = new Proxy(harness.db, {
      get(target, property) {
        if (property === 'securityLogEntry')
          return {
            create: () => {
              attempts += 1;
              return Promise.reject(new Error('the security log is down'));
            },
          };
        const value = Reflect.get(target, property, target) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as Database;
    const app = createApp({
      db: failing,
      temporal: harness.env.client,
      taskQueue: TEST_TASK_QUEUE,
      log: createLogger('test', 'silent'),
      sessions: { store: new session.MemoryStore(), secret: TEST_SESSION_SECRET },
    });
    const res = await request(app).get(`/api/cases/${caseNo}`).set('Authorization', basic(OUTSIDER.username));
    expect([res.status, res.body.error]).toEqual([404, 'not_found']);
    expect(attempts).toBe(1);
  });
});
