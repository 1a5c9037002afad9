import {
  ApplicationFailure,
  condition,
  defineQuery,
  defineUpdate,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { recordTransition } from '../activities/case-records';

/** The one write of the second baseline: the read model's keyed transition, without a letter. */
export interface MinimalActivities {
  recordTransition: (input: Parameters<typeof recordTransition>[1]) => ReturnType<typeof recordTransition>;
}

const { recordTransition: writeStep } = proxyLocalActivities<MinimalActivities>({
  startToCloseTimeout: '10 seconds',
});

/** Hands in the decision of the step named; rejected unless that step is the open one. */
export const decideUpdate = defineUpdate<string, [string]>('decide');
/** The step open now, or null once all are decided. */
export const openStepQuery = defineQuery<string | null>('openStep');

/**
 * The baseline: as many human steps as the lifecycle, each one an Update with a validator,
 * and nothing else — no activities, timers, database or mail. Given a case, the second
 * baseline: each decision is also written to that case's read model, one keyed transaction
 * (the lifecycle's local activity), before the Update answers.
 */
export async function minimalHumanSteps(steps: string[], caseId?: string): Promise<void> {
  let open: string | null = null;
  let decided: string | null = null;
  let written: string | null = null;
  setHandler(openStepQuery, () => open);
  setHandler(
    decideUpdate,
    async (step) => {
      decided = step;
      if (caseId) await condition(() => written === step);
      return step;
    },
    {
      validator: (step) => {
        if (step !== open || decided !== null)
          throw ApplicationFailure.create({ type: 'WrongStep', message: `step ${step} is not open` });
      },
    },
  );
  for (const [i, step] of steps.entries()) {
    open = step;
    decided = null;
    await condition(() => decided === step);
    if (caseId) {
      await writeStep({
        key: `${workflowInfo().workflowId}/${i}`,
        caseId,
        event: { type: 'stepDecided', step: null, decision: step },
        change: null,
      });
      written = step;
    }
  }
  open = null;
}
