import os from 'node:os';

/**
 * How a worker process names itself to Temporal: the SDK's own default, set explicitly because
 * `npm run dev` looks for the pollers of the worker it started by this name.
 */
export function workerIdentity(pid = process.pid): string {
  return `${pid}@${os.hostname()}`;
}
