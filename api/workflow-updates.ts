import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Actor } from '../domain/staff-roles';
import { STEP_REJECTIONS, type StepRejection, type StepSubmission } from '../workflows/definitions';
import { HttpError } from './http-error';

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
): Promise<R> {
  try {
    return await temporal.workflow.getHandle(workflowId).executeUpdate(update, { args: [submission] });
  } catch (error) {
    // The workflow finished between the read of its row and the Update.
    if ((error as Error)?.name === 'WorkflowNotFoundError')
      throw new HttpError(409, closed.code, closed.message);
    if (
      error instanceof WorkflowUpdateFailedError ||
      (error as Error)?.name === 'WorkflowUpdateFailedError'
    ) {
      const cause = (error as WorkflowUpdateFailedError).cause as
        { type?: string; message?: string } | undefined;
      const type = cause?.type as StepRejection | undefined;
      if (type && type in STEP_REJECTIONS)
        throw new HttpError(STEP_REJECTIONS[type], type, cause?.message ?? type);
    }
    throw error;
  }
}
