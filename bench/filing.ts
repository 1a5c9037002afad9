import os from 'node:os';
import { z } from 'zod';
import { DEMO_PASSWORD } from '../prisma/seed/seed';
import { dibaoApplication } from '../test/support/fixtures';
import { startInProcessApi } from './in-process-api';
import { distribution, type Distribution } from './percentiles';
import { SqlTrace, type TracedTransaction } from './sql-trace';
import { parseWorldCli, provisionWorld } from './world';

/**
 * `npm run bench:filing -- --filings N --concurrency C`: the filing path on its own. N filings
 * of distinct households (`POST /api/cases`, each with its own Idempotency-Key) go through the
 * real HTTP app (HTTP Basic, audit, Express, the intake transaction, the workflow's start), C at
 * a time; then, in the same run and at the same concurrency, N signed-in reads of the filed
 * cases (`GET /api/cases/:caseNo`) as the floor of a request through the same middleware.
 * The API's pool is traced (bench/sql-trace.ts): round trips per request, the intake
 * transaction's statements, and how long the county's case-number counter row stays locked.
 */
const argsSchema = z.object({
  filings: z.coerce.number().int().min(1).max(5000).default(100),
  concurrency: z.coerce.number().int().min(1).max(500).default(10),
});

const USAGE =
  'usage: npm run bench:filing -- [--filings 1..5000] [--concurrency 1..500] [--temporal host:port] [--worker-processes 0..8]';

const out = (line = '') => process.stdout.write(`${line}\n`);
const ms = (v: number) => v.toFixed(1).padStart(8);
const row = (name: string, d: Distribution | null) =>
  d
    ? `  ${name.padEnd(34)} ${String(d.n).padStart(6)} ${ms(d.p50)} ${ms(d.p90)} ${ms(d.p99)} ${ms(d.max)}`
    : `  ${name.padEnd(34)}      0`;

const basic = (username: string) => `Basic ${Buffer.from(`${username}:${DEMO_PASSWORD}`).toString('base64')}`;

/** Distinct households have distinct names too, so 疑似重复 (same name and birth date) finds none. */
const SURNAMES = '李王张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕';
const GIVEN = '明华建国秀英丽军平玉兰芳海云霞志强文斌桂珍红梅春燕金凤德福永庆';

function householdApplication(n: number) {
  const application = dibaoApplication();
  const surname = SURNAMES[n % SURNAMES.length]!;
  const given = (k: number) => GIVEN[(Math.floor(n / SURNAMES.length) * 3 + k) % GIVEN.length]!;
  return {
    ...application,
    members: application.members.map((member, k) => ({
      ...member,
      name: `${surname}${given(k)}${GIVEN[Math.floor(n / (SURNAMES.length * GIVEN.length)) % GIVEN.length]}${k}`.replace(
        /\d/g,
        (d) => '一二三四五六七八九十'[Number(d)]!,
      ),
    })),
  };
}

const parseCli = () =>
  parseWorldCli({ filings: { type: 'string' }, concurrency: { type: 'string' } }, argsSchema, USAGE);

/** Runs `count` jobs, `concurrency` at a time. */
async function inTurn(count: number, concurrency: number, job: (n: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await job(next++);
    }),
  );
}

/** A 503 (overload) is sent again after its Retry-After with the same key, this often. */
const MAX_RETRIES = 10;

async function main(): Promise<void> {
  const { filings, concurrency, world: worldChoice } = parseCli();
  const world = await provisionWorld(worldChoice);
  const trace = new SqlTrace('bench-filing-api', 'CaseNumberCounter');
  try {
    // The API's own pool, as in production, and the only one traced.
    const api = await startInProcessApi(world, trace.install(world.databaseUrl));
    const { base } = api;

    // Warm-up outside the figures: the password check's cache, Prisma's first queries.
    const warm = await fetch(`${base}/api/cases/${'none'}`, {
      headers: { authorization: basic('cun.xizhou') },
    });
    await warm.arrayBuffer();
    // One filing alone, untimed: its statements in order, printed at the end.
    trace.log = [];
    const alone = await fetch(`${base}/api/cases`, {
      method: 'POST',
      headers: { authorization: basic('cun.xizhou'), 'content-type': 'application/json' },
      body: JSON.stringify(householdApplication(filings)),
    });
    if (alone.status !== 201)
      throw new Error(`the first filing answered ${alone.status}: ${await alone.text()}`);
    await alone.arrayBuffer();
    const oneFiling = trace.log;
    trace.log = null;
    trace.reset();

    const applications = Array.from({ length: filings }, (_, n) => householdApplication(n));
    const filingMs: number[] = [];
    const caseNos: string[] = [];
    const answers = new Map<number, number>();
    let retried = 0;
    const failures: string[] = [];
    const loadBefore = os.loadavg()[0]!;
    const cpuBefore = process.cpuUsage();
    const workerCpuBefore = world.workerCpuSeconds?.();
    const filingStarted = performance.now();
    await inTurn(filings, concurrency, async (n) => {
      const started = performance.now();
      for (let attempt = 0; ; attempt++) {
        const response = await fetch(`${base}/api/cases`, {
          method: 'POST',
          headers: {
            authorization: basic('cun.xizhou'),
            'content-type': 'application/json',
            'idempotency-key': `bench-filing-${n}`,
          },
          body: JSON.stringify(applications[n]),
        });
        const answer = (await response.json()) as { caseNo?: string };
        if (response.status === 503 && attempt < MAX_RETRIES) {
          retried++;
          const after = Number(response.headers.get('retry-after') ?? '1');
          await new Promise((resolve) => setTimeout(resolve, Math.max(after, 1) * 1000));
          continue;
        }
        answers.set(response.status, (answers.get(response.status) ?? 0) + 1);
        if (response.ok && answer.caseNo) {
          filingMs.push(performance.now() - started);
          caseNos.push(answer.caseNo);
        } else failures.push(`${response.status} ${JSON.stringify(answer).slice(0, 300)}`);
        return;
      }
    });
    const filingWallMs = performance.now() - filingStarted;
    const cpu = process.cpuUsage(cpuBefore);
    const filingCpuMs = (cpu.user + cpu.system) / 1000;
    const workerCpuMs =
      workerCpuBefore === undefined ? undefined : (world.workerCpuSeconds!() - workerCpuBefore) * 1000;
    const filingTrips = trace.roundTrips;
    const filingTransactions = trace.transactions;

    trace.reset();
    const readMs: number[] = [];
    const readStarted = performance.now();
    await inTurn(caseNos.length, concurrency, async (n) => {
      const started = performance.now();
      const response = await fetch(`${base}/api/cases/${caseNos[n]}`, {
        headers: { authorization: basic('cun.xizhou') },
      });
      await response.arrayBuffer();
      if (response.ok) readMs.push(performance.now() - started);
    });
    const readWallMs = performance.now() - readStarted;
    const readTrips = trace.roundTrips;
    const loadAfter = os.loadavg()[0]!;
    await api.close();

    const intake = filingTransactions.filter((t) => t.markerHeldMs !== null && t.committed);
    const others = filingTransactions.filter((t) => !(t.markerHeldMs !== null && t.committed));
    const filed = caseNos.length;
    const perFiling = (v: number) => (filed ? (v / filed).toFixed(1) : '—');
    const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
    const dist = (xs: TracedTransaction[], pick: (t: TracedTransaction) => number) =>
      distribution(xs.map(pick));

    out(`Jiuzhu filing path: ${filings} filings, ${concurrency} at a time, ${filed} filed`);
    out(`  Temporal: ${world.describe}`);
    out(`  load average (1 min) at start ${loadBefore.toFixed(2)}, at end ${loadAfter.toFixed(2)}`);
    out(
      `  filing: wall ${(filingWallMs / 1000).toFixed(1)} s, ${(filed / (filingWallMs / 1000)).toFixed(2)} filings/s; ` +
        `answers ${[...answers].map(([s, c]) => `${s}×${c}`).join(', ')}; 503s retried ${retried}`,
    );
    out(
      `  CPU of the bench process (API and driver${world.workerCpuSeconds ? '' : ', case worker too'}) over the filings: ` +
        `${(filingCpuMs / 1000).toFixed(1)} s, ${perFiling(filingCpuMs)} ms a filing` +
        (workerCpuMs === undefined ? '' : `; worker processes ${perFiling(workerCpuMs)} ms a filing`),
    );
    out(
      `  baseline read: wall ${(readWallMs / 1000).toFixed(1)} s, ${(readMs.length / (readWallMs / 1000)).toFixed(2)} reads/s`,
    );
    out();
    out('  request, ms                             n      p50      p90      p99      max');
    const filingD = distribution(filingMs);
    const readD = distribution(readMs);
    out(row('POST /api/cases (filing)', filingD));
    out(row('GET /api/cases/:caseNo (baseline)', readD));
    if (filingD && readD)
      out(
        `  filing / read: p50 ${(filingD.p50 / readD.p50).toFixed(2)}×, p90 ${(filingD.p90 / readD.p90).toFixed(2)}×, p99 ${(filingD.p99 / readD.p99).toFixed(2)}×`,
      );
    out();
    out(`  SQL round trips on the API's pool (each pg query, BEGIN and COMMIT included)`);
    out(`    per filing, all:                    ${perFiling(filingTrips)}`);
    out(`    per filing, in the intake transaction: ${mean(intake.map((t) => t.statements)).toFixed(1)}`);
    out(
      `    per filing, other transactions:     ${perFiling(others.reduce((s, t) => s + t.statements, 0))} (${others.length} transactions)`,
    );
    out(
      `    per baseline read:                  ${readMs.length ? (readTrips / readMs.length).toFixed(1) : '—'}`,
    );
    out();
    out('  intake transaction, ms                  n      p50      p90      p99      max');
    out(
      row(
        'BEGIN → COMMIT',
        dist(intake, (t) => t.durationMs),
      ),
    );
    out(
      row(
        'counter statement sent → COMMIT',
        dist(intake, (t) => t.markerHeldMs!),
      ),
    );
    out(
      row(
        'counter statement answered → COMMIT',
        dist(intake, (t) => t.markerAnsweredHeldMs ?? 0),
      ),
    );
    out('    (sent → COMMIT: the counter row waited for and held; answered → COMMIT: surely held)');
    out();
    out(`  one filing's statements, in order (indented: inside a transaction)`);
    for (const line of oneFiling) out(`    ${line}`);
    for (const f of failures.slice(0, 5)) process.stderr.write(`filing failed: ${f}\n`);
  } finally {
    await world.teardown();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
