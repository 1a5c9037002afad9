import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { connectDatabase } from '../platform/database';
import { loadEnv } from '../platform/env';
import { seed, DEMO_PASSWORD } from '../prisma/seed/seed';
import { startEmbeddedPostgres } from './embedded-postgres';
import { applyMigrations } from './migrate';
import { ensureTemporalCli } from './provision-temporal';
import { searchAttributeFlags } from './search-attributes';
import { startSmtpCatcher } from './smtp-catcher';

const ROOT = path.resolve(__dirname, '..');

function say(message: string): void {
  process.stdout.write(`[dev] ${message}\n`);
}

const children: ChildProcess[] = [];

/** Starts a child in its own process group, so Ctrl-C reaches only this script, which stops them in order. */
function run(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .map((line) => `[${name}] ${line}\n`)
      .join('');
  child.stdout?.on('data', (chunk: Buffer) => process.stdout.write(prefix(chunk)));
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(prefix(chunk)));
  children.push(child);
  return child;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function waitForTemporal(address: string): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error(`Temporal server at ${address} did not answer within a minute`);
}

/**
 * `npm run dev`: everything on this machine's embedded defaults — Postgres, the Temporal
 * dev server with its Web UI, a mail catcher, the worker and the API. Ctrl-C stops it all;
 * the data folder keeps every case for the next start.
 */
async function main(): Promise<void> {
  const env = loadEnv();
  const dataDir = env.JIUZHU_DATA_DIR;
  fs.mkdirSync(dataDir, { recursive: true });
  const cleanups: (() => Promise<void>)[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    for (const cleanup of cleanups.reverse()) await cleanup().catch((e) => say(`cleanup failed: ${e}`));
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  // Should this process die without cleaning up, take the servers it started down with it.
  process.on('exit', () => children.forEach((child) => child.exitCode === null && child.kill('SIGKILL')));

  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    say(`starting embedded Postgres (data in ${path.join(dataDir, 'postgres')}, port ${env.JIUZHU_PG_PORT})`);
    const postgres = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'postgres'),
      port: env.JIUZHU_PG_PORT,
      persistent: true,
    });
    cleanups.push(() => postgres.stop());
    await postgres.createDatabase('jiuzhu');
    databaseUrl = postgres.url('jiuzhu');
  }
  say('applying migrations and seed data');
  applyMigrations(databaseUrl);
  const db = connectDatabase(databaseUrl);
  await seed(db);
  await db.$disconnect();

  const temporalAddress = env.TEMPORAL_ADDRESS;
  if (!process.env.TEMPORAL_ADDRESS) {
    const cli = ensureTemporalCli(env.JIUZHU_CACHE_DIR);
    const port = temporalAddress.split(':')[1] ?? '7233';
    say(`starting the Temporal dev server (${cli}, history in ${path.join(dataDir, 'temporal.sqlite')})`);
    const temporal = run(
      'temporal',
      cli,
      [
        'server',
        'start-dev',
        '--ip',
        '127.0.0.1',
        '--port',
        port,
        '--ui-port',
        String(env.TEMPORAL_UI_PORT),
        '--db-filename',
        path.join(dataDir, 'temporal.sqlite'),
        '--log-level',
        'warn',
        ...searchAttributeFlags(),
      ],
      process.env,
    );
    cleanups.push(() => stopChild(temporal));
  }
  await waitForTemporal(temporalAddress);

  let smtpUrl = process.env.SMTP_URL;
  if (!smtpUrl) {
    const catcher = await startSmtpCatcher(env.SMTP_CATCHER_PORT, path.join(dataDir, 'mail'));
    cleanups.push(() => catcher.stop());
    smtpUrl = `smtp://127.0.0.1:${env.SMTP_CATCHER_PORT}`;
  }

  const childEnv = {
    ...process.env,
    SESSION_SECRET: process.env.SESSION_SECRET ?? keptSessionSecret(dataDir),
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    SMTP_URL: smtpUrl,
  };
  const worker = run('worker', process.execPath, ['--import', 'tsx', 'worker/main.ts'], childEnv);
  const api = run('api', process.execPath, ['--import', 'tsx', 'api/main.ts'], childEnv);
  cleanups.push(
    () => stopChild(worker),
    () => stopChild(api),
  );
  for (const [name, child] of [
    ['worker', worker],
    ['api', api],
  ] as const) {
    child.once('exit', (code) => {
      if (!stopping) {
        say(`${name} exited (${code}); stopping everything`);
        void stopAll(1);
      }
    });
  }

  const base = `http://${env.HOST}:${env.PORT}`;
  say('ready:');
  say(`  Console          ${base}/  (sign in with a demo account)`);
  say(`  API              ${base}/api/health, docs ${base}/api/docs`);
  say(`  Temporal Web UI  http://127.0.0.1:${env.TEMPORAL_UI_PORT}`);
  say(`  Temporal         ${temporalAddress} (temporal workflow list --address ${temporalAddress})`);
  say(`  Postgres         ${databaseUrl.replace(/:[^:@/]+@/, ':***@')}`);
  say(`  Mail             ${smtpUrl} (caught mail in ${path.join(dataDir, 'mail')})`);
  say(`  Demo accounts    password ${DEMO_PASSWORD} — see README`);
  say('Ctrl-C stops everything; data stays in the data folder.');
}

/** The dev setup's session secret, made once and kept with the data, so sign-ins survive restarts. */
function keptSessionSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

main().catch((error) => {
  process.stderr.write(`[dev] failed: ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
