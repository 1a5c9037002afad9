import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { z } from 'zod';
import { localDateOf } from '../domain/working-days';
import { connectDatabase } from '../platform/database';
import { seed } from '../prisma/seed/seed';
import { applyMigrations } from '../scripts/migrate';
import { writeCareHomes } from './seed-data/care-homes';
import { buildCasePlan, dropCasePlan } from './seed-data/case-plan';
import { writeCases } from './seed-data/cases';
import { writeEvents } from './seed-data/events';
import { writeHouseholds } from './seed-data/households';
import { addBenchUnits } from './seed-data/org-tree';
import { writeReferrals } from './seed-data/referrals';
import { createSeedFunctions, dropSeedFunctions } from './seed-data/sql-functions';
import { recreateDatabase, supervisionPostgres, SUPERVISION_DATABASE } from './supervision-database';

/**
 * `npm run bench:seed -- --cases 1000000`: a county-scale data set for the supervision bench, in
 * its own database (`jiuzhu_supervision`, dropped and created again): the seeded prefecture with
 * about ten townships of ten villages per county, and N cases (default 1,000,000) with their
 * households, members, event logs, referrals and care-home places, written by bulk SQL
 * (INSERT … SELECT over generate_series), not through the workflows. Deterministic: the same N
 * gives the same data, dated from today.
 */
const argsSchema = z.strictObject({
  cases: z.coerce
    .number({ error: '--cases must be a number' })
    .int('--cases must be a whole number')
    .min(1, '--cases must be at least 1')
    .max(5_000_000, '--cases may be at most 5,000,000')
    .default(1_000_000),
});

function say(message: string): void {
  process.stderr.write(`[seed] ${message}\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { cases: { type: 'string' } }, strict: true });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
  const { cases } = parsed.data;
  const today = localDateOf(Date.now());

  const postgres = await supervisionPostgres();
  const started = performance.now();
  let last = started;
  const lap = (what: string) => {
    const now = performance.now();
    say(`${what} (${((now - last) / 1000).toFixed(1)} s)`);
    last = now;
  };
  try {
    await recreateDatabase(postgres.adminUrl);
    applyMigrations(postgres.url);
    const db = connectDatabase(postgres.url);
    await seed(db);
    await db.$disconnect();
    lap(`database ${SUPERVISION_DATABASE} created, migrated and seeded`);

    const client = new Client({ connectionString: postgres.url });
    await client.connect();
    try {
      await client.query(
        `SET synchronous_commit = off; SET work_mem = '256MB'; SET maintenance_work_mem = '1GB'`,
      );
      // Foreign keys and triggers off for the bulk load (a superuser's privilege): the rows are
      // consistent by construction, and the triggers' tables are rebuilt below.
      await client
        .query('SET session_replication_role = replica')
        .catch(() => say('not a superuser: loading with foreign-key checks on (slower)'));
      await createSeedFunctions(client);
      lap(`${await addBenchUnits(client)} townships and villages added to the org tree`);
      await buildCasePlan(client, cases, today);
      lap(`plan of ${cases.toLocaleString('en')} cases`);
      await writeHouseholds(client, today);
      lap('households and members');
      await writeCases(client, today);
      lap('cases');
      await writeEvents(client, today, (what) => lap(`events: ${what}`));
      await writeReferrals(client, today);
      lap('referrals');
      await writeCareHomes(client);
      lap('care homes and placements');
      await client.query('SET session_replication_role = DEFAULT').catch(() => undefined);
      await client.query('SELECT rebuild_supervision_tallies()');
      lap('dashboard tallies counted');
      await dropCasePlan(client);
      await dropSeedFunctions(client);
      // Index-only scans need the visibility map that VACUUM sets; the planner needs statistics.
      await client.query('VACUUM (ANALYZE)');
      lap('vacuumed and analysed');
      const counts = await client.query<{ table: string; rows: string }>(`
        SELECT 'Case' AS table, count(*)::text AS rows FROM "Case"
        UNION ALL SELECT 'CaseEvent', count(*)::text FROM "CaseEvent"
        UNION ALL SELECT 'Household', count(*)::text FROM "Household"
        UNION ALL SELECT 'HouseholdMember', count(*)::text FROM "HouseholdMember"
        UNION ALL SELECT 'Referral', count(*)::text FROM "Referral"
        UNION ALL SELECT 'CarePlacement', count(*)::text FROM "CarePlacement"
        UNION ALL SELECT 'OrgUnit (villages)', count(*)::text FROM "OrgUnit" WHERE level = 'VILLAGE'
        UNION ALL SELECT 'database size', pg_size_pretty(pg_database_size(current_database()))`);
      for (const { table, rows } of counts.rows) process.stdout.write(`${table.padEnd(20)} ${rows}\n`);
    } finally {
      await client.end();
    }
    process.stdout.write(
      `seeded ${cases.toLocaleString('en')} cases in ${((performance.now() - started) / 1000).toFixed(0)} s ` +
        `(as of ${today}) into ${SUPERVISION_DATABASE}\n`,
    );
  } finally {
    await postgres.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
