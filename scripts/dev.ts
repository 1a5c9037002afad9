import { randomBytes } from 'node:crypto';
import { Connection } from '@temporalio/client';
import fs from 'node:fs';
import path from 'node:path';
import { connectDatabase } from '../platform/database';
import { loadEnv, type Env } from '../platform/env';
import { seed, DEMO_PASSWORD } from '../prisma/seed/seed';
import { workerIdentity } from '../worker/identity';
import { assertPortsFree, type PortUse } from './dev/ports';
import { apiHealthy, TemporalProbe, waitUntil } from './dev/readiness';
import { startRoundRobinProxy } from './dev/round-robin-proxy';
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
import { ensureTemporalCli, ensureTemporalServer } from './provision-temporal';
import { searchAttributeFlags } from './search-attributes';
import { startSmtpCatcher } from './smtp-catcher';
import {
  CLUSTER_DEFAULTS,
  clusterPorts,
  ensureNamespace,
  setUpClusterSchemas,
  writeClusterConfig,
  type ClusterPostgres,
} from './temporal-cluster';

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
  const cluster = env.JIUZHU_TEMPORAL === 'cluster';
  return {
    postgres: !process.env.DATABASE_URL,
    temporal: !process.env.TEMPORAL_ADDRESS,
    /** The Temporal server on Postgres rather than the CLI's dev server. */
    cluster,
    mail: !process.env.SMTP_URL,
    temporalAddress: process.env.TEMPORAL_ADDRESS ? env.TEMPORAL_ADDRESS : `127.0.0.1:${env.TEMPORAL_PORT}`,
    /** In the cluster shape, two of each behind PORT (the API processes on PORT+1, PORT+2). */
    workers: cluster ? 2 : 1,
    apis: cluster ? 2 : 1,
  };
}

/** The API processes' own ports: PORT itself for one, else PORT+1… behind a proxy on PORT. */
function apiPorts(env: Env, count: number): number[] {
  return count === 1 ? [env.PORT] : Array.from({ length: count }, (_, i) => env.PORT + 1 + i);
}

function portsOf(env: Env, started: ReturnType<typeof plan>): PortUse[] {
  const loopback = (port: number, what: string, variable: string) => ({
    port,
    host: '127.0.0.1',
    what,
    variable,
  });
  const temporalPorts = () => {
    if (!started.cluster) {
      return [
        loopback(env.TEMPORAL_PORT, 'Temporal', 'TEMPORAL_PORT'),
        loopback(env.TEMPORAL_UI_PORT, 'the Temporal Web UI', 'TEMPORAL_UI_PORT'),
      ];
    }
    return Object.entries(clusterPorts(env.TEMPORAL_PORT)).map(([service, port]) =>
      loopback(port, `Temporal's ${service} port`, 'TEMPORAL_PORT'),
    );
  };
  return [
    { port: env.PORT, host: env.HOST, what: 'the API and console', variable: 'PORT' },
    ...(started.apis > 1
      ? apiPorts(env, started.apis).map((port) => ({
          port,
          host: env.HOST,
          what: 'an API process behind PORT',
          variable: 'PORT',
        }))
      : []),
    ...(started.postgres ? [loopback(env.JIUZHU_PG_PORT, 'Postgres', 'JIUZHU_PG_PORT')] : []),
    ...(started.temporal ? temporalPorts() : []),
    ...(started.mail ? [loopback(env.SMTP_CATCHER_PORT, 'the mail catcher', 'SMTP_CATCHER_PORT')] : []),
  ];
}

async function startPostgres(env: Env, dataDir: string, flags: string[]): Promise<string> {
  const folder = path.join(dataDir, 'postgres');
  say(`starting Postgres (data in ${folder}, port ${env.JIUZHU_PG_PORT})`);
  initCluster(folder);
  const postgres = new Supervised(
    {
      name: 'postgres',
      ...postgresCommand(folder, env.JIUZHU_PG_PORT, flags),
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

/** Where the cluster keeps its history: the databases `temporal` and `temporal_visibility` beside Jiuzhu's. */
function clusterPostgres(databaseUrl: string): ClusterPostgres {
  const url = new URL(databaseUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: 'temporal',
    visibilityDatabase: 'temporal_visibility',
    maxConns: CLUSTER_DEFAULTS.maxConns,
    visibilityMaxConns: CLUSTER_DEFAULTS.visibilityMaxConns,
  };
}

/**
 * `JIUZHU_TEMPORAL=cluster`: the Temporal server (built from go.temporal.io/server into the
 * cache) on Postgres, its schemas set up or updated by temporal-sql-tool before each start.
 */
async function startTemporalCluster(env: Env, dataDir: string, databaseUrl: string): Promise<void> {
  const tools = ensureTemporalServer(env.JIUZHU_CACHE_DIR);
  const postgres = clusterPostgres(databaseUrl);
  say(`setting up Temporal's schemas in ${postgres.database} and ${postgres.visibilityDatabase}`);
  await setUpClusterSchemas(tools, postgres);
  const configDir = path.join(dataDir, 'temporal-cluster');
  const command = writeClusterConfig(tools.server, configDir, {
    version: tools.version,
    host: CLUSTER_DEFAULTS.host,
    frontendPort: env.TEMPORAL_PORT,
    historyShards: env.JIUZHU_HISTORY_SHARDS,
    historyCacheSize: CLUSTER_DEFAULTS.historyCacheSize,
    logLevel: CLUSTER_DEFAULTS.logLevel,
    postgres,
  });
  say(`starting the Temporal server ${tools.version} on Postgres (config in ${configDir})`);
  stack.add(
    new Supervised(
      {
        name: 'temporal',
        ...command,
        // Its log is JSON lines; show what went wrong, not every warning of a starting cluster.
        shows: (line) => /"level":"(error|fatal|panic|dpanic)"/.test(line) || !line.startsWith('{'),
      },
      say,
    ),
  );
}

/** A Node process of this checkout (a worker, an API), supervised. */
function startNode(name: string, script: string, env: NodeJS.ProcessEnv): Supervised {
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

  // The cluster's services keep pools of their own (CLUSTER_DEFAULTS), beside two of each process.
  const postgresFlags = started.cluster ? ['-c', 'max_connections=300'] : [];
  const databaseUrl = started.postgres
    ? await startPostgres(env, dataDir, postgresFlags)
    : process.env.DATABASE_URL!;
  if (cancelled()) return;
  // Temporal starts while the migrations run.
  if (started.temporal && started.cluster) await startTemporalCluster(env, dataDir, databaseUrl);
  else if (started.temporal) startTemporal(env, dataDir);

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
  if (started.cluster) {
    const connection = await Connection.connect({ address: started.temporalAddress });
    try {
      await ensureNamespace(connection, env.TEMPORAL_NAMESPACE, 30);
    } finally {
      await connection.close();
    }
    say(`Temporal namespace ${env.TEMPORAL_NAMESPACE} and the case search attributes registered`);
  }

  const childEnv = {
    ...process.env,
    SESSION_SECRET: process.env.SESSION_SECRET ?? keptSessionSecret(dataDir),
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: started.temporalAddress,
    SMTP_URL: smtpUrl,
  };
  const polls = (pid: number) => () =>
    temporal.polledBy(env.TEMPORAL_NAMESPACE, env.TEMPORAL_TASK_QUEUE, workerIdentity(pid));
  const numbered = (name: string, i: number, count: number) => (count === 1 ? name : `${name} ${i + 1}`);
  const workers = Array.from({ length: started.workers }, (_, i) => {
    const name = numbered('worker', i, started.workers);
    const worker = startNode(name, 'worker/main.ts', childEnv);
    worker.onStarted(async (child, restarted) => {
      // Given up if this worker dies too before it polls: its successor is watched instead.
      const superseded = () => cancelled() || worker.pid !== child.pid;
      if (restarted && (await waitUntil(polls(child.pid), { everyMs: 500, cancelled: superseded })))
        say(`${name} polling again (pid ${child.pid})`);
    });
    return worker;
  });
  const ports = apiPorts(env, started.apis);
  ports.forEach((port, i) =>
    startNode(numbered('api', i, started.apis), 'api/main.ts', { ...childEnv, PORT: String(port) }),
  );
  if (started.apis > 1) {
    const proxy = await startRoundRobinProxy(
      { host: env.HOST, port: env.PORT },
      ports.map((port) => ({ host: env.HOST, port })),
    );
    stack.add({ name: 'proxy', stop: () => proxy.stop() });
  }

  // Ready means every worker takes tasks and the API answers (through the proxy) with every part up.
  const base = `http://${env.HOST}:${env.PORT}`;
  for (const worker of workers)
    if (!(await waitUntil(() => polls(worker.pid!)(), { everyMs: 500, cancelled }))) return;
  for (const port of ports)
    if (!(await waitUntil(() => apiHealthy(`http://${env.HOST}:${port}`), { everyMs: 500, cancelled })))
      return;
  if (!(await waitUntil(() => apiHealthy(base), { everyMs: 500, cancelled }))) return;
  say('ready:');
  say(`  Console          ${base}/  (sign in with a demo account)`);
  say(`  API              ${base}/api/health, docs ${base}/api/docs`);
  if (started.temporal && !started.cluster)
    say(`  Temporal Web UI  http://127.0.0.1:${env.TEMPORAL_UI_PORT}`);
  if (started.cluster) {
    say(
      `  Processes        ${started.workers} workers, ${started.apis} API processes on ports ${ports.join(', ')} behind ${env.PORT}`,
    );
    say(
      `  Temporal server  on Postgres (${started.temporal ? 'started here' : 'given'}), every service in one process`,
    );
  }
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
