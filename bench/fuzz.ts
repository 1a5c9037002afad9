import { createApp } from '../api/app';
import { createSessionStore } from '../api/console/sessions';
import { createLogger } from '../platform/logger';
import { makeFuzzWorld } from '../test/support/fuzz/fuzz-world';
import { formatReport } from '../test/support/fuzz/fuzz-report';
import { runFuzz } from '../test/support/fuzz/fuzz-run';
import globalSetup from '../test/support/global-setup';
import globalTeardown from '../test/support/global-teardown';
import { TEST_TASK_QUEUE } from '../test/support/temporal';
import { startWorkflowHarness } from '../test/support/workflow-harness';

/**
 * The fuzz suite of test/api/fuzz.test.ts at full size: `npm run bench:fuzz -- --requests 10000
 * [--seed n]`. Starts the test world (Postgres, the time-skipping server, a worker), sends that
 * many generated requests to every route and form, and prints the count, the statuses seen
 * (overall and per route) and every failure, with a request that shows it.
 */
function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
}

const say = (line: string) => process.stderr.write(`[fuzz] ${line}\n`);

async function main(): Promise<void> {
  const requests = option('requests', 10_000);
  const seed = option('seed', Date.now() % 2 ** 31);
  const started = Date.now();
  await globalSetup();
  const { harness, stop } = await startWorkflowHarness();
  const store = createSessionStore(harness.databaseUrl, { prune: false });
  try {
    const app = createApp({
      db: harness.db,
      temporal: harness.env.client,
      taskQueue: TEST_TASK_QUEUE,
      log: createLogger('fuzz', 'silent'),
      sessions: { store, secret: 'bench-session-secret-of-at-least-32-chars' },
    });
    const world = await makeFuzzWorld(harness, app, 3);
    say(`world ready in ${((Date.now() - started) / 1000).toFixed(0)} s; sending ${requests} requests`);
    const fuzzing = Date.now();
    const report = await runFuzz(world, {
      count: requests,
      seed,
      onProgress: (done) => done % 500 === 0 && say(`${done} sent`),
    });
    const seconds = (Date.now() - fuzzing) / 1000;
    process.stdout.write(`${formatReport(report)}\n`);
    process.stdout.write(
      `\n${(report.requests / seconds).toFixed(0)} requests/s over ${seconds.toFixed(0)} s\n`,
    );
  } finally {
    await (store as { close?: () => Promise<void> }).close?.();
    await stop();
    await globalTeardown();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    say(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
