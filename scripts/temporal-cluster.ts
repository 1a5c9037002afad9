import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import Handlebars from 'handlebars';
import { Client } from 'pg';
import type { ChildSpec } from './dev/child';
import type { TemporalServer } from './provision-temporal';
import { registerSearchAttributes } from './search-attributes';
import { CASE_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';

/**
 * A Temporal cluster on Postgres persistence, as `npm run dev:cluster` runs it: the server
 * built from `go.temporal.io/server` (scripts/provision-temporal.ts), its two databases set up
 * and updated by temporal-sql-tool from the module's `schema/postgresql/v12`, and a config
 * rendered from the templates in scripts/temporal-cluster/.
 */

export interface ClusterPostgres {
  host: string;
  port: number;
  user: string;
  password: string;
  /** History, shards, task queues, namespaces. */
  database: string;
  /** Workflow lists and search attributes. */
  visibilityDatabase: string;
  maxConns: number;
  visibilityMaxConns: number;
}

export interface ClusterOptions {
  version: string;
  /** The address every service binds to and announces to the others. */
  host: string;
  /** The frontend's gRPC port (what TEMPORAL_ADDRESS names); the other services' ports follow it. */
  frontendPort: number;
  historyShards: number;
  historyCacheSize: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  postgres: ClusterPostgres;
  /** Where the rendered dynamic config lies (the static config names it). */
  dynamicConfigFile: string;
}

/**
 * The services' ports, laid out from the frontend's as Temporal's own defaults are from 7233
 * (history 7234, matching 7235, worker 7239, frontend HTTP 7243, membership 300 below each).
 */
export function clusterPorts(frontendPort: number) {
  const ports = {
    frontend: frontendPort,
    history: frontendPort + 1,
    matching: frontendPort + 2,
    worker: frontendPort + 6,
    frontendHttp: frontendPort + 10,
  };
  return {
    ...ports,
    frontendMembership: ports.frontend - 300,
    historyMembership: ports.history - 300,
    matchingMembership: ports.matching - 300,
    workerMembership: ports.worker - 300,
  };
}

export const CLUSTER_DEFAULTS = {
  host: '127.0.0.1',
  /** Enough for one county's cases on one history host; a province's sizing is in README. */
  historyShards: 4,
  historyCacheSize: 8192,
  logLevel: 'warn',
  maxConns: 20,
  visibilityMaxConns: 10,
} as const;

const TEMPLATES = path.join(__dirname, 'temporal-cluster');

function template(name: string): Handlebars.TemplateDelegate {
  return Handlebars.compile(fs.readFileSync(path.join(TEMPLATES, name), 'utf8'), {
    // Values are YAML scalars inside quotes or numbers: HTML escaping would change them.
    noEscape: true,
    strict: true,
  });
}

/** A value the YAML templates would put between double quotes unescaped. */
function assertYamlSafe(name: string, value: string): void {
  if (/["\\\n\r]/.test(value))
    throw new Error(`${name} may not contain a quote, a backslash or a line break`);
}

/** The server's static config (`<env>.yaml`) and its dynamic config, as text. */
export function renderClusterConfig(options: ClusterOptions): { config: string; dynamicConfig: string } {
  const { postgres } = options;
  for (const [name, value] of Object.entries({
    host: options.host,
    'postgres.host': postgres.host,
    'postgres.user': postgres.user,
    'postgres.password': postgres.password,
    'postgres.database': postgres.database,
    'postgres.visibilityDatabase': postgres.visibilityDatabase,
    dynamicConfigFile: options.dynamicConfigFile,
  }))
    assertYamlSafe(name, value);
  if (!Number.isInteger(options.historyShards) || options.historyShards < 1)
    throw new Error('historyShards must be a whole number ≥ 1');
  return {
    config: template('server.yaml.hbs')({ ...options, ports: clusterPorts(options.frontendPort) }),
    dynamicConfig: template('dynamic-config.yaml.hbs')(options),
  };
}

/** The config folder's name for the server's `--env`: it reads `<folder>/<env>.yaml`. */
const CONFIG_ENV = 'cluster';

/** Writes the rendered config into `configDir`; answers the server's command line to run it. */
export function writeClusterConfig(
  binary: string,
  configDir: string,
  options: Omit<ClusterOptions, 'dynamicConfigFile'>,
): Omit<ChildSpec, 'name'> {
  fs.mkdirSync(configDir, { recursive: true });
  const dynamicConfigFile = path.join(configDir, 'dynamic-config.yaml');
  const { config, dynamicConfig } = renderClusterConfig({ ...options, dynamicConfigFile });
  fs.writeFileSync(path.join(configDir, `${CONFIG_ENV}.yaml`), config, { mode: 0o600 });
  fs.writeFileSync(dynamicConfigFile, dynamicConfig);
  return {
    command: binary,
    // `--root` is joined with `--config`: an absolute folder is given as the root.
    args: ['--root', configDir, '--config', '.', '--env', CONFIG_ENV, '--allow-no-auth', 'start'],
    stopSignal: 'SIGTERM',
    stopTimeoutMs: 20_000,
  };
}

async function ensureDatabases(postgres: ClusterPostgres): Promise<void> {
  const client = new Client({
    host: postgres.host,
    port: postgres.port,
    user: postgres.user,
    password: postgres.password,
    database: 'postgres',
  });
  await client.connect();
  try {
    for (const name of [postgres.database, postgres.visibilityDatabase]) {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
    }
  } finally {
    await client.end();
  }
}

/**
 * Creates the two databases if missing and brings both schemas to the server's version with
 * temporal-sql-tool: `setup-schema -v 0.0` (only the version tables, kept when present) then
 * `update-schema` from the versioned folders, which applies what is missing and nothing else —
 * so a newer server's schema changes apply on its first start, and a restart changes nothing.
 */
export async function setUpClusterSchemas(
  tools: Pick<TemporalServer, 'sqlTool' | 'schemaDir'>,
  postgres: ClusterPostgres,
): Promise<void> {
  await ensureDatabases(postgres);
  const connection = [
    '--plugin',
    'postgres12',
    '--endpoint',
    postgres.host,
    '--port',
    String(postgres.port),
    '--user',
    postgres.user,
    '--password',
    postgres.password,
  ];
  for (const [database, folder] of [
    [postgres.database, 'temporal'],
    [postgres.visibilityDatabase, 'visibility'],
  ] as const) {
    const run = (args: string[]) =>
      execFileSync(tools.sqlTool, [...connection, '--database', database, ...args], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    run(['setup-schema', '-v', '0.0']);
    run(['update-schema', '-d', path.join(tools.schemaDir, folder, 'versioned')]);
  }
}

/** Asks `probe` until it succeeds, for at most `seconds`; the last failure is thrown. */
async function retrying<T>(seconds: number, probe: () => Promise<T>): Promise<T> {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/**
 * Registers the namespace (a dev server makes `default` itself; a cluster has none) and the
 * case search attributes, each only when missing, so every start of the stack may call it.
 * Answers once the services know the namespace (their cache of namespaces is refreshed every
 * 10 s): a worker polling an unknown namespace would fail.
 */
export async function ensureNamespace(
  connection: Connection,
  namespace: string,
  retentionDays: number,
): Promise<void> {
  const known = await connection.workflowService
    .describeNamespace({ namespace })
    .then(() => true)
    .catch((error: { code?: number }) => {
      // gRPC NOT_FOUND: not registered yet.
      if (error.code === 5) return false;
      throw error;
    });
  if (!known) {
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: msToTs(`${retentionDays} days`),
    });
  }
  await retrying(60, async () => {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
    const missing = CASE_SEARCH_ATTRIBUTES.filter((key) => !(key.name in (customAttributes ?? {})));
    if (missing.length > 0) await registerSearchAttributes(connection, namespace, missing);
  });
  await retrying(60, () => connection.workflowService.listWorkflowExecutions({ namespace, pageSize: 1 }));
}
