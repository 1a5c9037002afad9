import { Client } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';

export interface CaseWorkerOptions extends Omit<ActivityDeps, 'temporal'> {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** How the worker names itself to Temporal (its pollers' identity); the SDK's `pid@host` otherwise. */
  identity?: string;
  /** A pre-built bundle (tests build one per run); otherwise workflows are bundled from source. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Workflows kept in the worker's cache (`WORKER_MAX_CACHED_WORKFLOWS`); DEFAULT_MAX_CACHED_WORKFLOWS otherwise. */
  maxCachedWorkflows?: number;
}

/**
 * Workflows a case worker keeps in memory between their tasks. The SDK's default is sized by
 * the heap limit at about 1.7 MiB a workflow (some 2,300 in a 4 GiB heap), but each workflow
 * evaluated the bundle's modules for itself and 1,000 enrolments grew the worker by 2.4 GiB,
 * and a recertification storm of 10,000 ran the workflow thread out of heap (bench/storm.ts,
 * README). Since the domain's schemas are built on first use and the libraries are shared
 * (SHARED_WORKFLOW_MODULES) the same 1,000 grow it by 0.6 GiB, and with this cap a storm of
 * 100,000 peaked at 2.3 GiB with no review waiting behind the others; a larger cap has shown
 * no gain yet. A workflow evicted from the cache is replayed from its (short) history when its
 * next task comes.
 */
export const DEFAULT_MAX_CACHED_WORKFLOWS = 500;

const WORKFLOWS_PATH = require.resolve('../workflows');

/** Evaluated once in the workflows' reusable V8 context and shared by every workflow (see the module). */
const SHARED_WORKFLOW_MODULES = [require.resolve('../workflows/shared-libraries')];

/**
 * The case workflows bundled ahead of the workers that run them (tests, bench:chaos), as a worker
 * bundles them. Only the bundler's warnings and errors are shown, on stderr.
 */
export function bundleCaseWorkflows(): ReturnType<typeof bundleWorkflowCode> {
  const show = (message: string) => process.stderr.write(`[bundle] ${message}\n`);
  const hide = () => undefined;
  return bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    preloadModules: SHARED_WORKFLOW_MODULES,
    logger: { log: hide, trace: hide, debug: hide, info: hide, warn: show, error: show },
  });
}

export async function createCaseWorker(options: CaseWorkerOptions): Promise<Worker> {
  const { connection, namespace, taskQueue, identity, workflowBundle, maxCachedWorkflows, ...deps } = options;
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    maxCachedWorkflows: maxCachedWorkflows ?? DEFAULT_MAX_CACHED_WORKFLOWS,
    ...(identity ? { identity } : {}),
    activities: createActivities({ ...deps, temporal: new Client({ connection, namespace }) }),
    ...(workflowBundle
      ? { workflowBundle }
      : { workflowsPath: WORKFLOWS_PATH, bundlerOptions: { preloadModules: SHARED_WORKFLOW_MODULES } }),
  });
}
