import { caseWorkflowInput } from '../api/case-workflows';
import { programmeOf } from '../domain/programmes';
import { CaseDriver } from '../test/support/case-driver';
import { APPLICATION_WORKFLOWS } from '../workflows/programme-workflows';
import {
  decider,
  enrolWithoutNotice,
  reachStep,
  runApplicationSteps,
  type HouseholdContext,
} from './household-lifecycle';

/**
 * One filed 低保 application through Jiuzhu, as bench/lifecycle.ts drives it: the workflow is
 * started, its four decisions are sent as soon as each step is open, and the county approval
 * after the (not waited) notice starts the enrolment. Answers the application's workflow id.
 * The notice shortcut's time (notice posted → enrolment started) goes to `noticeShortcutMs`.
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
  await reachStep(c, 'acceptance');
  await runApplicationSteps(c, decider(ctx.measurements, []));
  const posted = performance.now();
  await enrolWithoutNotice(c, ctx);
  noticeShortcutMs.push(performance.now() - posted);
  return workflowId;
}
