import { Client, type WorkflowResultType } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Workflow } from '@temporalio/workflow';
import { answered } from './answered';
import { waitFor } from './fixtures';

/**
 * Waits for a workflow's latest run to end and reads its result, without moving the
 * time-skipping server's clock. The test environment's own `result()` and `execute()` unlock
 * time skipping while they wait, and the server then runs every other workflow's timers on —
 * in one CI run 15 days, past the due dates a test went on to check. So the wait is on the
 * server's describe (bounded like the drivers' reads), and the result is read by a plain client
 * on the same connection.
 */
export async function completedOnHeldClock<W extends Workflow>(
  env: TestWorkflowEnvironment,
  workflowId: string,
): Promise<{ runId: string; result: WorkflowResultType<W> }> {
  const plain = new Client({ connection: env.connection, namespace: env.namespace ?? 'default' });
  const handle = plain.workflow.getHandle<W>(workflowId);
  const run = await waitFor(async () => {
    const d = await answered(env, handle, 'describe', () => handle.describe());
    return d.status.name !== 'RUNNING' && d;
  }, `${workflowId} to end`);
  // A run that failed or was terminated throws here, with its failure.
  return { runId: run.runId, result: await handle.result() };
}
