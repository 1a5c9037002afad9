import path from 'node:path';
import { Client } from 'pg';
import { loadEnv } from '../platform/env';
import { startEmbeddedPostgres } from '../scripts/embedded-postgres';

/** The supervision bench's own database: dev data in `jiuzhu` is never touched. */
export const SUPERVISION_DATABASE = 'jiuzhu_supervision';

export interface SupervisionPostgres {
  /** The bench database's URL. */
  url: string;
  /** A URL of the same server's maintenance database, to create and drop the bench's. */
  adminUrl: string;
  /** Stops the server if this process started it. */
  stop(): Promise<void>;
}

function say(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Another database on the server a URL names. */
function onServer(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The Postgres the supervision bench runs on: the server of `DATABASE_URL` when set, else the
 * embedded dev cluster of `JIUZHU_DATA_DIR` on `JIUZHU_PG_PORT` — used as it runs when
 * `npm run dev` has it up, started (and stopped again) otherwise. Either way the bench's own
 * database, `jiuzhu_supervision`.
 */
export async function supervisionPostgres(): Promise<SupervisionPostgres> {
  const env = loadEnv();
  if (env.DATABASE_URL) {
    return {
      url: onServer(env.DATABASE_URL, SUPERVISION_DATABASE),
      adminUrl: onServer(env.DATABASE_URL, 'postgres'),
      stop: async () => undefined,
    };
  }
  const running = `postgresql://jiuzhu:jiuzhu@localhost:${env.JIUZHU_PG_PORT}/postgres`;
  if (await answers(running)) {
    say(`using the embedded Postgres already running on port ${env.JIUZHU_PG_PORT}`);
    return {
      url: onServer(running, SUPERVISION_DATABASE),
      adminUrl: running,
      stop: async () => undefined,
    };
  }
  const dataDir = path.join(env.JIUZHU_DATA_DIR, 'postgres');
  say(`starting the embedded Postgres (data in ${dataDir}, port ${env.JIUZHU_PG_PORT})`);
  const postgres = await startEmbeddedPostgres({
    dataDir,
    port: env.JIUZHU_PG_PORT,
    persistent: true,
    // Room for a million cases' bulk load; the same settings for the measurements after it.
    flags: ['-c', 'shared_buffers=1GB', '-c', 'max_wal_size=8GB', '-c', 'work_mem=32MB'],
  });
  return {
    url: postgres.url(SUPERVISION_DATABASE),
    adminUrl: postgres.url('postgres'),
    stop: () => postgres.stop(),
  };
}

/** Drops and creates the bench database: a seed starts from nothing. */
export async function recreateDatabase(adminUrl: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${SUPERVISION_DATABASE}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${SUPERVISION_DATABASE}"`);
  } finally {
    await admin.end();
  }
}
