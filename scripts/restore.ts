import fs from 'node:fs';
import path from 'node:path';
import { loadEnv } from '../platform/env';
import { postgresUrl } from './postgres-server';
import { restoreReadModel, type BackupManifest } from './read-model-backup';

/**
 * `npm run restore -- <backup folder> [--database-url <url>]`: the read model into a new
 * database (the default: the dev stack's `jiuzhu` database, which must not exist yet — drop it
 * or point DATABASE_URL elsewhere), and Temporal's SQLite file back into the data folder (which
 * must not hold one). Run it with `npm run dev` stopped; start it again afterwards.
 */
const say = (line: string) => process.stdout.write(`[restore] ${line}\n`);

async function main(): Promise<void> {
  const env = loadEnv();
  const args = process.argv.slice(2);
  const at = args.indexOf('--database-url');
  const explicitUrl = at >= 0 ? args[at + 1] : undefined;
  const dir = args.find((a, i) => !a.startsWith('--') && i !== at + 1);
  if (!dir) throw new Error('usage: npm run restore -- <backup folder> [--database-url <url>]');
  const folder = path.resolve(dir);
  const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as BackupManifest;
  const sqlite = path.join(env.JIUZHU_DATA_DIR, 'temporal.sqlite');
  if (manifest.temporal?.length && fs.existsSync(sqlite))
    throw new Error(`${sqlite} exists: move it away first, so the restore overwrites no history`);

  const databaseUrl = explicitUrl ?? env.DATABASE_URL ?? postgresUrl(env.JIUZHU_PG_PORT, 'jiuzhu');
  say(`from ${folder} (made ${manifest.createdAt})`);
  await restoreReadModel(folder, databaseUrl, say);
  for (const file of manifest.temporal ?? []) {
    fs.mkdirSync(env.JIUZHU_DATA_DIR, { recursive: true });
    fs.copyFileSync(path.join(folder, file), path.join(env.JIUZHU_DATA_DIR, file));
  }
  if (manifest.temporal?.length) say(`Temporal: ${manifest.temporal.join(', ')} into ${env.JIUZHU_DATA_DIR}`);
  say('done');
}

main().catch((error: unknown) => {
  process.stderr.write(`[restore] failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
