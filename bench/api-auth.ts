import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import bcrypt from 'bcryptjs';
import { MemoryStore } from 'express-session';
import { createApp } from '../api/app';
import { fileApplication } from '../api/case-intake';
import { createLogger } from '../platform/logger';
import { DEMO_PASSWORD } from '../prisma/seed/seed';
import { actorFor, dibaoApplication } from '../test/support/fixtures';
import { signIn } from './console-sign-in';
import { provisionWorld } from './world';

/**
 * The cost of signing requests in: one case read through the real HTTP app at a fixed rate
 * (autocannon, 20 connections, 200 requests/s), signed with the console's session cookie
 * (no password check: the floor) and with HTTP Basic (a password check per request), side
 * by side in one run, with what one bcrypt comparison costs on this machine. Prints figures;
 * `npm run bench:api-auth`.
 */
const RATE = 200;
const CONNECTIONS = 20;
const SECONDS = 15;

const out = (line = '') => process.stdout.write(`${line}\n`);

async function load(url: string, headers: Record<string, string>) {
  const result = await autocannon({
    url,
    headers,
    connections: CONNECTIONS,
    overallRate: RATE,
    duration: SECONDS,
  });
  const statuses = Object.entries(result.statusCodeStats ?? {})
    .map(([code, { count }]) => `${code}×${count}`)
    .join(' ');
  return { p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average, statuses };
}

async function main(): Promise<void> {
  const world = await provisionWorld();
  try {
    const app = createApp({
      db: world.db,
      temporal: world.env.client,
      taskQueue: world.caseTaskQueue,
      log: createLogger('bench', 'silent'),
      sessions: { store: new MemoryStore(), secret: 'bench-session-secret-of-at-least-32-chars' },
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const filer = await actorFor(world.db, 'cun.xizhou');
    const { caseId } = await fileApplication(world.db, filer, dibaoApplication(), undefined);
    const { caseNo } = await world.db.case.findUniqueOrThrow({ where: { id: caseId } });
    const url = `${base}/api/cases/${caseNo}`;

    const bcryptStart = performance.now();
    const hash = await bcrypt.hash(DEMO_PASSWORD, 10);
    for (let i = 0; i < 10; i++) await bcrypt.compare(DEMO_PASSWORD, hash);
    const bcryptMs = (performance.now() - bcryptStart) / 11;

    const session = await load(url, { cookie: await signIn(base, 'xian.dali') });
    const basic = await load(url, {
      authorization: `Basic ${Buffer.from(`xian.dali:${DEMO_PASSWORD}`).toString('base64')}`,
    });
    server.close();

    out(`GET /api/cases/:caseNo, ${CONNECTIONS} connections at ${RATE} requests/s for ${SECONDS} s`);
    out('| signed in with        | p50 ms | p99 ms | requests/s | answers |');
    out('| --------------------- | ------ | ------ | ---------- | ------- |');
    for (const [name, r] of [
      ['session cookie (floor)', session],
      ['HTTP Basic', basic],
    ] as const)
      out(`| ${name.padEnd(21)} | ${r.p50} | ${r.p99} | ${r.rps.toFixed(0)} | ${r.statuses} |`);
    out();
    out(
      `HTTP Basic / session: p50 ${(basic.p50 / Math.max(session.p50, 1)).toFixed(2)}×, p99 ${(basic.p99 / Math.max(session.p99, 1)).toFixed(2)}×`,
    );
    out(`one bcrypt comparison (cost 10) on this machine: ${bcryptMs.toFixed(1)} ms of one core`);
  } finally {
    await world.teardown();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
