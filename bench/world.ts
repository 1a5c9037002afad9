import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, makeTelemetryFilterString, Runtime, Worker } from '@temporalio/worker';
import { connectDatabase, type Database } from '../platform/database';
import { loadEnv } from '../platform/env';
import { seed } from '../prisma/seed/seed';
import { startEmbeddedPostgres } from '../scripts/embedded-postgres';
import { applyMigrations } from '../scripts/migrate';
import { ensureTemporalCli } from '../scripts/provision-temporal';
import { freePort } from '../test/support/free-port';
import { SmtpInbox } from '../test/support/smtp-inbox';
import { TEST_TASK_QUEUE } from '../test/support/temporal';
import { recordTransition } from '../activities/case-records';
import { createCaseWorker } from '../worker/create-worker';
import type { MinimalActivities } from './minimal-workflow';
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
  teardown(): Promise<void>;
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

/**
 * An embedded Postgres (migrated, seeded) in a temp folder, the Temporal CLI's dev server
 * (real clock, as in production), an SMTP inbox, and two in-process workers: the case
 * workflows with the real activities, and the minimal baseline workflow.
 */
export async function provisionWorld(): Promise<World> {
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

    const env = await TestWorkflowEnvironment.createLocal({
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
    const caseWorker = await createCaseWorker({
      connection: env.nativeConnection,
      namespace,
      taskQueue: TEST_TASK_QUEUE,
      db: workerDb,
      mailer: inbox.mailer,
    });
    cleanups.push(startWorker(caseWorker, 'case'));
    cleanups.push(startMailOutbox(workerDb, inbox.mailer));
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
      teardown,
    };
  } catch (error) {
    await teardown();
    throw error;
  }
}
