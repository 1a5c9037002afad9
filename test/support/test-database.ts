import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { connectDatabase, type Database } from '../../platform/database';

const TEMPLATE_DATABASE = 'jiuzhu_template';

function url(database: string): string {
  const port = process.env.JIUZHU_TEST_PG_PORT;
  if (!port) throw new Error('JIUZHU_TEST_PG_PORT is not set: run the suites through jest (global setup)');
  return `postgresql://jiuzhu:jiuzhu@localhost:${port}/${database}`;
}

/** A fresh database for one test file, copied from the migrated and seeded template. */
export async function createTestDatabase(): Promise<{ db: Database; url: string }> {
  const name = `test_${randomUUID().replace(/-/g, '')}`;
  const admin = new Client({ connectionString: url('postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DATABASE}"`);
  } finally {
    await admin.end();
  }
  return { db: connectDatabase(url(name)), url: url(name) };
}
