import { caseWorkflowInput } from '../api/case-workflows';
import { programmeOf } from '../domain/programmes';
import { CaseDriver } from '../test/support/case-driver';
import type { ProcedureStep } from '../domain/case-steps';
import { APPLICATION_WORKFLOWS } from '../workflows/programme-workflows';
import {
  decider,
  enrolWithoutNotice,
  runApplicationSteps,
  type HouseholdContext,
} from './household-lifecycle';
import { pollUntil } from './polling';

/**
 * One filed 低保 application through Jiuzhu, as bench/lifecycle.ts drives it: the workflow is
 * started, its four decisions are sent as soon as each step is open, and the county approval
 * after the (not waited) notice starts the enrolment. Answers the application's workflow id.
 * The notice shortcut's time (notice posted → enrolment started) goes to `noticeShortcutMs`.
 * A step counts as open once the read model (the case row in Postgres) shows it, the probe the
 * Flowable peer uses too, rather than the lifecycle bench's workflow query.
 */
export async function runApplicationCase(
  ctx: HouseholdContext,
  caseId: string,
  noticeShortcutMs: number[],
): Promise<string> {
  const { workflowId, ...input } = await caseWorkflowInput(ctx.db, caseId);
  await ctx.env.client.workflow.start(APPLICATION_WORKFLOWS[programmeOf(input.programme).family], {
    workflowId,
    taskQueue: ctx.taskQueue,
    args: [input],
  });
  const c = CaseDriver.attach(ctx.env, ctx.db, caseId, workflowId);
  await reachInReadModel(c, 'acceptance');
  await runApplicationSteps(c, decider(ctx.measurements, []), reachInReadModel);
  const posted = performance.now();
  await enrolWithoutNotice(c, ctx);
  noticeShortcutMs.push(performance.now() - posted);
  return workflowId;
}

/** Polls the case row, as a console or API reading Postgres sees the step open. */
export function reachInReadModel(c: CaseDriver, step: ProcedureStep): Promise<unknown> {
  return pollUntil(async () => (await c.row()).currentStep === step, `step ${step} in the read model`);
}
