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
 * Hands a staff member's submission to a workflow's Update and answers what it returns. A
 * validator's rejection becomes its HTTP status (403, 409, 422) with the workflow's message;
 * a workflow that has ended meanwhile answers 409 with `closed`.
 */
export async function executeStaffUpdate<R>(
  temporal: Client,
  workflowId: string,
  update: UpdateDefinition<R, [StepSubmission]>,
  submission: { actor: Actor; payload: unknown },
  closed: { code: string; message: string },
  idempotencyKey?: string,
): Promise<R> {
  try {
    return await temporal.workflow.getHandle(workflowId).executeUpdate(update, {
      args: [submission],
      ...(idempotencyKey && { updateId: updateIdOf(idempotencyKey, update.name, submission) }),
    });
  } catch (error) {
    // The workflow finished between the read of its row and the Update.
    if ((error as Error)?.name === 'WorkflowNotFoundError')
      throw new HttpError(409, closed.code, closed.message);
    throw asStepRejection(error);
  }
}

/**
 * The answer a finished run gave to this keyed submission: the retry of a decision that closed
 * the case (its first answer dropped) gets that answer again, not 409. Null when none of the
 * runs took an Update with this key and body.
 */
export async function answerOfFinishedRun<R>(
  temporal: Client,
  runs: ReadonlyArray<{ workflowId: string; update: UpdateDefinition<R, [StepSubmission]> }>,
  submission: { actor: Actor; payload: unknown },
  idempotencyKey: string,
): Promise<R | null> {
  for (const { workflowId, update } of runs) {
    const updateId = updateIdOf(idempotencyKey, update.name, submission);
    try {
      return await temporal.workflow.getHandle(workflowId).getUpdateHandle<R>(updateId).result();
    } catch (error) {
      if (isNotFound(error)) continue;
      throw asStepRejection(error);
    }
  }
  return null;
}

/** gRPC's NOT_FOUND: the run took no Update with that id. */
const GRPC_NOT_FOUND = 5;

function isNotFound(error: unknown): boolean {
  const name = (error as Error)?.name;
  const code = (error as { cause?: { code?: number } })?.cause?.code;
  return name === 'WorkflowNotFoundError' || code === GRPC_NOT_FOUND;
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
