import { z } from 'zod';
import { startLeftBehindCases } from '../api/case-workflows';
import { DEMO_PASSWORD } from '../prisma/seed/seed';
import { runHttpHousehold } from './http-household';
import { startInProcessApi } from './in-process-api';
import { ReadModelWatch } from './read-model-watch';
import { Measurements } from './measurements';
import { distribution, type Distribution } from './percentiles';
import { parseWorldCli, provisionWorld } from './world';

/**
 * `node --import tsx bench/http-lifecycle.ts [--households N]`: N households driven at once
 * from application to exit through the real HTTP API (HTTP Basic, audit, Express, the
 * workflows' Updates), every request timed; then, in the same run and at the same
 * concurrency, as many authenticated reads of the same cases (GET /api/cases/:caseNo) as
 * the floor of an HTTP round trip through the same middleware. Prints both and their ratio.
 */
const argsSchema = z.object({ households: z.coerce.number().int().min(1).max(2000).default(20) });

const out = (line = '') => process.stdout.write(`${line}\n`);
const ms = (v: number) => v.toFixed(1).padStart(8);
const row = (name: string, d: Distribution | null) =>
  d
    ? `  ${name.padEnd(22)} ${String(d.n).padStart(6)} ${ms(d.p50)} ${ms(d.p90)} ${ms(d.p99)} ${ms(d.max)}`
    : '';

const USAGE =
  'usage: node --import tsx bench/http-lifecycle.ts [--households 1..2000] [--temporal host:port] [--worker-processes 0..8]';

const parseCli = () => parseWorldCli({ households: { type: 'string' } }, argsSchema, USAGE);

async function main(): Promise<void> {
  const { households, world: worldChoice } = parseCli();
  const world = await provisionWorld(worldChoice);
  try {
    // The API's own pool, as in production: the driver polls the read model on world.db.
    const api = await startInProcessApi(world);
    const { base, db: apiDb } = api;
    const ctx = { env: world.env, db: world.db, taskQueue: world.caseTaskQueue };

    const lifecycle = new Measurements();
    const cpuBefore = world.workerCpuSeconds?.();
    const driving = {
      watch: new ReadModelWatch(world.db),
      // A step may wait behind every other household's: the patience grows with their number.
      stepTimeoutMs: Math.max(60_000, households * 3_000),
      retried: new Map<string, number>(),
    };
    // As api/main.ts does: a filing answered 202 (its workflow's start timed out under load) is
    // started by the reconciler; here every 10 s instead of every minute, for cases 30 s old.
    let reconciled = 0;
    let reconciling = true;
    // One round after the other, never two at once (under load a round outlasts the interval).
    const reconcile = async () => {
      while (reconciling) {
        await new Promise((resolve) => setTimeout(resolve, 10_000));
        reconciled += await startLeftBehindCases(apiDb, world.env.client, world.caseTaskQueue).catch(() => 0);
      }
    };
    const reconciler = reconcile();
    const started = performance.now();
    const results = await Promise.allSettled(
      Array.from({ length: households }, (_, n) => runHttpHousehold(base, ctx, lifecycle, n, driving)),
    );
    lifecycle.wallMs = performance.now() - started;
    const workerCpu = cpuBefore === undefined ? undefined : world.workerCpuSeconds!() - cpuBefore;
    driving.watch.stop();
    reconciling = false;
    await reconciler;
    const done = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failures = new Map<string, number>();
    for (const r of results)
      if (r.status === 'rejected') {
        const reason = String(r.reason).replace(/\d{3,}/g, 'N');
        failures.set(reason, (failures.get(reason) ?? 0) + 1);
      }
    const referrals = await world.db.referral.count();
    const all = distribution(lifecycle.allUpdates());

    // The households' figures first: the floor below must not be able to lose them.
    out(`Jiuzhu through HTTP: ${households} households at once, ${done.length} completed`);
    out(`  Temporal: ${world.describe}`);
    if (workerCpu !== undefined)
      out(
        `  worker processes' CPU over the households: ${workerCpu.toFixed(1)} s (${(workerCpu / Math.max(1, done.length)).toFixed(2)} s a household)`,
      );
    out(
      `  wall time ${(lifecycle.wallMs / 1000).toFixed(1)} s, ${(done.length / (lifecycle.wallMs / 1000)).toFixed(2)} households/s, ${(lifecycle.allUpdates().length / (lifecycle.wallMs / 1000)).toFixed(1)} requests/s; referral workflows started: ${referrals}`,
    );
    for (const [reason, count] of failures) out(`  households not completed: ${count} × ${reason}`);
    out();
    out('  request, ms                 n      p50      p90      p99      max');
    for (const [kind, samples] of lifecycle.updateMs) out(row(kind, distribution(samples)));
    out(row('every submission', all));
    const retried = [...driving.retried].map(([kind, count]) => `${kind} ${count}`).join(', ');
    out(`  workflows started by the reconciler (filing answered 202): ${reconciled}`);
    out(`  503 answers retried after Retry-After with the same Idempotency-Key: ${retried || 'none'}`);
    out();
    out(
      `  answer → next step open in the read model, ms (one query for all waiting cases every ${driving.watch.intervalMs} ms)`,
    );
    for (const [kind, samples] of lifecycle.stepToStepMs) out(row(kind, distribution(samples)));
    out();

    // The floor: as many signed-in reads of the same cases, at the same concurrency.
    const reads = new Measurements();
    let readFailures = 0;
    const auth = `Basic ${Buffer.from(`xiang.xizhou:${DEMO_PASSWORD}`).toString('base64')}`;
    const readStarted = performance.now();
    await Promise.all(
      done.map(async ({ caseNo, requests }) => {
        for (let i = 0; i < requests.length; i++) {
          const t = performance.now();
          try {
            const response = await fetch(`${base}/api/cases/${caseNo}`, { headers: { authorization: auth } });
            await response.arrayBuffer();
            if (!response.ok) throw new Error(String(response.status));
            reads.update('GET /api/cases/:caseNo', performance.now() - t);
          } catch {
            readFailures++;
          }
        }
      }),
    );
    reads.wallMs = performance.now() - readStarted;
    await api.close();
    const floor = distribution(reads.allUpdates());
    out('  signed-in read, ms          n      p50      p90      p99      max');
    out(row('GET (floor)', floor));
    if (readFailures > 0) out(`  reads not answered 200: ${readFailures}`);
    if (all && floor)
      out(
        `  submissions / signed-in reads: p50 ${(all.p50 / floor.p50).toFixed(2)}×, p90 ${(all.p90 / floor.p90).toFixed(2)}×, p99 ${(all.p99 / floor.p99).toFixed(2)}×`,
      );
  } finally {
    await world.teardown();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
