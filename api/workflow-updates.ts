import { createHash } from 'node:crypto';
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Actor } from '../domain/staff-roles';
import { STEP_REJECTIONS, type StepRejection, type StepSubmission } from '../workflows/definitions';
import { HttpError } from './http-error';

/**
 * The Update's id for a request with an Idempotency-Key: Temporal applies an Update id once per
 * run, so a retry after a dropped answer attaches to the decision already taken and answers
 * its result. The same key with another body or user is another request (and meets the step
 * as the first left it).
 */
function updateIdOf(key: string, updateName: string, submission: { actor: Actor; payload: unknown }): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([updateName, submission.actor.userId, submission.payload]))
    .digest('base64url')
    .slice(0, 22);
  return `${key}/${digest}`;
}

/**
 * How many runs before the current one a keyed retry looks through. A workflow continues as new
 * once per review cycle (months apart), so a retry whose first answer was lost meets the run
 * after it, rarely the one after that.
 */
const EARLIER_RUNS_SEARCHED = 4;

/**
 * Hands a staff member's submission to a workflow's Update and answers what it returns. A
 * validator's rejection becomes its HTTP status (403, 409, 422) with the workflow's message;
 * a workflow that has ended meanwhile answers 409 with `closed`.
 *
 * With an Idempotency-Key the Update id is derived from it, and Temporal dedupes Update ids
 * within one run only: so the earlier runs of the workflow (it continued as new, e.g. after a
 * recertification review) are asked first whether they took this Update, and if one did its
 * answer is given again instead of the new run refusing it (409) or, worse, applying it twice.
 * The Update then goes to the run that was asked about, not to whatever run is current by
 * then: if that run continued as new meanwhile, the chain is asked again.
 */
export async function executeStaffUpdate<R>(
  temporal: Client,
  workflowId: string,
  update: UpdateDefinition<R, [StepSubmission]>,
  submission: { actor: Actor; payload: unknown },
  closed: { code: string; message: string },
  idempotencyKey?: string,
): Promise<R> {
  if (!idempotencyKey) return executeOnRun(temporal, workflowId, undefined, update, submission, closed);
  const updateId = updateIdOf(idempotencyKey, update.name, submission);
  const gone = () => new HttpError(409, closed.code, closed.message);
  for (let attempt = 0; ; attempt++) {
    const runId = await currentRunId(temporal, workflowId);
    if (!runId) throw gone();
    const earlier = await answerOfEarlierRuns<R>(temporal, workflowId, runId, updateId);
    if (earlier) return earlier.answer;
    try {
      return await executeOnRun(temporal, workflowId, runId, update, submission, closed, updateId);
    } catch (error) {
      // The run closed under the Update: continued as new (ask the chain again) or ended.
      const movedOn =
        error instanceof HttpError &&
        error.code === closed.code &&
        attempt < 2 &&
        ((await currentRunId(temporal, workflowId)) ?? runId) !== runId;
      if (!movedOn) throw error;
    }
  }
}

async function executeOnRun<R>(
  temporal: Client,
  workflowId: string,
  runId: string | undefined,
  update: UpdateDefinition<R, [StepSubmission]>,
  submission: { actor: Actor; payload: unknown },
  closed: { code: string; message: string },
  updateId?: string,
): Promise<R> {
  try {
    return await temporal.workflow.getHandle(workflowId, runId).executeUpdate(update, {
      args: [submission],
      ...(updateId && { updateId }),
    });
  } catch (error) {
    // The workflow finished between the read of its row and the Update.
    if ((error as Error)?.name === 'WorkflowNotFoundError')
      throw new HttpError(409, closed.code, closed.message);
    throw asStepRejection(error);
  }
}

/** The workflow's latest run (running or not); null when there is no such workflow. */
async function currentRunId(temporal: Client, workflowId: string): Promise<string | null> {
  try {
    const described = await temporal.workflowService.describeWorkflowExecution({
      namespace: temporal.options.namespace,
      execution: { workflowId },
    });
    return described.workflowExecutionInfo?.execution?.runId || null;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/**
 * The run this one continued from (null for a chain's first run), from its first event; null
 * too for a run the namespace's retention has removed (nothing before it can be asked).
 */
async function previousRunOf(temporal: Client, workflowId: string, runId: string): Promise<string | null> {
  try {
    const { history } = await temporal.workflowService.getWorkflowExecutionHistory({
      namespace: temporal.options.namespace,
      execution: { workflowId, runId },
      maximumPageSize: 1,
    });
    const started = history?.events?.[0]?.workflowExecutionStartedEventAttributes;
    return started?.continuedExecutionRunId || null;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/**
 * The answer an earlier run of the chain gave to the Update `updateId` (wrapped, so an answer
 * that is itself null still counts), or null when none of the runs before `runId` took it.
 */
async function answerOfEarlierRuns<R>(
  temporal: Client,
  workflowId: string,
  runId: string,
  updateId: string,
): Promise<{ answer: R } | null> {
  let run = runId;
  for (let searched = 0; searched < EARLIER_RUNS_SEARCHED; searched++) {
    const previous = await previousRunOf(temporal, workflowId, run);
    if (!previous) return null;
    const answer = await answerOfRun<R>(temporal, workflowId, previous, updateId);
    if (answer) return answer;
    run = previous;
  }
  return null;
}

/** The outcome of Update `updateId` in one run; a failed Update as its rejection; null if it took none. */
async function answerOfRun<R>(
  temporal: Client,
  workflowId: string,
  runId: string | undefined,
  updateId: string,
): Promise<{ answer: R } | null> {
  try {
    return {
      answer: await temporal.workflow.getHandle(workflowId, runId).getUpdateHandle<R>(updateId).result(),
    };
  } catch (error) {
    if (isNotFound(error)) return null;
    throw asStepRejection(error);
  }
}

/**
 * The answer a finished run gave to this keyed submission: the retry of a decision that closed
 * the case (its first answer dropped) gets that answer again, not 409. Null when none of the
 * workflows' last runs (nor the runs they continued from) took an Update with this key and body.
 */
export async function answerOfFinishedRun<R>(
  temporal: Client,
  runs: ReadonlyArray<{ workflowId: string; update: UpdateDefinition<R, [StepSubmission]> }>,
  submission: { actor: Actor; payload: unknown },
  idempotencyKey: string,
): Promise<R | null> {
  for (const { workflowId, update } of runs) {
    const updateId = updateIdOf(idempotencyKey, update.name, submission);
    const last = await answerOfRun<R>(temporal, workflowId, undefined, updateId);
    if (last) return last.answer;
    const runId = await currentRunId(temporal, workflowId);
    const earlier = runId && (await answerOfEarlierRuns<R>(temporal, workflowId, runId, updateId));
    if (earlier) return earlier.answer;
  }
  return null;
}

/** gRPC's NOT_FOUND: no such workflow or run, or the run took no Update with that id. */
const GRPC_NOT_FOUND = 5;

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; code?: number; cause?: { code?: number } } | undefined;
  // The client's errors carry the gRPC status as their cause; the raw service's carry it themselves.
  return (
    e?.name === 'WorkflowNotFoundError' || e?.code === GRPC_NOT_FOUND || e?.cause?.code === GRPC_NOT_FOUND
  );
}

/** A validator's rejection as its HTTP status with the workflow's message; anything else as is. */
function asStepRejection(error: unknown): unknown {
  if (error instanceof WorkflowUpdateFailedError || (error as Error)?.name === 'WorkflowUpdateFailedError') {
    const cause = (error as WorkflowUpdateFailedError).cause as
      { type?: string; message?: string } | undefined;
    const type = cause?.type as StepRejection | undefined;
    if (type && type in STEP_REJECTIONS)
      return new HttpError(STEP_REJECTIONS[type], type, cause?.message ?? type);
  }
  return error;
}
