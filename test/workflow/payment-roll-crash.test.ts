import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Client } from 'pg';
import { paymentRollWorkflowId } from '../../domain/payment-roll';
import type { Database } from '../../platform/database';
import { paymentRoll } from '../../workflows/payment-roll';
import { waitFor } from '../support/fixtures';
import { DALI } from '../support/roll-fixtures';
import { SmtpInbox } from '../support/smtp-inbox';
import { startDevServer } from '../support/temporal';
import { createTestDatabase } from '../support/test-database';

// A worker process killed (SIGKILL) while a roll builds: the next worker finishes it, no line twice.

const QUEUE = 'jiuzhu-roll-crash';
const ROOT = path.resolve(__dirname, '..', '..');
const MONTH = '2027-06';
const HOUSEHOLDS = 4000;
let env: TestWorkflowEnvironment;
let db: Database;
let databaseUrl: string;
let inbox: SmtpInbox;
let worker: ChildProcess | undefined;

function startWorkerProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/worker-process.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: env.address,
      DATABASE_URL: databaseUrl,
      SMTP_URL: inbox.url,
      TEMPORAL_TASK_QUEUE: QUEUE,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`worker process exited early (${code})`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('worker running')) resolve(child);
    });
  });
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** Households of one member, each paid this month in a village of 大理市, by bulk SQL. */
async function seedRoster(): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`
      CREATE TEMP TABLE v AS SELECT id, "parentId" AS township, row_number() OVER (ORDER BY id) - 1 AS n,
        count(*) OVER () AS of FROM "OrgUnit"
        WHERE level = 'VILLAGE' AND "parentId" IN (SELECT id FROM "OrgUnit" WHERE "parentId" = '${DALI}');
      CREATE TEMP TABLE h AS SELECT i, md5('h' || i)::uuid::text AS id, v.township, v.id AS village
        FROM generate_series(1, ${HOUSEHOLDS}) i JOIN v ON v.n = i % v.of;
      INSERT INTO "Household" (id, "countyId", "townshipId", "villageId", address)
        SELECT id, '${DALI}', township, village, '地址' || i FROM h;
      INSERT INTO "HouseholdMember" (id, "householdId", name, "idNumber", relation, "birthDate", sex, "labourCapacity", health)
        SELECT md5('m' || i)::uuid::text, id, '户主' || i, '5329' || lpad(i::text, 14, '0'), 'APPLICANT', '1960-01-01', 'M', 'NONE', 'HEALTHY' FROM h;
      INSERT INTO "Case" (id, "caseNo", "programmeCode", "householdId", "countyId", "townshipId", "villageId", "applicantName", status, "workflowId", "updatedAt")
        SELECT md5('c' || i)::uuid::text, 'CRASH-' || i, 'DIBAO_RURAL', id, '${DALI}', township, village, '户主' || i, 'ENROLLED', 'crash-' || i, now() FROM h;
      INSERT INTO "BenefitPayment" (id, "caseId", month, "amountYuan")
        SELECT md5('p' || i)::uuid::text, md5('c' || i)::uuid::text, '${MONTH}', 500 FROM h;`);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  env = await startDevServer();
  ({ db, url: databaseUrl } = await createTestDatabase());
  inbox = await SmtpInbox.start();
  await seedRoster();
}, 120_000);

afterAll(async () => {
  if (worker) await kill(worker);
  await db?.$disconnect();
  await inbox?.stop();
  await env?.teardown();
});

test('a worker killed mid-build leaves no duplicate line: the roll finishes with every household once', async () => {
  worker = await startWorkerProcess();
  const county = await db.orgUnit.findUniqueOrThrow({ where: { id: DALI } });
  await env.client.workflow.start(paymentRoll, {
    workflowId: paymentRollWorkflowId(DALI, MONTH),
    taskQueue: QUEUE,
    args: [{ countyId: DALI, countyPath: county.path, month: MONTH }],
  });
  // Killed once some chunks are written and before the last.
  const midway = await waitFor(
    async () => {
      const roll = await db.paymentRoll.findFirst({ where: { countyId: DALI, month: MONTH } });
      return roll && roll.linesDone > 0 && roll;
    },
    'a chunk written',
    120_000,
  );
  await kill(worker);
  const atKill = await db.paymentRoll.findUniqueOrThrow({ where: { id: midway.id } });
  expect(atKill.status).toBe('BUILDING');
  expect(atKill.linesDone).toBeLessThan(HOUSEHOLDS);

  worker = await startWorkerProcess();
  const done = await waitFor(
    async () => {
      const roll = await db.paymentRoll.findUniqueOrThrow({ where: { id: midway.id } });
      return roll.status === 'REVIEW' && roll;
    },
    'the roll built by the next worker',
    180_000,
  );
  expect({ lines: done.linesTotal, total: Number(done.totalYuan) }).toEqual({
    lines: HOUSEHOLDS,
    total: HOUSEHOLDS * 500,
  });
  expect(await db.paymentRollLine.count({ where: { rollId: done.id } })).toBe(HOUSEHOLDS);
  const paidOnce = await db.benefitPayment.count({ where: { month: MONTH, rollLineId: { not: null } } });
  expect(paidOnce).toBe(HOUSEHOLDS);
}, 400_000);
