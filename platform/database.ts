import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';

export type Database = PrismaClient;

/**
 * A Prisma client on a pg pool. The worker runs many activities at once, each a short
 * transaction; pg's default of 10 connections queued them behind each other.
 */
export function connectDatabase(databaseUrl: string, poolSize = 20): Database {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: poolSize }) });
}
