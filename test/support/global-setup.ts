import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectDatabase } from '../../platform/database';
import { loadEnv } from '../../platform/env';
import { seed } from '../../prisma/seed/seed';
import { startEmbeddedPostgres } from '../../scripts/embedded-postgres';
import { applyMigrations } from '../../scripts/migrate';
import { ensureTemporalCli, ensureTestServer } from '../../scripts/provision-temporal';
import { bundleCaseWorkflows } from '../../worker/create-worker';
import { freePort } from './free-port';

export const TEMPLATE_DATABASE = 'jiuzhu_template';

/**
 * Once per `jest` run: the Temporal servers provisioned, a throw-away Postgres cluster with
 * a migrated and seeded template database (each test file copies it), and the workflow
 * code bundled once. Everything reaches the test files through environment variables.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const env = loadEnv();
  process.env.JIUZHU_TEST_SERVER = ensureTestServer(env.JIUZHU_CACHE_DIR);
  process.env.JIUZHU_TEMPORAL_CLI = ensureTemporalCli(env.JIUZHU_CACHE_DIR);

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiuzhu-test-'));
  // Postgres refuses to run as root; embedded-postgres runs it as user postgres, who must reach the folder.
  fs.chmodSync(workDir, 0o755);
  const port = await freePort();
  const postgres = await startEmbeddedPostgres({
    dataDir: path.join(workDir, 'postgres'),
    port,
    persistent: false,
    // Two test files at a time, each with its database pool, session store, workers and servers.
    flags: ['-c', 'max_connections=300'],
  });
  (globalThis as { __jiuzhuTest?: unknown }).__jiuzhuTest = { postgres, workDir };
  await postgres.createDatabase(TEMPLATE_DATABASE);
  const templateUrl = postgres.url(TEMPLATE_DATABASE);
  applyMigrations(templateUrl);
  const db = connectDatabase(templateUrl);
  await seed(db);
  await db.$disconnect();
  process.env.JIUZHU_TEST_PG_PORT = String(port);

  const bundle = await bundleCaseWorkflows();
  const bundlePath = path.join(workDir, 'workflow-bundle.js');
  fs.writeFileSync(bundlePath, bundle.code);
  process.env.JIUZHU_WORKFLOW_BUNDLE = bundlePath;
  process.stderr.write(
    `\n[test setup] servers, database and workflow bundle ready in ${Date.now() - started} ms\n`,
  );
}
