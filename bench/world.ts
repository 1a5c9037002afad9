import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Connection } from '@temporalio/client';
import { z } from 'zod';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, makeTelemetryFilterString, Runtime, Worker } from '@temporalio/worker';
import { connectDatabase, type Database } from '../platform/database';
import { loadEnv } from '../platform/env';
import { seed } from '../prisma/seed/seed';
import { TemporalProbe, waitUntil } from '../scripts/dev/readiness';
import { startEmbeddedPostgres } from '../scripts/embedded-postgres';
import { applyMigrations } from '../scripts/migrate';
import { ensureTemporalCli } from '../scripts/provision-temporal';
import { ensureNamespace } from '../scripts/temporal-cluster';
import { freePort } from '../test/support/free-port';
import { SmtpInbox } from '../test/support/smtp-inbox';
import { TEST_TASK_QUEUE } from '../test/support/temporal';
import { recordTransition } from '../activities/case-records';
import { createCaseWorker } from '../worker/create-worker';
import type { MinimalActivities } from './minimal-workflow';
import { workerIdentity } from '../worker/identity';
import { startMailOutbox } from '../worker/mail-outbox';
import { CASE_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';

export const MINIMAL_TASK_QUEUE = 'bench-minimal';

/** Everything the bench runs against, started for this run only and torn down after it. */
export interface World {
  env: TestWorkflowEnvironment;
  /** The driver's connection, as the API has its own; the case worker has another. */
  db: Database;
  /** For an API of the bench's own, with its own pool beside the driver's. */
  databaseUrl: string;
  inbox: SmtpInbox;
  caseTaskQueue: string;
  minimalTaskQueue: string;
  /** What runs the case workflows, for the report. */
  describe: string;
  /** CPU seconds the worker processes used so far (user + system), when there are any. */
  workerCpuSeconds?: () => number;
  teardown(): Promise<void>;
}

export interface WorldOptions {
  /**
   * A Temporal server already running (a cluster: `npm run dev:cluster` or a real one) instead
   * of a dev server of the bench's own. The run gets a namespace of its own there, so its case
   * numbers (from a fresh database) never meet another run's workflow ids.
   */
  temporalAddress?: string;
  /** Case workers as separate `worker/main.ts` processes, as deployed; 0 runs one in the bench's process. */
  workerProcesses?: number;
}

function say(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/**
 * The dev server prints its banner on stdout; a wrapper sends it to stderr. It `exec`s the
 * CLI so the SDK's SIGKILL at teardown reaches the server itself.
 */
function quietStdout(cli: string, dir: string): string {
  const wrapper = path.join(dir, 'temporal');
  fs.writeFileSync(wrapper, `#!/bin/sh\nexec '${cli}' "$@" >&2\n`, { mode: 0o755 });
  return wrapper;
}

/** Runs the worker; answers its stop (shutdown, in-flight tasks finished). */
function startWorker(worker: Worker, name: string): () => Promise<void> {
  const running = worker.run().catch((error: unknown) => {
    say(`${name} worker failed: ${error instanceof Error ? error.stack : String(error)}`);
  });
  return async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
  };
}

/** Flags of the benches that run on a world: `--temporal <address>`, `--worker-processes <n>`. */
export const WORLD_CLI_OPTIONS = {
  temporal: { type: 'string' },
  'worker-processes': { type: 'string' },
} as const;

export function worldOptions(values: { temporal?: string; 'worker-processes'?: string }): WorldOptions {
  const processes = Number(values['worker-processes'] ?? 0);
  if (!Number.isInteger(processes) || processes < 0 || processes > 8)
    throw new Error('--worker-processes: a whole number from 0 to 8');
  if (values.temporal !== undefined && !/^[\w.-]+:\d{1,5}$/.test(values.temporal))
    throw new Error('--temporal: host:port of a Temporal frontend');
  return { temporalAddress: values.temporal, workerProcesses: processes };
}

/**
 * A world bench's flags: its own `options` beside the world's, checked by its `schema`; each
 * problem names its flag, followed by the bench's usage line.
 */
export function parseWorldCli<S extends z.ZodObject>(
  options: Record<string, { type: 'string' }>,
  schema: S,
  usage: string,
): z.infer<S> & { world: WorldOptions } {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { ...options, ...WORLD_CLI_OPTIONS },
    strict: true,
  });
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`${problems}\n${usage}`);
  }
  try {
    const world = worldOptions(values as { temporal?: string; 'worker-processes'?: string });
    return { ...(parsed.data as z.infer<S>), world };
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  }
}

/**
 * Tears the world down and exits on SIGINT/SIGTERM.
 * Work still in flight fails as its connections close: expected then, not worth a stack.
 */
export function stopWorldOnSignal(world: World): void {
  const stop = async (code: number) => {
    process.on('uncaughtException', () => undefined);
    process.on('unhandledRejection', () => undefined);
    await world.teardown();
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(130));
  process.once('SIGTERM', () => void stop(143));
}

/**
 * Case workers as processes of their own (`worker/main.ts`, as `npm run dev` runs them), each
 * waited for until it polls the run's task queue. Answers their stop: SIGTERM, which drains.
 */
/** User + system CPU seconds of a running process (Linux: /proc/<pid>/stat, in clock ticks of 1/100 s). */
function cpuSecondsOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which is in parentheses and may hold spaces); utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function startWorkerProcesses(
  count: number,
  env: NodeJS.ProcessEnv,
  probe: TemporalProbe,
  namespace: string,
): Promise<{ stop: () => Promise<void>; cpuSeconds: () => number }> {
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
  };
  for (let i = 0; i < count; i++) {
    children.push(
      spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../worker/main.ts')], {
        env,
        stdio: ['ignore', 'ignore', 'inherit'],
      }),
    );
  }
  const deadline = Date.now() + 180_000;
  for (const child of children) {
    const polls = await waitUntil(
      () => probe.polledBy(namespace, TEST_TASK_QUEUE, workerIdentity(child.pid)),
      { everyMs: 500, cancelled: () => Date.now() > deadline || child.exitCode !== null },
    );
    if (!polls) {
      await stop();
      throw new Error(`worker process ${child.pid} did not poll within 3 minutes`);
    }
  }
  say(`${count} worker process${count > 1 ? 'es' : ''} polling`);
  const cpuSeconds = () => children.reduce((sum, child) => sum + cpuSecondsOf(child.pid!), 0);
  return { stop, cpuSeconds };
}

/**
 * An embedded Postgres (migrated, seeded) in a temp folder, the Temporal CLI's dev server
 * (real clock, as in production) or a given Temporal server, an SMTP inbox, and two workers:
 * the case workflows with the real activities (in the bench's process, or as worker
 * processes), and the minimal baseline workflow (in the bench's process).
 */
export async function provisionWorld(options: WorldOptions = {}): Promise<World> {
  // Core's warnings go through the same logger, on stderr, so stdout holds the figures only.
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} } },
  });
  const cleanups: (() => Promise<void>)[] = [];
  let tearingDown: Promise<void> | undefined;
  // Once, whoever asks first (the run's end or a signal); later callers wait for the same.
  const teardown = () =>
    (tearingDown ??= (async () => {
      for (const cleanup of cleanups.reverse()) {
        await cleanup().catch((e: unknown) => say(`cleanup failed: ${e instanceof Error ? e.message : e}`));
      }
    })());
  try {
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiuzhu-bench-'));
    const removeWorkDir = () => fs.rmSync(workDir, { recursive: true, force: true });
    cleanups.push(async () => removeWorkDir());
    // Also when the process ends without a teardown (a signal during provisioning, a crash).
    process.once('exit', removeWorkDir);
    // Postgres refuses to run as root; embedded-postgres runs it as user postgres, who must reach the folder.
    fs.chmodSync(workDir, 0o755);
    const postgres = await startEmbeddedPostgres({
      dataDir: path.join(workDir, 'postgres'),
      port: await freePort(),
      persistent: false,
    });
    cleanups.push(() => postgres.stop());
    await postgres.createDatabase('jiuzhu_bench');
    const databaseUrl = postgres.url('jiuzhu_bench');
    applyMigrations(databaseUrl);
    const db = connectDatabase(databaseUrl);
    cleanups.push(() => db.$disconnect());
    await seed(db);
    const workerDb = connectDatabase(databaseUrl);
    cleanups.push(() => workerDb.$disconnect());

    const env = options.temporalAddress
      ? await existingServer(options.temporalAddress, cleanups)
      : await TestWorkflowEnvironment.createLocal({
          server: {
            executable: {
              type: 'existing-path',
              path: quietStdout(ensureTemporalCli(loadEnv().JIUZHU_CACHE_DIR), workDir),
            },
            searchAttributes: CASE_SEARCH_ATTRIBUTES,
            extraArgs: ['--headless', '--log-level', 'error'],
          },
        });
    cleanups.push(() => env.teardown());
    const inbox = await SmtpInbox.start();
    cleanups.push(() => inbox.stop());

    const namespace = env.namespace ?? 'default';
    const processes = options.workerProcesses ?? 0;
    let workerCpuSeconds: (() => number) | undefined;
    if (processes > 0) {
      const probe = new TemporalProbe(env.address);
      cleanups.push(() => probe.close());
      const workerEnv = {
        ...process.env,
        DATABASE_URL: databaseUrl,
        TEMPORAL_ADDRESS: env.address,
        TEMPORAL_NAMESPACE: namespace,
        TEMPORAL_TASK_QUEUE: TEST_TASK_QUEUE,
        SMTP_URL: inbox.url,
        LOG_LEVEL: 'warn',
      };
      // Each process runs its own mail outbox, as deployed.
      const workers = await startWorkerProcesses(processes, workerEnv, probe, namespace);
      cleanups.push(workers.stop);
      workerCpuSeconds = workers.cpuSeconds;
    } else {
      const caseWorker = await createCaseWorker({
        connection: env.nativeConnection,
        namespace,
        taskQueue: TEST_TASK_QUEUE,
        db: workerDb,
        mailer: inbox.mailer,
        maxCachedWorkflows: loadEnv().WORKER_MAX_CACHED_WORKFLOWS,
      });
      cleanups.push(startWorker(caseWorker, 'case'));
      cleanups.push(startMailOutbox(workerDb, inbox.mailer));
    }
    const minimalWorker = await Worker.create({
      connection: env.nativeConnection,
      namespace,
      taskQueue: MINIMAL_TASK_QUEUE,
      workflowsPath: require.resolve('./minimal-workflow'),
      activities: {
        recordTransition: (input) => recordTransition(workerDb, input),
      } satisfies MinimalActivities,
    });
    cleanups.push(startWorker(minimalWorker, 'minimal'));

    return {
      env,
      db,
      databaseUrl,
      inbox,
      caseTaskQueue: TEST_TASK_QUEUE,
      minimalTaskQueue: MINIMAL_TASK_QUEUE,
      describe:
        `${options.temporalAddress ? `Temporal at ${options.temporalAddress} (namespace ${namespace})` : 'CLI dev server (real clock)'}, ` +
        `case workers ${processes > 0 ? `in ${processes} worker process${processes > 1 ? 'es' : ''}` : 'in the bench process'}`,
      workerCpuSeconds,
      teardown,
    };
  } catch (error) {
    await teardown();
    throw error;
  }
}

/**
 * A namespace of this run's own on a running server (registered with the case search
 * attributes), removed again at teardown.
 */
async function existingServer(
  address: string,
  cleanups: (() => Promise<void>)[],
): Promise<TestWorkflowEnvironment> {
  const namespace = `jiuzhu-bench-${Date.now()}`;
  const connection = await Connection.connect({ address });
  try {
    await ensureNamespace(connection, namespace, 1);
  } finally {
    await connection.close();
  }
  cleanups.push(async () => {
    const admin = await Connection.connect({ address });
    try {
      await admin.operatorService.deleteNamespace({ namespace });
    } finally {
      await admin.close();
    }
  });
  say(`namespace ${namespace} registered on ${address}`);
  return TestWorkflowEnvironment.createFromExistingServer({ address, namespace });
}
