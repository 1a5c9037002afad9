import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { z } from 'zod';
import { approvePaymentRoll } from '../activities/funds';
import { buildRollChunk, finishRollBuild, openPaymentRoll, startRollBuild } from '../activities/payment-roll';
import { paymentRollWorkflowId } from '../domain/payment-roll';
import { connectDatabase, type Database } from '../platform/database';
import { COUNTIES } from '../prisma/seed/dali-units';
import { seed } from '../prisma/seed/seed';
import { applyMigrations } from '../scripts/migrate';
import { ROLL_CHUNK_HOUSEHOLDS } from '../workflows/payment-roll';
import { addBenchUnits } from './seed-data/org-tree';
import { createSeedFunctions } from './seed-data/sql-functions';
import { supervisionPostgres } from './supervision-database';

/**
 * `npm run bench:roll -- --households 100000`: the monthly payment roll 发放名册 of N enrolled
 * households across the 12 counties, in a database of its own (`jiuzhu_roll_bench`, dropped and
 * created again). Households, members, cases, bank accounts and one month's roster rows are
 * written by bulk SQL, not through workflows; 5 % of households also hold a temporary grant the
 * same month (a second line), 2 % have no account. Each county's roll is then built exactly as
 * the paymentRoll workflow builds it (the same activities, chunk by chunk), rebuilt once, and
 * approved against its budget. Prints the time of each phase and the process's peak memory.
 */
const BENCH_DATABASE = 'jiuzhu_roll_bench';
const MONTH = '2027-01';

const argsSchema = z.strictObject({
  households: z.coerce.number().int().min(12).max(1_000_000).default(100_000),
});

function say(message: string): void {
  process.stderr.write(`[bench:roll] ${message}\n`);
}

let peakRss = 0;
let peakHeap = 0;
function sample(): void {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}

async function seedRoster(client: Client, households: number): Promise<void> {
  await client.query(`SET synchronous_commit = off; SET work_mem = '128MB'`);
  await client
    .query('SET session_replication_role = replica')
    .catch(() => say('loading with foreign keys on'));
  await createSeedFunctions(client);
  say(`${await addBenchUnits(client)} townships and villages added`);
  // Villages numbered per county, so household i lands in county i % 12 and a village of it.
  await client.query(`
    CREATE TEMP TABLE bench_village AS
      SELECT v.id, v."parentId" AS township, t."parentId" AS county,
             row_number() OVER (PARTITION BY t."parentId" ORDER BY v.id) - 1 AS n,
             count(*) OVER (PARTITION BY t."parentId") AS of
      FROM "OrgUnit" v JOIN "OrgUnit" t ON t.id = v."parentId"
      WHERE v.level = 'VILLAGE' AND t.level = 'TOWNSHIP';
    CREATE TEMP TABLE bench_county AS
      SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM "OrgUnit" WHERE level = 'COUNTY';
    CREATE TEMP TABLE bench_household AS
      SELECT i, md5('h' || i)::uuid::text AS id, v.county, v.township, v.id AS village
      FROM generate_series(1, ${households}) AS i
      JOIN bench_county c ON c.n = i % 12
      JOIN bench_village v ON v.county = c.id AND v.n = (i / 12) % v.of;`);
  await client.query(`
    INSERT INTO "Household" (id, "countyId", "townshipId", "villageId", address)
      SELECT id, county, township, village, '测试地址' || i FROM bench_household;
    INSERT INTO "HouseholdMember" (id, "householdId", name, "idNumber", relation, "birthDate", sex, "labourCapacity", health)
      SELECT md5('m' || i)::uuid::text, id, '户主' || i, '5329' || lpad(i::text, 14, '0'), 'APPLICANT', '1960-01-01', 'M', 'NONE', 'HEALTHY'
      FROM bench_household;
    INSERT INTO "HouseholdBankAccount" ("householdId", "holderName", "bankName", "accountNo", "updatedAt")
      SELECT id, '户主' || i, '大理农村商业银行', '6230' || lpad(i::text, 15, '0'), now() FROM bench_household WHERE i % 50 <> 0;
    INSERT INTO "Case" (id, "caseNo", "programmeCode", "householdId", "countyId", "townshipId", "villageId", "applicantName", status, "workflowId", "updatedAt")
      SELECT md5('c' || i)::uuid::text, 'BENCH-' || i, (CASE WHEN i % 10 = 0 THEN 'TEKUN' ELSE 'DIBAO_RURAL' END)::"ProgrammeCode",
             id, county, township, village, '户主' || i, 'ENROLLED', 'bench-case-' || i, now()
      FROM bench_household;
    INSERT INTO "Case" (id, "caseNo", "programmeCode", "householdId", "countyId", "townshipId", "villageId", "applicantName", status, "workflowId", "updatedAt")
      SELECT md5('t' || i)::uuid::text, 'BENCH-T-' || i, 'TEMPORARY', id, county, township, village, '户主' || i, 'CLOSED', 'bench-temp-' || i, now()
      FROM bench_household WHERE i % 20 = 0;
    INSERT INTO "BenefitPayment" (id, "caseId", month, "amountYuan")
      SELECT md5('p' || c.id)::uuid::text, c.id, '${MONTH}', CASE WHEN c."programmeCode" = 'TEMPORARY' THEN 800 ELSE 400 + (c."householdId" < '8') :: int * 250 END
      FROM "Case" c WHERE c."caseNo" LIKE 'BENCH-%';
    INSERT INTO "FundBudgetLine" (id, "countyId", year, "programmeCode", source, "allocatedYuan", "updatedAt")
      SELECT md5(c.id || p.code)::uuid::text, c.id, 2027, p.code::"ProgrammeCode", 'HIGHER_TRANSFER', 1e9, now()
      FROM bench_county c CROSS JOIN (VALUES ('DIBAO_RURAL'), ('TEKUN'), ('TEMPORARY')) AS p(code);`);
  await client.query('ANALYZE');
}

async function buildAll(
  db: Database,
  rolls: Map<string, string>,
): Promise<{ lines: number; chunks: number }> {
  let lines = 0;
  let chunks = 0;
  for (const [countyId, rollId] of rolls) {
    await startRollBuild(db, { rollId });
    let after: string | null = null;
    for (;;) {
      const chunk: { lastHouseholdId: string | null; linesDone: number } = await buildRollChunk(db, {
        rollId,
        afterHouseholdId: after,
        households: ROLL_CHUNK_HOUSEHOLDS,
      });
      sample();
      chunks++;
      if (chunk.lastHouseholdId === null) break;
      after = chunk.lastHouseholdId;
    }
    const done = await finishRollBuild(db, { rollId, reviewDueAt: new Date().toISOString() });
    lines += done.linesDone;
    void countyId;
  }
  return { lines, chunks };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { households: { type: 'string' } }, strict: true });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
  const { households } = parsed.data;

  const postgres = await supervisionPostgres();
  const adminUrl = new URL(postgres.adminUrl);
  const url = new URL(postgres.adminUrl);
  url.pathname = `/${BENCH_DATABASE}`;
  const admin = new Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${BENCH_DATABASE}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${BENCH_DATABASE}"`);
  await admin.end();
  let db: Database | undefined;
  try {
    applyMigrations(url.toString());
    db = connectDatabase(url.toString());
    await seed(db);
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    let t = performance.now();
    try {
      await seedRoster(client, households);
    } finally {
      await client.end();
    }
    say(
      `${households.toLocaleString('en')} households seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );

    const rolls = new Map<string, string>();
    for (const county of COUNTIES) {
      const opened = await openPaymentRoll(db, {
        countyId: county.code,
        month: MONTH,
        workflowId: paymentRollWorkflowId(county.code, MONTH),
      });
      rolls.set(county.code, opened.rollId);
    }
    sample();
    t = performance.now();
    const built = await buildAll(db, rolls);
    const buildMs = performance.now() - t;
    t = performance.now();
    const rebuilt = await buildAll(db, rolls);
    const rebuildMs = performance.now() - t;
    const [dup] = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM (SELECT 1 FROM "PaymentRollLine"
        GROUP BY "rollId", "householdId", "programmeCode" HAVING count(*) > 1) x`;
    t = performance.now();
    for (const rollId of rolls.values())
      await approvePaymentRoll(db, { rollId, username: 'bench', fundSources: {} });
    const approveMs = performance.now() - t;
    sample();
    const figures = {
      households,
      counties: rolls.size,
      lines: built.lines,
      chunks: built.chunks,
      chunkHouseholds: ROLL_CHUNK_HOUSEHOLDS,
      buildSeconds: +(buildMs / 1000).toFixed(2),
      linesPerSecond: Math.round(built.lines / (buildMs / 1000)),
      rebuildSeconds: +(rebuildMs / 1000).toFixed(2),
      linesAfterRebuild: rebuilt.lines,
      duplicateLines: Number(dup?.n ?? 0),
      approveSeconds: +(approveMs / 1000).toFixed(2),
      peakRssMiB: Math.round(peakRss / 2 ** 20),
      peakHeapMiB: Math.round(peakHeap / 2 ** 20),
    };
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  } finally {
    await db?.$disconnect();
    await postgres.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
