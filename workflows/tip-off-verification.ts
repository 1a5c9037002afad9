import { defineUpdate, proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { TipOffStatus } from '../domain/tip-offs';
import type { VerificationConsequence } from '../domain/verification-findings';
import type { StepSubmission } from './definitions';
import { runVerificationTask } from './verification-task';

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
  /** What followed for the case: started by the API before this outcome is recorded. */
  consequence?: VerificationConsequence;
  caseNo?: string | null;
  ineligibleFromMonth?: string | null;
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
 * unit and escalates to the supervisors above it (once per deadline), and the task keeps waiting
 * until the outcome (属实 / 不属实, with findings and what followed for the case) closes it
 * (workflows/verification-task.ts, shared with the random checks' visits).
 */
export async function tipOffVerification(input: TipOffVerificationInput): Promise<{ status: TipOffStatus }> {
  const { receiptNo } = input;
  return runVerificationTask<TipOffOutcome, TipOffStatus>({
    outcomeUpdate: recordTipOffOutcomeUpdate,
    open: () => records.openTipOffVerification({ receiptNo }),
    overdue: async (dueAt) => {
      await records.markTipOffOverdue({ receiptNo, dueAt });
      await records.deliverTipOffMail({ receiptNo });
    },
    close: (actor, outcome) =>
      records.closeTipOff({
        receiptNo,
        status: outcome.status,
        outcomeText: outcome.outcomeText,
        findings: outcome.findings,
        username: actor.username,
        consequence: outcome.consequence ?? 'NONE',
        caseNo: outcome.caseNo ?? null,
        ineligibleFromMonth: outcome.ineligibleFromMonth ?? null,
      }),
    statusOf: (outcome) => outcome.status,
  });
}
