import {
  condition,
  defineQuery,
  defineSignal,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';

const { recordTransition } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '20 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export interface EnrolmentInput {
  caseId: string;
  caseNo: string;
  monthlyAmountYuan: number;
  /** `YYYY-MM`: payment starts the month after approval. */
  benefitStartMonth: string;
}

export interface EnrolmentState extends EnrolmentInput {
  active: boolean;
  endReason: string | null;
}

export const enrolmentStateQuery = defineQuery<EnrolmentState>('enrolmentState');
export const endEnrolmentSignal = defineSignal<[{ reason: string }]>('endEnrolment');

/**
 * An enrolled household's benefit, one workflow per household and programme, started by
 * the approval. This first version holds the benefit and its start month until it is ended;
 * recertification and the exit rules build on it.
 */
export async function dibaoEnrolment(input: EnrolmentInput): Promise<EnrolmentState> {
  const state: EnrolmentState = { ...input, active: true, endReason: null };
  setHandler(enrolmentStateQuery, () => state);
  setHandler(endEnrolmentSignal, ({ reason }) => {
    state.active = false;
    state.endReason = reason;
  });
  const { workflowId, runId } = workflowInfo();
  await recordTransition({
    key: `${workflowId}/${runId}/started`,
    caseId: input.caseId,
    event: {
      type: 'enrolmentStarted',
      step: null,
      payload: { monthlyAmountYuan: input.monthlyAmountYuan, benefitStartMonth: input.benefitStartMonth },
    },
    change: null,
  });
  await condition(() => !state.active);
  await recordTransition({
    key: `${workflowId}/${runId}/ended`,
    caseId: input.caseId,
    event: { type: 'enrolmentEnded', step: null, reasons: state.endReason },
    change: null,
  });
  return state;
}
