import type { Express } from 'express';
import type { Store } from 'express-session';
import { createApp } from '../../api/app';
import { createSessionStore } from '../../api/console/sessions';
import { createLogger } from '../../platform/logger';
import { TEST_TASK_QUEUE } from './temporal';
import type { WorkflowHarness } from './workflow-harness';

export const TEST_SESSION_SECRET = 'test-session-secret-of-at-least-32-chars';

/** The whole HTTP app (API and console) on a file's harness, with its Postgres session store. */
export function useTestApp(harness: WorkflowHarness): { app: Express } {
  const holder = {} as { app: Express };
  let store: Store | undefined;
  beforeAll(() => {
    store = createSessionStore(harness.databaseUrl, { prune: false });
    holder.app = createApp({
      db: harness.db,
      temporal: harness.env.client,
      taskQueue: TEST_TASK_QUEUE,
      log: createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent'),
      sessions: { store, secret: TEST_SESSION_SECRET },
    });
  });
  afterAll(async () => {
    await (store as { close?: () => Promise<void> } | undefined)?.close?.();
  });
  return holder;
}
