import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { connectDatabase } from '../platform/database';
import { DEMO_PASSWORD, seed } from '../prisma/seed/seed';
import { startEmbeddedPostgres } from '../scripts/embedded-postgres';
import { applyMigrations } from '../scripts/migrate';
import { freePort } from '../test/support/free-port';

/**
 * Two API processes behind one port, as a load balancer would run them: an embedded Postgres
 * (migrated, seeded), two `api/main.ts` processes on ports of their own, and a round-robin
 * proxy of a few lines in front of them. Sends failed sign-ins for one user through the one
 * port, then the right password, and a burst of correct requests for another user, and prints
 * which process answered each and how. `npm run bench:sign-in-shared`.
 */
const PROCESSES = 2;
const FAILURES = 14;
const BURST = 40;

const say = (line: string) => process.stderr.write(`[sign-in] ${line}\n`);
const out = (line = '') => process.stdout.write(`${line}\n`);

function startApi(port: number, databaseUrl: string, closedPort: number): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../api/main.ts')], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      SESSION_SECRET: 'bench-session-secret-of-at-least-32-chars',
      // Signing in needs only Postgres; Temporal is left unreachable.
      TEMPORAL_ADDRESS: `127.0.0.1:${closedPort}`,
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function answering(port: number): Promise<void> {
  for (let i = 0; i < 150; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      () => true,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the API on port ${port} never answered`);
}

/** Forwards each request to the next backend in turn and tells which one took it. */
function roundRobinProxy(backends: number[]) {
  let next = 0;
  const server = http.createServer((req, res) => {
    const index = next++ % backends.length;
    const upstream = http.request(
      { host: '127.0.0.1', port: backends[index], path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-backend': String(index) });
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  return server;
}

async function main(): Promise<void> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiuzhu-sign-in-'));
  fs.chmodSync(workDir, 0o755);
  const children: ChildProcess[] = [];
  const postgres = await startEmbeddedPostgres({
    dataDir: path.join(workDir, 'postgres'),
    port: await freePort(),
    persistent: false,
  });
  let proxy: http.Server | undefined;
  try {
    await postgres.createDatabase('jiuzhu_sign_in');
    const databaseUrl = postgres.url('jiuzhu_sign_in');
    applyMigrations(databaseUrl);
    const db = connectDatabase(databaseUrl);
    await seed(db);
    await db.$disconnect();

    const ports = await Promise.all(Array.from({ length: PROCESSES }, () => freePort()));
    const closedPort = await freePort();
    for (const port of ports) children.push(startApi(port, databaseUrl, closedPort));
    await Promise.all(ports.map(answering));
    proxy = roundRobinProxy(ports);
    const front = await freePort();
    await new Promise<void>((resolve) => proxy!.listen(front, '127.0.0.1', resolve));
    say(`${PROCESSES} API processes (pids ${children.map((c) => c.pid).join(', ')}) behind port ${front}`);

    const basic = (user: string, password: string) =>
      `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    const call = async (user: string, password: string) => {
      const res = await fetch(`http://127.0.0.1:${front}/api/referrals`, {
        headers: { authorization: basic(user, password) },
      });
      await res.arrayBuffer();
      return { status: res.status, backend: Number(res.headers.get('x-backend')) };
    };
    const name = (backend: number) => String.fromCharCode(65 + backend);

    out(
      `${PROCESSES} API processes, one Postgres, one port (round-robin proxy); GET /api/referrals with HTTP Basic`,
    );
    out();
    out(`wrong password for jiandu.zhou, ${FAILURES} times in a row:`);
    const failures = [];
    for (let i = 0; i < FAILURES; i++) failures.push(await call('jiandu.zhou', 'wrong'));
    out(`  ${failures.map((f, i) => `#${i + 1} ${name(f.backend)} ${f.status}`).join(', ')}`);
    const refusedAt = failures.findIndex((f) => f.status === 429);
    out(
      refusedAt < 0
        ? `  no 429 in ${FAILURES} attempts`
        : `  first 429 at attempt ${refusedAt + 1} (per-process counts would allow ${10 * PROCESSES})`,
    );
    const right = [];
    for (let i = 0; i < PROCESSES; i++) right.push(await call('jiandu.zhou', DEMO_PASSWORD));
    out(`then the right password: ${right.map((r) => `${name(r.backend)} ${r.status}`).join(', ')}`);
    out();
    const burst = await Promise.all(Array.from({ length: BURST }, () => call('xian.dali', DEMO_PASSWORD)));
    const byStatus = new Map<string, number>();
    for (const b of burst) {
      const key = `${name(b.backend)} ${b.status}`;
      byStatus.set(key, (byStatus.get(key) ?? 0) + 1);
    }
    out(
      `${BURST} correct requests of xian.dali at once, meanwhile: ${[...byStatus].map(([k, n]) => `${k}×${n}`).join(', ')}`,
    );
  } finally {
    proxy?.close();
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))),
    );
    await postgres.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    say(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
