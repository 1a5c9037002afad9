import type { Database } from '../../../platform/database';

/**
 * Tables written on purpose by a refused request, or by the processes beside the API: failed
 * sign-ins are counted, a refused access is recorded in the security log, workers beat; a
 * session is renewed by any request that carries it and mail is marked sent by the outbox
 * (their rows are counted, not compared).
 */
const SKIPPED = new Set(['_prisma_migrations', 'RateLimit', 'SecurityLogEntry', 'WorkerHeartbeat']);
const COUNTED_ONLY = new Set(['session', 'OutboundMail']);

const quoted = (table: string) => `"${table.replace(/"/g, '""')}"`;

/**
 * A fingerprint of every table: its row count and, where no one else writes, a hash of its rows.
 * Read in one statement, so it is one snapshot. Two equal fingerprints mean no row was added,
 * removed or changed in between.
 */
export async function rowSnapshotter(db: Database): Promise<() => Promise<Record<string, string>>> {
  const tables = (
    await db.$queryRaw<{ name: string }[]>`
      SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`
  )
    .map((t) => t.name)
    .filter((name) => !SKIPPED.has(name));
  const columns = tables.map((table) => {
    const hash = COUNTED_ONLY.has(table) ? '0' : 'coalesce(sum(hashtextextended(t::text, 0)), 0)';
    return `(SELECT count(*) || ':' || ${hash} FROM ${quoted(table)} t) AS ${quoted(table)}`;
  });
  const sql = `SELECT ${columns.join(', ')}`;
  return async () => {
    const [row] = await db.$queryRawUnsafe<Record<string, string>[]>(sql);
    return row!;
  };
}

/** The tables whose fingerprint differs, with both. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after })
    .filter((table) => before[table] !== after[table])
    .map((table) => `${table} ${before[table]} → ${after[table]}`);
}
