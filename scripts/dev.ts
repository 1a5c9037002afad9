import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { connectDatabase } from '../platform/database';
import { loadEnv, type Env } from '../platform/env';
import { seed, DEMO_PASSWORD } from '../prisma/seed/seed';
import { workerIdentity } from '../worker/identity';
import { assertPortsFree, type PortUse } from './dev/ports';
import { apiHealthy, TemporalProbe, waitUntil } from './dev/readiness';
import { Stack } from './dev/stack';
import { Supervised } from './dev/supervisor';
import { applyMigrations, migrationsApplied } from './migrate';
import {
  ensureDatabase,
  initCluster,
  postgresAnswers,
  postgresCommand,
  postgresUrl,
} from './postgres-server';
import { ensureTemporalCli } from './provision-temporal';
import { searchAttributeFlags } from './search-attributes';
import { startSmtpCatcher } from './smtp-catcher';

function say(message: string): void {
  process.stdout.write(`[dev] ${message}\n`);
}

const stack = new Stack(say);
const cancelled = () => stack.isStopping;

/** Stops every part in order and exits; a second signal while stopping changes nothing. */
async function stopAll(code: number): Promise<never> {
  if (!stack.isStopping) {
    const started = Date.now();
    say('stopping…');
    await stack.stop();
    say(`stopped everything in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return process.exit(code);
}

/** What this run starts itself, and where; a part the environment points elsewhere is not started. */
function plan(env: Env) {
  return {
    postgres: !process.env.DATABASE_URL,
    temporal: !process.env.TEMPORAL_ADDRESS,
    mail: !process.env.SMTP_URL,
    temporalAddress: process.env.TEMPORAL_ADDRESS ? env.TEMPORAL_ADDRESS : `127.0.0.1:${env.TEMPORAL_PORT}`,
  };
}

function portsOf(env: Env, started: ReturnType<typeof plan>): PortUse[] {
  const loopback = (port: number, what: string, variable: string) => ({
    port,
    host: '127.0.0.1',
    what,
    variable,
  });
  return [
    { port: env.PORT, host: env.HOST, what: 'the API and console', variable: 'PORT' },
    ...(started.postgres ? [loopback(env.JIUZHU_PG_PORT, 'Postgres', 'JIUZHU_PG_PORT')] : []),
    ...(started.temporal
      ? [
          loopback(env.TEMPORAL_PORT, 'Temporal', 'TEMPORAL_PORT'),
          loopback(env.TEMPORAL_UI_PORT, 'the Temporal Web UI', 'TEMPORAL_UI_PORT'),
        ]
      : []),
    ...(started.mail ? [loopback(env.SMTP_CATCHER_PORT, 'the mail catcher', 'SMTP_CATCHER_PORT')] : []),
  ];
}

async function startPostgres(env: Env, dataDir: string): Promise<string> {
  const folder = path.join(dataDir, 'postgres');
  say(`starting Postgres (data in ${folder}, port ${env.JIUZHU_PG_PORT})`);
  initCluster(folder);
  const postgres = new Supervised(
    {
      name: 'postgres',
      ...postgresCommand(folder, env.JIUZHU_PG_PORT),
      // Its log says every start, checkpoint and connection; show only why it would not run.
      shows: (line) =>
        /\b(FATAL|PANIC):/.test(line) && !/the database system is (starting up|shutting down)/.test(line),
    },
    say,
  );
  stack.add(postgres);
  if (!(await waitUntil(() => postgresAnswers(env.JIUZHU_PG_PORT), { cancelled }))) return '';
  await ensureDatabase(env.JIUZHU_PG_PORT, 'jiuzhu');
  return postgresUrl(env.JIUZHU_PG_PORT, 'jiuzhu');
}

function startTemporal(env: Env, dataDir: string): void {
  const cli = ensureTemporalCli(env.JIUZHU_CACHE_DIR);
  const history = path.join(dataDir, 'temporal.sqlite');
  say(`starting the Temporal dev server (${cli}, history in ${history})`);
  const temporal = new Supervised(
    {
      name: 'temporal',
      command: cli,
      args: [
        'server',
        'start-dev',
        '--ip',
        '127.0.0.1',
        '--port',
        String(env.TEMPORAL_PORT),
        '--ui-port',
        String(env.TEMPORAL_UI_PORT),
        '--db-filename',
        history,
        '--log-level',
        'warn',
        ...searchAttributeFlags(),
      ],
    },
    say,
  );
  stack.add(temporal);
}

/** A Node process of this checkout (the worker, the API), supervised. */
function startNode(name: 'worker' | 'api', script: string, env: NodeJS.ProcessEnv): Supervised {
  const part = new Supervised(
    { name, command: process.execPath, args: ['--import', 'tsx', script], env },
    say,
  );
  stack.add(part);
  return part;
}

/**
 * `npm run dev`: everything on this machine's embedded defaults — Postgres, the Temporal dev
 * server with its Web UI, a mail catcher, the worker and the API — each child restarted when it
 * dies. SIGINT (Ctrl-C) or SIGTERM to this process, or to the npm that runs it, stops them in
 * order (API, worker, Temporal, mail catcher, Postgres) and exits; the data folder keeps every
 * case for the next start.
 */
async function main(): Promise<void> {
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  const env = loadEnv();
  const dataDir = path.resolve(env.JIUZHU_DATA_DIR);
  fs.mkdirSync(dataDir, { recursive: true });
  const started = plan(env);
  await assertPortsFree(portsOf(env, started));

  const databaseUrl = started.postgres ? await startPostgres(env, dataDir) : process.env.DATABASE_URL!;
  if (cancelled()) return;
  // Temporal starts while the migrations run.
  if (started.temporal) startTemporal(env, dataDir);

  if (await migrationsApplied(databaseUrl)) say('migrations up to date; applying seed data');
  else {
    say('applying migrations and seed data');
    applyMigrations(databaseUrl);
  }
  const db = connectDatabase(databaseUrl);
  await seed(db);
  await db.$disconnect();

  let smtpUrl = process.env.SMTP_URL;
  if (started.mail) {
    const catcher = await startSmtpCatcher(env.SMTP_CATCHER_PORT, path.join(dataDir, 'mail'));
    stack.add({ name: 'mail catcher', stop: () => catcher.stop() });
    smtpUrl = `smtp://127.0.0.1:${env.SMTP_CATCHER_PORT}`;
  }

  const temporal = new TemporalProbe(started.temporalAddress);
  if (!(await waitUntil(() => temporal.answers(), { everyMs: 500, cancelled }))) return;

  const childEnv = {
    ...process.env,
    SESSION_SECRET: process.env.SESSION_SECRET ?? keptSessionSecret(dataDir),
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: started.temporalAddress,
    SMTP_URL: smtpUrl,
  };
  const polls = (pid: number) => () =>
    temporal.polledBy(env.TEMPORAL_NAMESPACE, env.TEMPORAL_TASK_QUEUE, workerIdentity(pid));
  const worker = startNode('worker', 'worker/main.ts', childEnv);
  worker.onStarted(async (child, restarted) => {
    // Given up if this worker dies too before it polls: its successor is watched instead.
    const superseded = () => cancelled() || worker.pid !== child.pid;
    if (restarted && (await waitUntil(polls(child.pid), { everyMs: 500, cancelled: superseded })))
      say(`worker polling again (pid ${child.pid})`);
  });
  startNode('api', 'api/main.ts', childEnv);

  // Ready means the worker takes tasks and the API answers with every part up.
  const base = `http://${env.HOST}:${env.PORT}`;
  if (!(await waitUntil(() => polls(worker.pid!)(), { everyMs: 500, cancelled }))) return;
  if (!(await waitUntil(() => apiHealthy(base), { everyMs: 500, cancelled }))) return;
  say('ready:');
  say(`  Console          ${base}/  (sign in with a demo account)`);
  say(`  API              ${base}/api/health, docs ${base}/api/docs`);
  if (started.temporal) say(`  Temporal Web UI  http://127.0.0.1:${env.TEMPORAL_UI_PORT}`);
  say(
    `  Temporal         ${started.temporalAddress} (temporal workflow list --address ${started.temporalAddress})`,
  );
  say(`  Postgres         ${databaseUrl.replace(/:[^:@/]+@/, ':***@')}`);
  say(`  Mail             ${smtpUrl} (caught mail in ${path.join(dataDir, 'mail')})`);
  say(`  Demo accounts    password ${DEMO_PASSWORD} — see README`);
  say('Ctrl-C or SIGTERM stops everything; a part that dies is restarted; data stays in the data folder.');
}

/** The dev setup's session secret, made once and kept with the data, so sign-ins survive restarts. */
function keptSessionSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

main().catch((error) => {
  if (stack.isStopping) return;
  process.stderr.write(`[dev] failed: ${error instanceof Error ? error.stack : error}\n`);
  void stopAll(1);
});
