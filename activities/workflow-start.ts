import { Context } from '@temporalio/activity';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
  type Client,
} from '@temporalio/client';

/**
 * Starts a workflow that outlives the one asking for it (an enrolment after the approval, a
 * referral from an enrolment), once. Not a child: it stands on its own for years, and the
 * asking run may continue as new meanwhile. A retried start finds it running (or, if it has
 * already ended, refuses to start a second), so nothing is started twice.
 */
export async function startWorkflowOnce<I>(
  temporal: Client,
  workflow: (input: I) => Promise<unknown>,
  { workflowId, input }: { workflowId: string; input: I },
): Promise<void> {
  try {
    await temporal.workflow.start(workflow, {
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
