import { Client } from '@temporalio/client';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';

export interface CaseWorkerOptions extends Omit<ActivityDeps, 'temporal'> {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** How the worker names itself to Temporal (its pollers' identity); the SDK's `pid@host` otherwise. */
  identity?: string;
  /** A pre-built bundle (tests build one per run); otherwise workflows are bundled from source. */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

export const WORKFLOWS_PATH = require.resolve('../workflows');

export async function createCaseWorker(options: CaseWorkerOptions): Promise<Worker> {
  const { connection, namespace, taskQueue, identity, workflowBundle, ...deps } = options;
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    ...(identity ? { identity } : {}),
    activities: createActivities({ ...deps, temporal: new Client({ connection, namespace }) }),
    ...(workflowBundle ? { workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
  });
}
