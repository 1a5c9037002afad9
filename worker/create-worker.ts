import { Client } from '@temporalio/client';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import { DEFAULT_POOL_SIZE } from '../platform/database';

export interface CaseWorkerOptions extends Omit<ActivityDeps, 'temporal'> {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** How the worker names itself to Temporal (its pollers' identity); the SDK's `pid@host` otherwise. */
  identity?: string;
  /** A pre-built bundle (tests build one per run); otherwise workflows are bundled from source. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /**
   * Local activities run at once: each read-model write holds a pooled connection for its
   * transaction, so no more than the worker's pool has (platform/database.ts); the SDK's
   * default of 100 let the rest wait for a connection inside their 10 s timeout and retry.
   */
  localActivitySlots?: number;
}

export const WORKFLOWS_PATH = require.resolve('../workflows');

export async function createCaseWorker(options: CaseWorkerOptions): Promise<Worker> {
  const { connection, namespace, taskQueue, identity, workflowBundle, localActivitySlots, ...deps } = options;
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    ...(identity ? { identity } : {}),
    maxConcurrentLocalActivityExecutions: localActivitySlots ?? DEFAULT_POOL_SIZE,
    activities: createActivities({ ...deps, temporal: new Client({ connection, namespace }) }),
    ...(workflowBundle ? { workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
  });
}
