import { Prisma } from '@prisma/client';
import { Client } from 'pg';
import type { Database } from '../platform/database';

/** The tables a supervisor's page must never read whole at a million cases. */
export const BIG_TABLES = ['Case', 'CaseEvent', 'Household', 'HouseholdMember', 'Referral'];

/**
 * Records the raw SQL a request runs (every figure and list of the supervision pages is one),
 * so each can be explained on its own afterwards. Prisma's model queries (the user's account,
 * unit names) are not recorded: they read a row by key.
 */
export function recordQueries(db: Database): { during<T>(run: () => Promise<T>): Promise<Prisma.Sql[]> } {
  let recording: Prisma.Sql[] | null = null;
  const queryRaw = db.$queryRaw.bind(db) as (
    query: TemplateStringsArray | Prisma.Sql,
    ...values: unknown[]
  ) => unknown;
  (db as unknown as { $queryRaw: typeof queryRaw }).$queryRaw = (query, ...values) => {
    const sql = Array.isArray(query)
      ? Prisma.sql(query as TemplateStringsArray, ...values)
      : (query as Prisma.Sql);
    recording?.push(sql);
    return queryRaw(sql);
  };
  return {
    async during(run) {
      recording = [];
      try {
        await run();
        return recording;
      } finally {
        recording = null;
      }
    },
  };
}

export interface Plan {
  text: string;
  /** Sequential scans of the big tables in the plan, by table. */
  bigSeqScans: string[];
  executionMs: number;
}

/** EXPLAIN (ANALYZE, BUFFERS) of one recorded statement, with its parameters. */
export async function explain(databaseUrl: string, sql: Prisma.Sql): Promise<Plan> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${sql.text}`,
      sql.values as unknown[],
    );
    const text = result.rows.map((r) => r['QUERY PLAN']).join('\n');
    const bigSeqScans = BIG_TABLES.filter((table) => text.includes(`Seq Scan on "${table}"`));
    const executionMs = Number(text.match(/Execution Time: ([\d.]+) ms/)?.[1] ?? NaN);
    return { text, bigSeqScans, executionMs };
  } finally {
    await client.end();
  }
}
