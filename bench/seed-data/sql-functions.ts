import type { Client } from 'pg';

/** GB 11643's weighted sum of the first 17 digits, spelled out (no subquery per member). */
const CHECK_SUM = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  .map((weight, k) => `substr(body, ${k + 1}, 1)::int * ${weight}`)
  .join(' + ');

/**
 * Helpers the bulk SQL calls, created in the bench database only (never by a migration):
 * a deterministic uniform number per row and salt, so a seed of N cases is the same data set
 * every time, and a GB 11643 ID number with its check digit from its first 17 digits.
 */
export async function createSeedFunctions(client: Client): Promise<void> {
  await client.query(`
    CREATE OR REPLACE FUNCTION bench_r(i bigint, salt bigint) RETURNS double precision
      IMMUTABLE PARALLEL SAFE LANGUAGE sql
      AS 'SELECT (hashint8extended(i, salt) & 2147483647)::double precision / 2147483648';

    CREATE OR REPLACE FUNCTION bench_id_number(body text) RETURNS text
      IMMUTABLE PARALLEL SAFE LANGUAGE sql
      AS $$SELECT body || substr('10X98765432', (${CHECK_SUM}) % 11 + 1, 1)$$;

    -- The end (23:59:59.999) of a local (UTC+8) date, as the read model stores instants (UTC).
    CREATE OR REPLACE FUNCTION bench_end_of(local_date date) RETURNS timestamp
      IMMUTABLE PARALLEL SAFE LANGUAGE sql
      AS $$SELECT local_date + time '23:59:59.999' - interval '8 hours'$$;
  `);
}

export async function dropSeedFunctions(client: Client): Promise<void> {
  await client.query(`
    DROP FUNCTION IF EXISTS bench_r(bigint, bigint);
    DROP FUNCTION IF EXISTS bench_id_number(text);
    DROP FUNCTION IF EXISTS bench_end_of(date);
  `);
}
