import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { loadEnv } from '../platform/env';
import { postgresUrl } from './postgres-server';
import { backupReadModel } from './read-model-backup';

/**
 * `npm run backup [-- <folder>] [--require-pg-dump]`: the read model (Postgres) and, beside it,
 * Temporal's own persistence (the dev server's SQLite file), into one folder with a manifest.
 * Take it with `npm run dev` stopped: the two are then one consistent moment (a running
 * Temporal server may be copied mid-write; the script warns).
 */
const say = (line: string) => process.stdout.write(`[backup] ${line}\n`);

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function main(): Promise<void> {
  const env = loadEnv();
  const args = process.argv.slice(2);
  const requirePgDump = args.includes('--require-pg-dump');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dir = path.resolve(
    args.find((a) => !a.startsWith('--')) ?? path.join(env.JIUZHU_DATA_DIR, '..', 'backups', stamp),
  );
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) throw new Error(`${dir} is not empty`);
  fs.mkdirSync(dir, { recursive: true });
  const databaseUrl = env.DATABASE_URL ?? postgresUrl(env.JIUZHU_PG_PORT, 'jiuzhu');
  say(`into ${dir}`);
  const manifest = await backupReadModel(databaseUrl, dir, { requirePgDump, say });

  const sqlite = path.join(env.JIUZHU_DATA_DIR, 'temporal.sqlite');
  if (fs.existsSync(sqlite)) {
    if (await listening(env.TEMPORAL_PORT))
      say(
        `warning: something listens on Temporal's port ${env.TEMPORAL_PORT}: stop npm run dev for a consistent copy`,
      );
    manifest.temporal = [];
    for (const suffix of ['', '-wal', '-shm']) {
      if (!fs.existsSync(sqlite + suffix)) continue;
      fs.copyFileSync(sqlite + suffix, path.join(dir, `temporal.sqlite${suffix}`));
      manifest.temporal.push(`temporal.sqlite${suffix}`);
    }
    say(`Temporal: ${manifest.temporal.join(', ')} copied from ${env.JIUZHU_DATA_DIR}`);
  } else {
    say(`Temporal: no dev server history at ${sqlite} (a Temporal cluster backs up its own persistence)`);
  }
  fs.writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  say(
    `done: ${manifest.format}${manifest.tables ? `, ${manifest.tables.reduce((n, t) => n + t.rows, 0)} rows` : ''}`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`[backup] failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
