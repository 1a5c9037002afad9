import type { UpdateDefinition } from '@temporalio/common';
import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import type { Actor } from '../domain/staff-roles';
import { awaitDeadline } from './deadline';
import type { StepSubmission } from './definitions';

/**
 * One verification task 核查 — a public tip-off's, a random check's visit — as a workflow runs it:
 * its deadline (set once by `open`), the shared deadline primitive's overdue → remind → escalate
 * (once per deadline, workflows/deadline.ts) while the task keeps waiting, and the verifier's
 * outcome, an Update validated by the API, that closes it. Answers the status it closed with.
 */
export interface VerificationTask<O, S extends string> {
  outcomeUpdate: UpdateDefinition<{ status: S }, [StepSubmission]>;
  /** Sets the task's deadline (a retry answers the same one). */
  open(): Promise<{ dueAt: string }>;
  /** The deadline passed: mark the task overdue and send the reminder and the escalation. */
  overdue(dueAt: string): Promise<void>;
  /** Records the outcome in the read model. */
  close(actor: Actor, outcome: O): Promise<void>;
  statusOf(outcome: O): S;
}

export async function runVerificationTask<O, S extends string>(
  task: VerificationTask<O, S>,
): Promise<{ status: S }> {
  let closed: S | null = null;
  let closing = false;
  setHandler(
    task.outcomeUpdate,
    async ({ actor, payload }) => {
      // The API checked the payload against the task's outcome schema.
      const outcome = payload as O;
      if (closing)
        throw ApplicationFailure.nonRetryable('核查正在办结 (the outcome is being recorded)', 'StepBusy');
      closing = true;
      await task.close(actor, outcome);
      closed = task.statusOf(outcome);
      return { status: closed };
    },
    {
      validator: (_submission: StepSubmission) => {
        if (closed !== null)
          throw ApplicationFailure.nonRetryable('核查已办结 (the verification is closed)', 'WrongStep');
      },
    },
  );
  // The handler is set before the first await: an outcome that comes at once (a report verified
  // on the day it is filed) is taken, not refused for want of a handler.
  const { dueAt } = await task.open();
  await awaitDeadline({
    done: () => closed !== null,
    dueAt: () => Date.parse(dueAt),
    onOverdue: () => task.overdue(dueAt),
  });
  return { status: closed! };
}
