import { HUMAN_STEPS, type CaseStatus } from '../domain/case-steps';
import { chineseDate } from '../domain/chinese-date';
import { decisionSummary } from '../domain/step-decisions';
import { deadlineAfter, type DayCount } from '../domain/working-days';
import type { StaffMailRequest } from '../activities/letters';
import type { CaseChange, Correspondence } from './case-ledger';
import type { CaseProcedure } from './case-procedure';
import { awaitDeadline } from './deadline';
import type { Decision, StepSpec } from './human-step';

export interface HumanStepRun<P> extends StepSpec<P> {
  /** The status the case shows while the step is open. */
  status: CaseStatus;
  assigneeUnitId: string;
  limit: DayCount;
  /**
   * An exact deadline (epoch ms) instead of `limit` counted from now: a clock that started
   * earlier or runs in hours (the rescue station's stay and its 24 hours).
   */
  dueAt?: number;
  /** The clock stands still while this holds (a hospital stay): nothing is due meanwhile. */
  paused?: () => boolean;
  /** How the decision reads in the event log, when the payload has no `decision`/`reasons`. */
  summarize?: (payload: P) => { decision: string | null; reasons: string | null };
  /** What the decision changes besides the event, and the letter it brings. */
  onDecision?: (payload: P) => { change?: CaseChange; correspondence?: Correspondence };
  /** Something that makes the step moot (an exit recorded meanwhile): it closes, undecided. */
  interruptWhen?: () => boolean;
  /**
   * The caller answers the Update itself (`desk.answer`) once it has written what the decision
   * leads to, so staff see the outcome rather than the step just closed.
   */
  answeredByCaller?: (payload: P) => boolean;
  /**
   * The step lapses at its deadline instead of escalating (an offer with a time to answer):
   * the step closes undecided and `StepExpired` is thrown.
   */
  lapses?: boolean;
  /** Mail the step's assignee is sent when it opens (an offer to put to the person). */
  openingMail?: StaffMailRequest;
}

/** Thrown by `runHumanStep` when a step that `lapses` reached its deadline undecided. */
export class StepExpired extends Error {
  constructor(readonly step: string) {
    super(`step ${step} lapsed`);
    this.name = 'StepExpired';
  }
}

/** Thrown by `runHumanStep` when its `interruptWhen` came true before a decision. */
export class StepInterrupted extends Error {
  constructor(readonly step: string) {
    super(`step ${step} interrupted`);
    this.name = 'StepInterrupted';
  }
}

/**
 * One human step: open it with its deadline, wait for a valid decision (workflows/deadline.ts).
 * When the deadline passes first, mark the case overdue, remind the assignee's unit and
 * escalate to the supervisors, and keep waiting (or, for a step that lapses, close it); a
 * supervisor's extension moves the deadline. Records the decision and answers the Update with
 * the case as it then stands.
 */
export async function runHumanStep<P extends object>(
  proc: CaseProcedure,
  run: HumanStepRun<P>,
): Promise<Decision<P>> {
  const { ledger, desk } = proc;
  const interrupted = run.interruptWhen ?? (() => false);
  if (interrupted()) throw new StepInterrupted(run.step);
  const { calendar } = await proc.rules();
  const deadline = {
    step: run.step,
    dueAt: run.dueAt ?? deadlineAfter(Date.now(), run.limit, calendar).getTime(),
  };
  proc.stepDeadline = deadline;
  // Open to decisions before the step shows in the read model: whoever sees it there can act.
  desk.openStep(run);
  await ledger.record(
    { type: 'stepOpened', step: run.step, payload: { limit: run.limit } },
    {
      status: run.status,
      currentStep: run.step,
      assigneeUnitId: run.assigneeUnitId,
      dueAt: new Date(deadline.dueAt).toISOString(),
      overdue: false,
    },
    run.openingMail && {
      staffMails: [
        { ...run.openingMail, facts: { ...run.openingMail.facts, dueOn: chineseDate(deadline.dueAt) } },
      ],
    },
  );

  const waited = await awaitDeadline({
    done: () => desk.hasDecision(),
    dueAt: () => (run.paused?.() ? null : deadline.dueAt),
    interrupted,
    onOverdue: async (due) => {
      if (run.lapses) {
        desk.closeStep();
        proc.stepDeadline = undefined;
        await ledger.record(
          { type: 'stepLapsed', step: run.step, payload: { dueAt: new Date(due).toISOString() } },
          { currentStep: null, assigneeUnitId: null, dueAt: null, overdue: false },
        );
        throw new StepExpired(run.step);
      }
      const facts = { stepName: HUMAN_STEPS[run.step], dueOn: chineseDate(due) };
      await ledger.record(
        { type: 'stepOverdue', step: run.step, payload: { dueAt: new Date(due).toISOString() } },
        { overdue: true },
        {
          staffMails: [
            { kind: 'overdueReminder', facts },
            { kind: 'overdueEscalation', facts },
          ],
        },
      );
    },
  });
  if (waited === 'interrupted') {
    desk.closeStep();
    proc.stepDeadline = undefined;
    throw new StepInterrupted(run.step);
  }
  proc.stepDeadline = undefined;

  const decision = desk.takeDecision<P>();
  const consequences = run.onDecision?.(decision.payload) ?? {};
  // Staged: it goes to the read model with what the decision leads to.
  const view = await ledger.stage(
    {
      type: 'stepDecided',
      step: run.step,
      actor: decision.actor,
      ...(run.summarize ?? decisionSummary)(decision.payload),
      payload: decision.payload,
    },
    { overdue: false, ...consequences.change },
    consequences.correspondence,
  );
  // A serial run answers once the write carrying the decision is in, whatever else is queued.
  if (!run.answeredByCaller?.(decision.payload))
    desk.answer(decision.ticket, ledger.serial ? ledger.whenWritten() : view);
  return decision;
}
