import type { Client } from '@temporalio/client';
import type { Measurements } from './measurements';
import { decideUpdate, openStepQuery, type minimalHumanSteps } from './minimal-workflow';
import { pollUntil } from './polling';

export interface MinimalContext {
  client: Client;
  taskQueue: string;
  /** The step names, one Update each, in the order the lifecycle sends its Updates. */
  steps: string[];
  measurements: Measurements;
  /** The second baseline: each case writes its steps to a case row filed for it. */
  caseIds?: string[];
}

/** One baseline case: the same Updates as a household, timed the same way. */
export async function runMinimalCase(ctx: MinimalContext, index: number): Promise<string> {
  const { steps, measurements: m } = ctx;
  const handle = await ctx.client.workflow.start<typeof minimalHumanSteps>('minimalHumanSteps', {
    workflowId: `bench-minimal-${ctx.caseIds ? 'write-' : ''}${index}`,
    taskQueue: ctx.taskQueue,
    args: ctx.caseIds ? [steps, ctx.caseIds[index]] : [steps],
  });
  const stepOpen = (step: string) =>
    pollUntil(async () => (await handle.query(openStepQuery)) === step, `step ${step}`);
  await stepOpen(steps[0]!);
  for (const [i, step] of steps.entries()) {
    const sent = performance.now();
    await handle.executeUpdate(decideUpdate, { args: [step] });
    const returned = performance.now();
    m.update(step, returned - sent);
    const next = steps[i + 1];
    if (next === undefined) continue;
    await stepOpen(next);
    m.stepToStep(step, performance.now() - returned);
  }
  await handle.result();
  return handle.workflowId;
}
