import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { z } from 'zod';
import { fileApplication } from '../api/case-intake';
import { freePort } from '../test/support/free-port';
import { actorFor, dibaoApplication, idNumber } from '../test/support/fixtures';
import { csrfOf } from '../test/support/console-session';
import { signIn } from './console-sign-in';
import { cpuClock, type CpuClock } from './cpu-time';
import { provisionWorld } from './world';

/**
 * The API under load: the main reads and writes through `api/main.ts` in a process of its own
 * (sessions kept in Postgres, audit, Express, NODE_ENV=production), at a fixed rate with
 * autocannon from this process, on the bench world (embedded Postgres, the Temporal dev server,
 * one case worker process) with a few hundred cases filed first. Each route is signed in with a
 * console session (no password check per request). `GET /api/health` in the same run is the
 * floor. Beside the latencies, the CPU each request cost the API process and the database's
 * server processes (from /proc): on shared cores that says how much work a request is, where
 * the wall clock mostly says how long it waited for a core. Prints one table;
 * `npm run bench:api-load` (`--cases`, `--seconds`, `--write-seconds`, `--rate`,
 * `--connections`, `--warmup`, `--only case` for the floor and the single-case read alone).
 *
 * autocannon measures from each request's send, and a connection sends its next request only
 * after the answer: a slow route sends fewer than the rate asks (the table says how many), and
 * requests still open when a phase ends are not counted (their effects are: the acceptance
 * phase takes every case the filing phase wrote).
 */
const argsSchema = z.object({
  cases: z.coerce.number().int().min(20).max(2_000).default(300),
  seconds: z.coerce.number().int().min(2).max(120).default(15),
  'write-seconds': z.coerce.number().int().min(1).max(60).default(5),
  rate: z.coerce.number().int().min(1).max(5_000).default(200),
  connections: z.coerce.number().int().min(1).max(200).default(20),
  /** Seconds of the same load before each read is measured (compiled queries, warm caches). */
  warmup: z.coerce.number().int().min(0).max(60).default(3),
  /** `case`: only the floor and the single-case read (no other reads, no writes), to measure it alone. */
  only: z.enum(['all', 'case']).default('all'),
});

const SURNAMES = ['杨', '李', '赵', '段', '张', '王', '何', '董', '苏', '尹', '字', '施'];
const GIVEN = [
  '秀英',
  '建国',
  '小梅',
  '志华',
  '丽萍',
  '海军',
  '玉兰',
  '文斌',
  '春花',
  '国强',
  '金凤',
  '正明',
];

/** The date `days` after `from` (YYYY-MM-DD). */
function daysAfter(from: string, days: number): string {
  return new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The n-th household of the run: its own names and birth dates, so that intake's 查重 (same name
 * and birth date in the county) flags none of them as it would flag the test fixture's copies.
 */
function household(n: number) {
  const name = (k: number) =>
    `${SURNAMES[(n + k) % SURNAMES.length]}${GIVEN[Math.floor(n / 7 + k) % GIVEN.length]}`;
  const born = (from: string) => daysAfter(from, n);
  const births = ['1962-01-01', '1960-06-01', '2009-01-01'];
  const serials = [202, 301, 402];
  return dibaoApplication({
    address: `大理市喜洲镇喜洲村委会${(n % 9) + 1}社${n + 1}号`,
    members: dibaoApplication().members.map((member, k) => ({
      ...member,
      name: name(k * 4),
      idNumber: idNumber(born(births[k]!), serials[k]!),
    })),
  });
}

const out = (line = '') => process.stdout.write(`${line}\n`);
const say = (message: string) => process.stderr.write(`[bench] ${message}\n`);

interface Row {
  route: string;
  user: string;
  requests: number;
  statuses: string;
  p50: number;
  p90: number;
  p99: number;
  rate: number;
  /** CPU ms per request of the API process and of the database's server processes. */
  apiCpu: number;
  dbCpu: number | null;
}

type Args = z.infer<typeof argsSchema>;

interface Load {
  route: string;
  user: string;
  method?: 'GET' | 'POST';
  headers: Record<string, string>;
  /** Each request's path and body, in turn (autocannon's setupRequest). */
  next?: (i: number) => { path: string; body?: string; headers?: Record<string, string> };
  path?: string;
  seconds: number;
  /** At most this many requests (each of a set of distinct cases once). */
  amount?: number;
}

async function run(base: string, args: Args, clock: CpuClock, load: Load): Promise<Row> {
  let i = 0;
  const cpuBefore = await clock.read();
  const result = await autocannon({
    url: `${base}${load.path ?? '/'}`,
    method: load.method ?? 'GET',
    headers: load.headers,
    connections: args.connections,
    overallRate: args.rate,
    ...(load.amount ? { amount: load.amount } : { duration: load.seconds }),
    ...(load.next && {
      requests: [
        {
          setupRequest: (req: autocannon.Request) => {
            const n = load.next!(i++);
            return {
              ...req,
              path: n.path,
              ...(n.body !== undefined && { body: n.body }),
              headers: { ...req.headers, ...n.headers },
            };
          },
        },
      ],
    }),
  });
  const statuses =
    Object.entries(result.statusCodeStats ?? {})
      .map(([code, { count }]) => `${code}×${count}`)
      .join(' ') + (result.errors ? ` errors×${result.errors}` : '');
  const cpu = clock.between(cpuBefore, await clock.read());
  const perRequest = (ms: number) => ms / Math.max(result.requests.total, 1);
  const row = {
    route: load.route,
    user: load.user,
    requests: result.requests.total,
    statuses,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    rate: result.requests.total / Math.max(result.duration, 0.001),
    apiCpu: perRequest(cpu.node),
    dbCpu: cpu.postgres === null ? null : perRequest(cpu.postgres),
  };
  say(`${row.route}: ${row.requests} requests, p50 ${row.p50} ms, p99 ${row.p99} ms, ${row.statuses}`);
  return row;
}

const SESSION_SECRET = 'bench-session-secret-of-at-least-32-chars';

/** `api/main.ts` as deployed, in a process of its own (NODE_ENV=production: compiled templates kept). */
function startApi(port: number, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../api/main.ts')], {
    env: {
      ...process.env,
      ...env,
      HOST: '127.0.0.1',
      PORT: String(port),
      SESSION_SECRET,
      LOG_LEVEL: 'error',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Until the API answers its health check 200 (Postgres, Temporal and a worker up). */
async function healthy(base: string, api: ChildProcess): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline && api.exitCode === null) {
    const status = await fetch(`${base}/api/health`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the API never answered its health check 200');
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const loadavg = () => fs.readFileSync('/proc/loadavg', 'utf8').trim().split(' ').slice(0, 3).join(' ');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string' },
      seconds: { type: 'string' },
      'write-seconds': { type: 'string' },
      rate: { type: 'string' },
      connections: { type: 'string' },
      warmup: { type: 'string' },
      only: { type: 'string' },
    },
    strict: true,
  });
  const args = argsSchema.parse(values);
  // The case worker in a process of its own too, so the bench's process holds only the load.
  const world = await provisionWorld({ workerProcesses: 1 });
  const admin = new Client({ connectionString: world.databaseUrl });
  let api: ChildProcess | undefined;
  try {
    await admin.connect();
    const port = await freePort();
    api = startApi(port, {
      DATABASE_URL: world.databaseUrl,
      TEMPORAL_ADDRESS: world.env.address,
      TEMPORAL_NAMESPACE: world.env.namespace ?? 'default',
      TEMPORAL_TASK_QUEUE: world.caseTaskQueue,
      SMTP_URL: world.inbox.url,
    });
    const base = `http://127.0.0.1:${port}`;
    await healthy(base, api);
    const clock = cpuClock(admin, new URL(world.databaseUrl).pathname.slice(1), true, api.pid);

    // A few hundred cases written as intake writes them (no workflows: the reads need rows).
    say(`filing ${args.cases} cases`);
    const filer = await actorFor(world.db, 'cun.xizhou');
    const caseNos: string[] = [];
    for (let i = 0; i < args.cases; i++) {
      const { caseId } = await fileApplication(world.db, filer, household(i), undefined);
      caseNos.push((await world.db.case.findUniqueOrThrow({ where: { id: caseId } })).caseNo);
    }
    const flagged = await world.db.possibleDuplicate.count();
    say(`${caseNos.length} cases filed, ${flagged} possible duplicates flagged`);

    const session = async (username: string) => {
      const cookie = await signIn(base, username);
      const page = await fetch(`${base}/`, { headers: { cookie } });
      return { cookie, csrf: csrfOf(await page.text()) };
    };
    const township = await session('xiang.xizhou');
    const county = await session('jiandu.dali');
    const bureau = await session('bumen.renshe.dali');
    const village = await session('cun.xizhou');

    const loadBefore = loadavg();
    const started = Date.now();
    const rows: Row[] = [];
    const read = async (route: string, user: string, s: { cookie: string }, load: Partial<Load>) => {
      const measured = { route, user, headers: { cookie: s.cookie }, seconds: args.seconds, ...load };
      if (args.warmup > 0)
        await run(base, args, clock, { ...measured, route: `${route} (warm-up)`, seconds: args.warmup });
      return run(base, args, clock, measured);
    };

    rows.push(
      await read('GET /api/health (floor)', '—', { cookie: '' }, { headers: {}, path: '/api/health' }),
    );
    rows.push(
      await read('GET /api/cases/:caseNo', 'xiang.xizhou', township, {
        next: (i) => ({ path: `/api/cases/${caseNos[i % caseNos.length]}` }),
      }),
    );
    if (args.only === 'all') {
      const lists = [
        '/api/cases?limit=50',
        '/api/cases?status=SUBMITTED&townshipId=532901003&limit=50',
        '/api/cases?programme=DIBAO_RURAL&overdue=false&limit=50',
      ];
      rows.push(
        await read('GET /api/cases (list page, filters)', 'jiandu.dali', county, {
          next: (i) => ({ path: lists[i % lists.length]! }),
        }),
      );
      rows.push(await read('GET /api/dashboard', 'jiandu.dali', county, { path: '/api/dashboard' }));
      rows.push(await read('GET /tasks (task list page)', 'xiang.xizhou', township, { path: '/tasks' }));
      rows.push(
        await read('GET /api/referrals (inbox)', 'bumen.renshe.dali', bureau, { path: '/api/referrals' }),
      );

      // Writes: each filing its own key and household; then each filed case's acceptance once.
      const filingRun = `load-${Date.now().toString(36)}`;
      const bodies: string[] = [];
      const filingBody = (i: number) => (bodies[i] ??= JSON.stringify(household(args.cases + i)));
      for (let i = 0; i < args.rate * args['write-seconds']; i++) filingBody(i);
      const json = { 'content-type': 'application/json' };
      rows.push(
        await run(base, args, clock, {
          route: 'POST /api/cases (filing)',
          user: 'cun.xizhou',
          method: 'POST',
          headers: { cookie: village.cookie, 'x-csrf-token': village.csrf, ...json },
          seconds: args['write-seconds'],
          next: (i) => ({
            path: '/api/cases',
            body: filingBody(i),
            headers: { 'idempotency-key': `${filingRun}-${i}` },
          }),
        }),
      );

      // The cases the filing phase started (those still in flight when it stopped too), once
      // their acceptance step is open in the read model.
      const deadline = Date.now() + 120_000;
      let open: string[] = [];
      for (;;) {
        const filing = { idempotencyKey: { startsWith: filingRun } };
        const ready = await world.db.case.findMany({
          where: { ...filing, currentStep: 'acceptance', dueAt: { not: null } },
          select: { caseNo: true },
        });
        open = ready.map((r) => r.caseNo);
        if (open.length >= (await world.db.case.count({ where: filing })) || Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      say(`${open.length} filed cases at acceptance`);
      if (open.length > 0) {
        const decisionRun = `accept-${Date.now().toString(36)}`;
        rows.push(
          await run(base, args, clock, {
            route: 'POST /api/cases/:caseNo/steps/acceptance',
            user: 'xiang.xizhou',
            method: 'POST',
            headers: { cookie: township.cookie, 'x-csrf-token': township.csrf, ...json },
            seconds: args['write-seconds'],
            amount: open.length,
            next: (i) => ({
              path: `/api/cases/${open[i % open.length]}/steps/acceptance`,
              body: JSON.stringify({ decision: 'accept' }),
              headers: { 'idempotency-key': `${decisionRun}-${i}` },
            }),
          }),
        );
      }
    }
    const loadAfter = loadavg();

    const floor = rows[0]!;
    out(
      `${world.describe}, the API in a process of its own; ${args.cases} cases filed before ` +
        `(${flagged} possible duplicates); ${args.connections} connections at ${args.rate} requests/s, ` +
        `reads ${args.seconds} s each after ${args.warmup} s of warm-up, writes ${args['write-seconds']} s ` +
        `(acceptance: each filed case once); ${os.cpus().length} cores; ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
    out(`load average (1, 5, 15 min) before: ${loadBefore}; after: ${loadAfter}`);
    out();
    out(
      '| route | user | requests | answers | p50 ms | p90 ms | p99 ms | p99 × floor | requests/s | CPU ms/request API + db |',
    );
    out(
      '| ----- | ---- | -------- | ------- | ------ | ------ | ------ | ----------- | ---------- | ----------------------- |',
    );
    for (const r of rows)
      out(
        `| ${r.route} | ${r.user} | ${r.requests} | ${r.statuses} | ${r.p50} | ${r.p90} | ${r.p99} | ` +
          `${(r.p99 / Math.max(floor.p99, 1)).toFixed(2)}× | ${r.rate.toFixed(1)} | ` +
          `${r.apiCpu.toFixed(1)} + ${r.dbCpu === null ? '—' : r.dbCpu.toFixed(1)} |`,
      );
  } finally {
    if (api) await stopProcess(api);
    await admin.end().catch(() => undefined);
    await world.teardown();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
