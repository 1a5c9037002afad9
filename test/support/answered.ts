import { isGrpcServiceError, type WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { unendedTasks } from './time-locks';

const { WorkflowExecutionStatus } = temporal.api.enums.v1;
/** gRPC's status code for a call whose deadline passed. */
const DEADLINE_EXCEEDED = 4;

/** A query or describe answers in well under a second; this long only when something is stuck. */
const CALL_WITHIN_MS = 20_000;
/** Moving the clock runs every timer and activity due meanwhile (a year of payments). */
const SLEEP_WITHIN_MS = 45_000;

/**
 * A read of a workflow (query, describe) with a deadline, tried once more when it passes. The
 * time-skipping server has been seen, under a full suite's load, to leave a call unanswered
 * for good, which jest reported only as a test over its 120 s. A call that recovers on the
 * second try is reported on stderr with what the workflow was doing; one that does not fails
 * with it, so the next time it happens the log says where.
 */
export async function answered<T>(
  env: TestWorkflowEnvironment,
  handle: WorkflowHandle,
  what: string,
  read: () => Promise<T>,
): Promise<T> {
  const first = await withinDeadline(env, read);
  if (first.answered) return first.value;
  const diagnosis = await diagnose(env, handle);
  const second = await withinDeadline(env, read);
  const message = `${what} on ${handle.workflowId} had no answer within ${CALL_WITHIN_MS / 1000} s`;
  if (second.answered) {
    process.stderr.write(`[answered] ${message}, then answered when asked again. ${diagnosis}\n`);
    return second.value;
  }
  throw new Error(`${message}, twice. ${diagnosis}`);
}

/**
 * Moves the test server's clock, failing with the workflow's state when the move does not end:
 * a time-skipping lock that is never released (a task the server lost) keeps its clock still.
 * Not retried: a second sleep would move the clock further than the test asked.
 */
export async function clockMoved(
  env: TestWorkflowEnvironment,
  handle: WorkflowHandle,
  ms: number,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<'stuck'>((resolve) => {
    timer = setTimeout(() => resolve('stuck'), SLEEP_WITHIN_MS);
  });
  try {
    if ((await Promise.race([env.sleep(ms), stuck])) !== 'stuck') return;
  } finally {
    clearTimeout(timer);
  }
  throw new Error(
    `moving the clock ${Math.round(ms / 3600_000)} h did not end within ${SLEEP_WITHIN_MS / 1000} s. ${await diagnose(env, handle)}. ${await holdingTheClock(env)}`,
  );
}

/**
 * The server holds a time-skipping lock for every workflow task and activity it has scheduled
 * and not seen end: the runs, open or closed, whose history still has one.
 */
async function holdingTheClock(env: TestWorkflowEnvironment): Promise<string> {
  try {
    return await env.connection.withDeadline(Date.now() + 15_000, async () => {
      const service = env.client.workflowService;
      const namespace = env.namespace ?? 'default';
      const [open, closed] = await Promise.all([
        service.listOpenWorkflowExecutions({ namespace, maximumPageSize: 1000 }),
        service.listClosedWorkflowExecutions({ namespace, maximumPageSize: 1000 }),
      ]);
      const runs = [...(open.executions ?? []), ...(closed.executions ?? [])];
      const holding: string[] = [];
      for (const run of runs) {
        const { workflowId, runId } = run.execution ?? {};
        if (!workflowId || !runId) continue;
        const unended = await unendedTasks(env.client.workflow.getHandle(workflowId, runId));
        if (unended.workflowTasks > 0 || unended.activities > 0) {
          const status = WorkflowExecutionStatus[run.status ?? 0]?.replace('WORKFLOW_EXECUTION_STATUS_', '');
          // A run terminated through terminateOnTestServer has had these released.
          holding.push(
            `${workflowId} (${status}): ${unended.workflowTasks} workflow task(s) and ${unended.activities} activit(ies) not ended; last events ${unended.tail.join(', ')}`,
          );
        }
      }
      return `Of ${runs.length} runs on the server, holding a task: ${holding.join(' | ') || 'none'}`;
    });
  } catch (error) {
    return `Listing the server's runs failed: ${(error as Error).message}`;
  }
}

async function withinDeadline<T>(
  env: TestWorkflowEnvironment,
  read: () => Promise<T>,
): Promise<{ answered: true; value: T } | { answered: false }> {
  try {
    return { answered: true, value: await env.connection.withDeadline(Date.now() + CALL_WITHIN_MS, read) };
  } catch (error) {
    if (deadlinePassed(error)) return { answered: false };
    throw error;
  }
}

function deadlinePassed(error: unknown): boolean {
  for (let e = error; e; e = (e as { cause?: unknown }).cause) {
    if (isGrpcServiceError(e) && e.code === DEADLINE_EXCEEDED) return true;
  }
  return false;
}

/** What the workflow was doing: its status, what it has in flight, the end of its history. */
async function diagnose(env: TestWorkflowEnvironment, handle: WorkflowHandle): Promise<string> {
  try {
    return await env.connection.withDeadline(Date.now() + 5_000, async () => {
      const { status, runId } = await handle.describe();
      const unended = await unendedTasks(handle);
      const clock = new Date(await env.currentTimeMs()).toISOString();
      return (
        `The run ${runId} is ${status.name} at ${clock} on the server's clock, with ` +
        `${unended.workflowTasks} workflow task(s) and ${unended.activities} activit(ies) not ended; ` +
        `last events ${unended.tail.join(', ')}`
      );
    });
  } catch (error) {
    return `Describing the workflow failed too: ${(error as Error).message}`;
  }
}
