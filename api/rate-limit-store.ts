import { createHash } from 'node:crypto';
import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { Database } from '../platform/database';

/** Expired rows are deleted once in this many increments (by whichever process makes it). */
const PRUNE_EVERY = 100;

type Row = { hits: number; resetAt: Date };

/**
 * An express-rate-limit store in Postgres (table `RateLimit`), so every API process counts the
 * same hits: a fixed window per key that starts at its first hit, timed by the database's clock
 * so the processes need not agree on theirs. Keys are kept as SHA-256 hashes: any text may be a
 * key (a username with a NUL in it too), and the table holds no address or username.
 */
export class PostgresRateLimitStore implements Store {
  readonly localKeys = false;
  private windowMs = 60_000;
  private increments = 0;

  constructor(private readonly db: Database) {}

  init(options: Pick<Options, 'windowMs'>): void {
    this.windowMs = options.windowMs;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const [row] = await this.db.$queryRaw<Row[]>`
      SELECT hits, "resetAt" FROM "RateLimit" WHERE key = ${hashed(key)} AND "resetAt" > now()`;
    return row && { totalHits: row.hits, resetTime: row.resetAt };
  }

  /** One more hit, in one statement: a window that has run out starts again at 1. */
  async increment(key: string): Promise<ClientRateLimitInfo> {
    if (++this.increments % PRUNE_EVERY === 0) await this.pruneExpired();
    const [row] = await this.db.$queryRaw<Row[]>`
      INSERT INTO "RateLimit" (key, hits, "resetAt")
      VALUES (${hashed(key)}, 1, now() + make_interval(secs => ${this.windowMs / 1000}))
      ON CONFLICT (key) DO UPDATE SET
        hits = CASE WHEN "RateLimit"."resetAt" <= now() THEN 1 ELSE "RateLimit".hits + 1 END,
        "resetAt" = CASE WHEN "RateLimit"."resetAt" <= now() THEN EXCLUDED."resetAt" ELSE "RateLimit"."resetAt" END
      RETURNING hits, "resetAt"`;
    return { totalHits: row!.hits, resetTime: row!.resetAt };
  }

  async decrement(key: string): Promise<void> {
    await this.db.$executeRaw`
      UPDATE "RateLimit" SET hits = greatest(hits - 1, 0) WHERE key = ${hashed(key)} AND "resetAt" > now()`;
  }

  async resetKey(key: string): Promise<void> {
    await this.db.$executeRaw`DELETE FROM "RateLimit" WHERE key = ${hashed(key)}`;
  }

  private async pruneExpired(): Promise<void> {
    await this.db.$executeRaw`DELETE FROM "RateLimit" WHERE "resetAt" <= now()`;
  }
}

const hashed = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');
