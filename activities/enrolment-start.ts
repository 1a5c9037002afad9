import { Context } from '@temporalio/activity';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
  type Client,
} from '@temporalio/client';
import type { EnrolmentInput } from '../workflows/enrolment-state';

/**
 * Starts a case's enrolment workflow, once. Not a child of the application: the enrolment
 * outlives it by years and stands on its own. A retried start finds it running (or, if it has
 * already ended, refuses to start a second), so the household is never enrolled twice.
 */
export async function startEnrolment(
  temporal: Client,
  { workflowId, input }: { workflowId: string; input: EnrolmentInput },
): Promise<void> {
  try {
    await temporal.workflow.start('dibaoEnrolment', {
      workflowId,
      taskQueue: Context.current().info.taskQueue,
      args: [input],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}
