import { condition, defineQuery, defineUpdate, setHandler, ApplicationFailure } from '@temporalio/workflow';

/** Hands in the decision of the step named; rejected unless that step is the open one. */
export const decideUpdate = defineUpdate<string, [string]>('decide');
/** The step open now, or null once all are decided. */
export const openStepQuery = defineQuery<string | null>('openStep');

/**
 * The baseline: as many human steps as the lifecycle, each one an Update with a validator,
 * and nothing else — no activities, timers, database or mail.
 */
export async function minimalHumanSteps(steps: string[]): Promise<void> {
  let open: string | null = null;
  let decided: string | null = null;
  setHandler(openStepQuery, () => open);
  setHandler(
    decideUpdate,
    (step) => {
      decided = step;
      return step;
    },
    {
      validator: (step) => {
        if (step !== open || decided !== null)
          throw ApplicationFailure.create({ type: 'WrongStep', message: `step ${step} is not open` });
      },
    },
  );
  for (const step of steps) {
    open = step;
    decided = null;
    await condition(() => decided === step);
  }
  open = null;
}
