import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** Every environment variable the processes read, with the embedded defaults of a dev machine. */
const envSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  TEMPORAL_ADDRESS: z.string().min(1).default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('jiuzhu-cases'),
  SMTP_URL: z.string().url().default('smtp://localhost:2525'),
  MAIL_FROM: z.string().min(3).default('救助系统 Jiuzhu <jiuzhu@localhost>'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PUBLIC_BASE_URL: z.string().url().optional(),
  /** Signs the console's session cookies; `npm run dev` keeps one in the data folder. */
  SESSION_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  JIUZHU_DATA_DIR: z.string().default(path.resolve(__dirname, '..', '.data')),
  JIUZHU_CACHE_DIR: z.string().default(path.join(os.homedir(), '.cache', 'jiuzhu')),
  JIUZHU_PG_PORT: z.coerce.number().int().min(1).max(65535).default(5433),
  /** Port of the Temporal dev server `npm run dev` starts when TEMPORAL_ADDRESS is not set. */
  TEMPORAL_PORT: z.coerce.number().int().min(1).max(65535).default(7233),
  TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
  SMTP_CATCHER_PORT: z.coerce.number().int().min(1).max(65535).default(2525),
  /**
   * What `npm run dev` starts as Temporal: the CLI's dev server (SQLite), or `cluster` — the
   * Temporal server on the stack's Postgres, with two workers and two API processes behind PORT.
   */
  JIUZHU_TEMPORAL: z.enum(['dev-server', 'cluster']).default('dev-server'),
  /** History shards of a new cluster (`JIUZHU_TEMPORAL=cluster`); fixed once its database exists. */
  JIUZHU_HISTORY_SHARDS: z.coerce.number().int().min(1).max(16384).default(4),
  /** A workflow bundle built ahead (bundleWorkflowCode); without one the worker bundles at start. */
  JIUZHU_WORKFLOW_BUNDLE: z.string().min(1).optional(),
  /** Workflows a case worker keeps cached between tasks (worker/create-worker.ts has the default and why). */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(2).max(100_000).optional(),
});

export type Env = z.infer<typeof envSchema>;

/** Parses the environment once; a bad value stops the process with the variable named. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  return parsed.data;
}

export function requireDatabaseUrl(env: Env): string {
  if (!env.DATABASE_URL) throw new Error('Invalid environment: DATABASE_URL is required for this process');
  return env.DATABASE_URL;
}
