import fs from 'node:fs';
import { Client, type WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Runtime, DefaultLogger, Worker } from '@temporalio/worker';
import type { Database } from '../../platform/database';
import type { Mailer } from '../../platform/mailer';
import { createActivities } from '../../activities';
import { registerSearchAttributes } from '../../scripts/search-attributes';
import { createCaseWorker } from '../../worker/create-worker';
import { CASE_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { unendedTasks } from './time-locks';

let runtimeInstalled = false;

function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger('WARN') });
}

/**
 * `createTimeSkipping` connects with the SDK's default keepalive (a ping every 30 s, also while
 * idle), but the Java test server allows one ping per 5 minutes and answers more with a GOAWAY
 * that drops whatever call is in flight, such as a long `env.sleep`. The same factory, reached
 * through its (TypeScript-only) private name, takes connection options with slower pings.
 */
const createTimeSkippingWithPatientPings = (
  TestWorkflowEnvironment as unknown as {
    create(options: {
      server: { type: 'time-skipping'; executable: { type: 'existing-path'; path: string } };
      supportsTimeSkipping: true;
      connectionOptions: { channelArgs: Record<string, number> };
    }): Promise<TestWorkflowEnvironment>;
  }
).create.bind(TestWorkflowEnvironment);

/**
 * The SDK gives an ephemeral server 5 s to answer; a JVM starting on two cores busy with other
 * suites can take longer. Such a start is tried again (twice), any other failure is not.
 */
async function startPatiently<T>(start: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (error) {
      if (attempt >= 3 || !/did not start within/.test(String((error as Error)?.message))) throw error;
    }
  }
}

/** The Java time-skipping test server, provisioned by the global setup. */
export async function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  const executable = process.env.JIUZHU_TEST_SERVER;
  if (!executable)
    throw new Error('JIUZHU_TEST_SERVER is not set: run the suites through jest (global setup)');
  const env = await startPatiently(() =>
    createTimeSkippingWithPatientPings({
      server: { type: 'time-skipping', executable: { type: 'existing-path', path: executable } },
      supportsTimeSkipping: true,
      connectionOptions: {
        channelArgs: {
          'grpc.keepalive_time_ms': 6 * 60_000,
          'grpc.keepalive_permit_without_calls': 0,
        },
      },
    }),
  );
  // The test server checks upserted search attributes against its own registry.
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}

/**
 * The Temporal CLI's dev server (a real Temporal server, SQLite in memory) for what the
 * test server lacks: visibility queries, and a worker killed with its tasks in flight.
 */
export async function startDevServer(port?: number): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  const executable = process.env.JIUZHU_TEMPORAL_CLI;
  if (!executable)
    throw new Error('JIUZHU_TEMPORAL_CLI is not set: run the suites through jest (global setup)');
  return startPatiently(() =>
    TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'existing-path', path: executable },
        ...(port ? { port } : {}),
        searchAttributes: CASE_SEARCH_ATTRIBUTES,
        extraArgs: ['--headless', '--log-level', 'error'],
      },
    }),
  );
}

export const TEST_TASK_QUEUE = 'jiuzhu-test';

export type CaseActivities = ReturnType<typeof createActivities>;

/**
 * A worker running the bundled workflows and the real activities against a test database;
 * `wrapActivities` lets a test hold an activity back (to order what a workflow sees).
 */
export async function createTestWorker(
  env: TestWorkflowEnvironment,
  db: Database,
  mailer: Mailer,
  wrapActivities?: (activities: CaseActivities) => CaseActivities,
): Promise<Worker> {
  const bundlePath = process.env.JIUZHU_WORKFLOW_BUNDLE;
  if (!bundlePath)
    throw new Error('JIUZHU_WORKFLOW_BUNDLE is not set: run the suites through jest (global setup)');
  if (wrapActivities) {
    const namespace = env.namespace ?? 'default';
    return Worker.create({
      connection: env.nativeConnection,
      namespace,
      taskQueue: TEST_TASK_QUEUE,
      activities: wrapActivities(
        createActivities({
          db,
          mailer,
          temporal: new Client({ connection: env.connection, namespace }),
        }),
      ),
      workflowBundle: { code: fs.readFileSync(bundlePath, 'utf8') },
    });
  }
  return createCaseWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue: TEST_TASK_QUEUE,
    db,
    mailer,
    workflowBundle: { code: fs.readFileSync(bundlePath, 'utf8') },
  });
}

/**
 * Terminates a workflow on the time-skipping server without freezing its clock. That server
 * holds a time-skipping lock for every scheduled activity and workflow task, and releases it
 * only when the task completes, fails or times out — each of which it refuses once the
 * workflow is terminated. A task in flight at termination (a month's payment whose timer fired
 * just then, the workflow task after an activity) would keep the clock locked for the rest of
 * the file, so every later `env.sleep` hangs. What the terminated run's history shows as
 * scheduled and never ended is released here, one unlock each.
 */
export async function terminateOnTestServer(
  env: TestWorkflowEnvironment,
  handle: WorkflowHandle,
  reason: string,
): Promise<void> {
  await handle.terminate(reason);
  const { workflowTasks, activities } = await unendedTasks(handle);
  for (let i = 0; i < workflowTasks + activities; i++)
    await env.connection.testService?.unlockTimeSkipping({});
}
