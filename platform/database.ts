import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';
import { oneQueryAtATime } from './one-query-at-a-time';

export type Database = PrismaClient;

/**
 * A Prisma client on a pg pool. The worker runs many activities at once, each a short
 * transaction; pg's default of 10 connections queued them behind each other. With
 * `connectTimeoutMs`, a connection not had by then (a new one, or a free one of a full pool)
 * fails the query instead of waiting.
 */
export function connectDatabase(
  databaseUrl: string,
  { poolSize = 20, connectTimeoutMs }: { poolSize?: number; connectTimeoutMs?: number } = {},
): Database {
  return new PrismaClient({
    // Prisma's defaults (2 s for a connection, 5 s in all) fail a burst of short transactions
    // that only queue for the pool; these still end within the API's 10 s request deadline.
    transactionOptions: { maxWait: 5_000, timeout: 10_000 },
    adapter: oneQueryAtATime(
      new PrismaPg({
        connectionString: databaseUrl,
        max: poolSize,
        ...(connectTimeoutMs ? { connectionTimeoutMillis: connectTimeoutMs } : {}),
      }),
    ),
  });
}
