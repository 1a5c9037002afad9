import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { Client } from 'pg';
import { z } from 'zod';
import type { Prisma } from '@prisma/client';
import { createApp } from '../api/app';
import { createSessionStore } from '../api/console/sessions';
import { connectDatabase } from '../platform/database';
import { createLogger } from '../platform/logger';
import { distribution } from './percentiles';
import { signIn } from './console-sign-in';
import { cpuClock } from './cpu-time';
import { explain, recordQueries } from './query-plans';
import { table } from './report';
import { supervisionPostgres, SUPERVISION_DATABASE } from './supervision-database';

/**
 * `npm run bench:supervision`: against the data set `npm run bench:seed` wrote, the latency of
 * each supervision read through the real HTTP app (one request at a time, after a warm-up),
 * for the prefecture's supervisor and a county's, and the EXPLAIN (ANALYZE, BUFFERS) plan of
 * every SQL statement each runs, with any sequential scan of a big table called out. Prints
 * figures, not pass/fail; the goal is p99 under 20 ms.
 */
const argsSchema = z.strictObject({
  samples: z.coerce.number().int().min(10).max(10_000).default(300),
  warmup: z.coerce.number().int().min(0).max(1_000).default(30),
  plans: z.enum(['full', 'none']).default('full'),
  /** Only the reads whose name contains this, e.g. `--only dashboard`. */
  only: z.string().min(1).optional(),
});

const USERS = ['jiandu.zhou', 'jiandu.dali'] as const;

/**
 * What is measured, console pages and API routes alike signed in with a console session (kept
 * in Postgres, as in production): HTTP Basic's own cost is bench:api-auth's.
 */
const READS: { name: string; path: string; users?: readonly string[] }[] = [
  { name: 'dashboard figures', path: '/api/dashboard' },
  { name: 'dashboard page', path: '/dashboard' },
  { name: 'overdue list page', path: '/dashboard/cases?overdue=true' },
  { name: 'ageing drill-down', path: '/dashboard/cases?overdue=true&ageing=4-10' },
  { name: 'task list', path: '/tasks' },
  { name: 'task list (a township)', path: '/tasks', users: ['xiang.xizhou'] },
  { name: 'referral summary', path: '/api/referrals/summary' },
  { name: 'GET /api/cases page', path: '/api/cases?limit=50' },
  { name: 'GET /api/cases overdue', path: '/api/cases?overdue=true&limit=50' },
];

const out = (line = '') => process.stdout.write(`${line}\n`);
const say = (line: string) => process.stderr.write(`[bench] ${line}\n`);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      samples: { type: 'string' },
      warmup: { type: 'string' },
      plans: { type: 'string' },
      only: { type: 'string' },
    },
    strict: true,
  });
  const args = argsSchema.parse(values);
  const reads = READS.filter((r) => !args.only || r.name.includes(args.only));
  if (reads.length === 0) throw new Error(`--only ${args.only}: no read's name contains it`);
  const postgres = await supervisionPostgres();
  const db = connectDatabase(postgres.url);
  const probe = new Client({ connectionString: postgres.url });
  try {
    await probe.connect().catch(() => {
      throw new Error(`no database ${SUPERVISION_DATABASE}: run npm run bench:seed first`);
    });
    const { rows } = await probe.query<{ cases: string; size: string }>(
      `SELECT (SELECT count(*) FROM "Case")::text AS cases, pg_size_pretty(pg_database_size(current_database())) AS size`,
    );
    say(`${SUPERVISION_DATABASE}: ${Number(rows[0]!.cases).toLocaleString('en')} cases, ${rows[0]!.size}`);

    const recorder = recordQueries(db);
    const app = createApp({
      db,
      // No route measured here starts or asks a workflow: a lazy connection, never opened, that
      // carries each request's deadline as the API's middleware expects.
      temporal: new TemporalClient({ connection: Connection.lazy() }),
      taskQueue: 'unused',
      log: createLogger('bench', 'silent'),
      sessions: {
        store: createSessionStore(postgres.url, { prune: false }),
        secret: 'bench-session-secret-of-at-least-32-chars',
      },
    });
    // Compiled templates kept, as Express does with NODE_ENV=production.
    app.enable('view cache');
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const users = [...new Set([...USERS, ...reads.flatMap((r) => r.users ?? [])])];
    const cookies = new Map<string, string>();
    for (const username of users) cookies.set(username, await signIn(base, username));
    const get = async (path: string, username: string) => {
      const res = await fetch(`${base}${path}`, { headers: { cookie: cookies.get(username)! } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`GET ${path} as ${username} answered ${res.status}`);
    };

    const local = ['localhost', '127.0.0.1', '::1'].includes(new URL(postgres.url).hostname);
    const clock = cpuClock(probe, SUPERVISION_DATABASE, local);
    const loadBefore = os.loadavg()[0]!;
    const results: (string | number)[][] = [];
    const plans: { read: string; username: string; sql: Prisma.Sql[] }[] = [];
    for (const read of reads) {
      for (const username of read.users ?? USERS) {
        for (let i = 0; i < args.warmup; i++) await get(read.path, username);
        const samples: number[] = [];
        const cpuBefore = await clock.read();
        for (let i = 0; i < args.samples; i++) {
          const started = performance.now();
          await get(read.path, username);
          samples.push(performance.now() - started);
        }
        const cpu = clock.between(cpuBefore, await clock.read());
        const perRequest = (ms: number | null) => (ms === null ? '—' : (ms / args.samples).toFixed(1));
        const d = distribution(samples)!;
        results.push([
          read.name,
          username,
          d.n,
          d.p50.toFixed(1),
          d.p90.toFixed(1),
          d.p99.toFixed(1),
          d.max.toFixed(1),
          perRequest(cpu.node),
          perRequest(cpu.postgres),
        ]);
        say(`${read.name} as ${username}: p50 ${d.p50.toFixed(1)} ms, p99 ${d.p99.toFixed(1)} ms`);
        plans.push({ read: read.name, username, sql: await recorder.during(() => get(read.path, username)) });
      }
    }
    server.close();

    out(
      `Supervision reads against ${SUPERVISION_DATABASE} (${Number(rows[0]!.cases).toLocaleString('en')} cases),`,
    );
    out(
      `one request at a time through the HTTP app, ${args.samples} samples after ${args.warmup} warm-up, ms`,
    );
    out(
      `(${os.cpus().length} cores; 1-minute load average ${loadBefore.toFixed(1)} before, ` +
        `${os.loadavg()[0]!.toFixed(1)} after: other processes share the cores):`,
    );
    out(table(['read', 'user', 'n', 'p50', 'p90', 'p99', 'max', 'CPU node', 'CPU pg'], results));
    out('(CPU: ms of CPU per request, of this process and of the database server, from /proc.)');

    if (args.plans === 'none') return;
    const seqScans: string[] = [];
    for (const { read, username, sql } of plans) {
      for (const [i, statement] of sql.entries()) {
        const plan = await explain(postgres.url, statement);
        out();
        out(`── ${read} as ${username}, statement ${i + 1} of ${sql.length} (${plan.executionMs} ms) ──`);
        out(plan.text);
        for (const t of plan.bigSeqScans) seqScans.push(`${read} as ${username}: Seq Scan on "${t}"`);
      }
    }
    out();
    out(
      seqScans.length === 0
        ? 'No sequential scan of Case, CaseEvent, Household, HouseholdMember or Referral in any plan.'
        : `Sequential scans of big tables:\n${seqScans.join('\n')}`,
    );
  } finally {
    await probe.end().catch(() => undefined);
    await db.$disconnect();
    await postgres.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
