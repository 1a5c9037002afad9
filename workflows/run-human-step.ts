import { condition } from '@temporalio/workflow';
import type { CaseStatus } from '../domain/case-steps';
import { decisionSummary } from '../domain/step-decisions';
import { deadlineAfter, type DayCount } from '../domain/working-days';
import { records, type CaseLedger } from './case-ledger';
import type { Decision, StepDesk, StepSpec } from './human-step';

export interface HumanStepRun<P> extends StepSpec<P> {
  /** The status the case shows while the step is open. */
  status: CaseStatus;
  assigneeUnitId: string;
  limit: DayCount;
}

/**
 * One human step: open it with its deadline, wait for a valid decision, and when the
 * deadline passes first, mark the case overdue and keep waiting. Records the decision in
 * the ledger and answers the Update with the case as it then stands.
 */
export async function runHumanStep<P extends object>(
  ledger: CaseLedger,
  desk: StepDesk,
  run: HumanStepRun<P>,
): Promise<Decision<P>> {
  const { calendar } = await records.loadCountyRules({ countyId: ledger.input.countyId });
  const dueAt = deadlineAfter(Date.now(), run.limit, calendar);
  await ledger.record(
    { type: 'stepOpened', step: run.step, payload: { limit: run.limit } },
    {
      status: run.status,
      currentStep: run.step,
      assigneeUnitId: run.assigneeUnitId,
      dueAt: dueAt.toISOString(),
      overdue: false,
    },
  );
  desk.openStep(run);

  const decidedInTime = await condition(() => desk.hasDecision(), dueAt.getTime() - Date.now());
  if (!decidedInTime) {
    await ledger.record(
      { type: 'stepOverdue', step: run.step, payload: { dueAt: dueAt.toISOString() } },
      { overdue: true },
    );
    await condition(() => desk.hasDecision());
  }

  const decision = desk.takeDecision<P>();
  const view = await ledger.record({
    type: 'stepDecided',
    step: run.step,
    actor: decision.actor,
    ...decisionSummary(decision.payload as { decision?: string; reasons?: string; note?: string }),
    payload: decision.payload,
  });
  desk.answer(decision.ticket, view);
  return decision;
}
