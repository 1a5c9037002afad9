import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { workerIdentity } from '../../worker/identity';
import { DevProcess } from '../support/dev-process';
import { waitFor } from '../support/fixtures';
import { freePort, isPortFree } from '../support/free-port';
import { descendantsOf, isRunning } from '../support/process-tree';

/**
 * `npm run dev` on free ports with a data folder of its own (kept across this file's starts):
 * started, parts killed under it, and stopped by a signal to one process.
 */

let dataDir: string;
let ports: Record<
  'PORT' | 'JIUZHU_PG_PORT' | 'TEMPORAL_PORT' | 'TEMPORAL_UI_PORT' | 'SMTP_CATCHER_PORT',
  number
>;
let env: NodeJS.ProcessEnv;
let dev: DevProcess | undefined;

beforeAll(async () => {
  // Postgres runs as the user postgres when the tests run as root: the folder must let it in.
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiuzhu-dev-'));
  fs.chmodSync(dataDir, 0o755);
  const taken = new Set<number>();
  const distinctPort = async (): Promise<number> => {
    const port = await freePort();
    if (taken.has(port)) return distinctPort();
    taken.add(port);
    return port;
  };
  ports = {
    PORT: await distinctPort(),
    JIUZHU_PG_PORT: await distinctPort(),
    TEMPORAL_PORT: await distinctPort(),
    TEMPORAL_UI_PORT: await distinctPort(),
    SMTP_CATCHER_PORT: await distinctPort(),
  };
  env = {
    ...process.env,
    ...Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, String(port)])),
    HOST: '127.0.0.1',
    JIUZHU_DATA_DIR: path.join(dataDir, 'data'),
    LOG_LEVEL: 'warn',
    // The global setup's bundle (JIUZHU_WORKFLOW_BUNDLE is inherited): no webpack at each worker start.
  };
  for (const pointsElsewhere of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'SMTP_URL', 'SESSION_SECRET'])
    delete env[pointsElsewhere];
});

afterEach(() => {
  dev?.kill();
  dev = undefined;
});

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const base = () => `http://127.0.0.1:${ports.PORT}`;

async function health(): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${base()}/api/health`, { signal: AbortSignal.timeout(5_000) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const healthy = () =>
  health().then(
    (h) => h.status === 200,
    () => false,
  );

async function pollersOfTaskQueue(): Promise<string[]> {
  const connection = await Connection.connect({ address: `127.0.0.1:${ports.TEMPORAL_PORT}` });
  try {
    const { pollers } = await connection.workflowService.describeTaskQueue({
      namespace: 'default',
      taskQueue: { name: 'jiuzhu-cases', kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
      taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    });
    return pollers.map((poller) => poller.identity ?? '');
  } finally {
    await connection.close();
  }
}

/** Kills a part with SIGKILL and waits until dev has started it again; answers the new pid. */
async function killAndAwaitRestart(part: 'postgres' | 'temporal' | 'worker' | 'api'): Promise<number> {
  const running = dev!;
  const pid = running.pidOf(part);
  const from = running.lines.length;
  process.kill(pid, 'SIGKILL');
  await running.waitForLine(
    new RegExp(`^\\[dev\\] ${part} \\(pid ${pid}\\) died: killed by SIGKILL; restarting in 1 s$`),
    10_000,
    from,
  );
  const restarted = await running.waitForLine(
    new RegExp(`^\\[dev\\] ${part} restarted \\(pid (\\d+)\\)`),
    10_000,
    from,
  );
  return Number(restarted[1]);
}

/** Stops dev by one signal to one process and checks nothing of the stack is left. */
async function stopWith(signal: NodeJS.Signals): Promise<number> {
  const running = dev!;
  const stack = descendantsOf(running.pid);
  expect(stack.length).toBeGreaterThanOrEqual(5);
  const started = Date.now();
  process.kill(running.pid, signal);
  expect(await running.exited).toEqual({ code: 0, signal: null });
  const stopMs = Date.now() - started;
  expect(stack.filter(isRunning)).toEqual([]);
  for (const [name, port] of Object.entries(ports))
    expect([name, await isPortFree(port)]).toEqual([name, true]);
  expect(running.stopped()).toEqual(['api', 'worker', 'temporal', 'mail catcher', 'postgres']);
  return stopMs;
}

test('npm run dev: ready once the worker polls; a killed worker comes back; SIGTERM to npm stops it all in order', async () => {
  dev = DevProcess.start('npm', env);
  await dev.waitForLine(/^\[dev\] ready:$/, 90_000);
  expect(await pollersOfTaskQueue()).toContain(workerIdentity(dev.pidOf('worker')));
  expect(await health()).toEqual({
    status: 200,
    body: { status: 'ok', database: { ok: true }, temporal: { ok: true }, worker: { ok: true } },
  });

  const firstWorker = dev.pidOf('worker');
  const from = dev.lines.length;
  const worker = await killAndAwaitRestart('worker');
  expect(worker).not.toBe(firstWorker);
  await dev.waitForLine(new RegExp(`^\\[dev\\] worker polling again \\(pid ${worker}\\)$`), 20_000, from);
  expect(isRunning(worker)).toBe(true);
  expect(await pollersOfTaskQueue()).toContain(workerIdentity(worker));

  const stopMs = await stopWith('SIGTERM');
  expect(stopMs).toBeLessThan(15_000);
}, 120_000);

test('scripts/dev.ts: Postgres, Temporal and the API killed under it come back; SIGINT to it alone stops it all', async () => {
  dev = DevProcess.start('node', env);
  await dev.waitForLine(/^\[dev\] ready:$/, 60_000);

  await killAndAwaitRestart('postgres');
  await waitFor(healthy, 'health 200 with Postgres back', 20_000);
  await killAndAwaitRestart('temporal');
  await waitFor(healthy, 'health 200 with Temporal back', 20_000);
  await killAndAwaitRestart('api');
  await waitFor(healthy, 'health 200 from the new API', 20_000);

  const stopMs = await stopWith('SIGINT');
  expect(stopMs).toBeLessThan(15_000);
}, 90_000);

test('a port already taken stops it before anything starts, naming the variable that moves it', async () => {
  const squatter = net.createServer();
  await new Promise<void>((resolve) => squatter.listen(ports.TEMPORAL_PORT, '127.0.0.1', resolve));
  try {
    dev = DevProcess.start('node', env);
    expect((await dev.exited).code).toBe(1);
    expect(dev.lines.join('\n')).toContain(`${ports.TEMPORAL_PORT} (Temporal; move it with TEMPORAL_PORT)`);
    expect(dev.lines.some((line) => /started \(pid/.test(line))).toBe(false);
  } finally {
    await new Promise((resolve) => squatter.close(resolve));
  }
}, 30_000);
