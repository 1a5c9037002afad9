import { ApplicationFailure, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { TipOffStatus } from '../domain/tip-offs';
import { awaitDeadline } from './deadline';
import type { StepSubmission } from './definitions';

type Activities = ReturnType<typeof createActivities>;

const records = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

export interface TipOffVerificationInput {
  receiptNo: string;
}

export interface TipOffOutcome {
  status: Exclude<TipOffStatus, 'VERIFYING'>;
  /** Published on the answer page. */
  outcomeText: string;
  /** For staff only. */
  findings: string;
}

export function tipOffWorkflowId(receiptNo: string): string {
  return `tip-off-${receiptNo}`;
}

/** The verifier's outcome: rejected once the report is closed (409 at the API). */
export const recordTipOffOutcomeUpdate = defineUpdate<{ status: TipOffStatus }, [StepSubmission]>(
  'recordTipOffOutcome',
);

/**
 * 核查: one public report's verification by the township (举报) or the county (投诉). The
 * deadline is the county's `tipOffVerification` limit (15 working days by default) in force on
 * the day the report is filed; a missed deadline marks the task overdue, reminds the verifying
 * unit and escalates to the supervisors above it (once per deadline, workflows/deadline.ts), and
 * the task keeps waiting until the outcome (属实 / 不属实, with findings) closes it.
 */
export async function tipOffVerification(input: TipOffVerificationInput): Promise<{ status: TipOffStatus }> {
  const { dueAt } = await records.openTipOffVerification({ receiptNo: input.receiptNo });
  let closed: TipOffStatus | null = null;
  let closing = false;
  setHandler(
    recordTipOffOutcomeUpdate,
    async ({ actor, payload }) => {
      // The API checked the payload against tipOffOutcomeSchema (api/tip-offs.ts).
      const outcome = payload as TipOffOutcome;
      if (closing)
        throw ApplicationFailure.nonRetryable('核查正在办结 (the outcome is being recorded)', 'StepBusy');
      closing = true;
      await records.closeTipOff({
        receiptNo: input.receiptNo,
        status: outcome.status,
        outcomeText: outcome.outcomeText,
        findings: outcome.findings,
        username: actor.username,
      });
      closed = outcome.status;
      return { status: outcome.status };
    },
    {
      validator: (_submission: StepSubmission) => {
        if (closed !== null)
          throw ApplicationFailure.nonRetryable('核查已办结 (the verification is closed)', 'WrongStep');
      },
    },
  );
  await awaitDeadline({
    done: () => closed !== null,
    dueAt: () => Date.parse(dueAt),
    onOverdue: async () => {
      await records.markTipOffOverdue({ receiptNo: input.receiptNo, dueAt });
      await records.deliverTipOffMail({ receiptNo: input.receiptNo });
    },
  });
  return { status: closed! };
}
