import { condition, setHandler } from '@temporalio/workflow';
import type { z } from 'zod';
import { HUMAN_STEPS, type HumanStepName } from '../domain/case-steps';
import type { Actor } from '../domain/staff-roles';
import { STEP_ROLES } from '../domain/step-roles';
import { stepUpdates, type CaseView, type StepRejection, type StepSubmission } from './definitions';
import { checkSubmission, reject } from './submission-check';

export interface StepSpec<P> {
  step: HumanStepName;
  payload: z.ZodType<P>;
  /** A rule beyond the payload's shape that must hold now (e.g. a county visit recorded first). */
  guard?: (payload: P) => { type: StepRejection; message: string } | null;
}

export interface Decision<P> {
  actor: Actor;
  payload: P;
  ticket: number;
}

/**
 * The desk where staff hand in decisions. It registers one Update per human step at
 * workflow start; each validator accepts a submission only for the step that is open now,
 * from a permitted role inside the case's jurisdiction, with a payload its schema and guard
 * accept. The Update's caller waits until the workflow has recorded the decision, then gets
 * the case as it stands afterwards.
 */
export class StepDesk {
  private open?: StepSpec<unknown>;
  private handedIn?: Decision<unknown>;
  /** A decision's answer: the case as it then stands, or (serial runs) the write that carries it. */
  private readonly answers = new Map<number, CaseView | Promise<CaseView>>();
  private tickets = 0;

  constructor(
    private readonly caseUnitPath: string,
    /**
     * The case once its writes have settled, or null while they are outstanding: given, the
     * Update answers with the case as the decision left it when the workflow waits again;
     * histories recorded before that answered with the view of the decision's own write.
     */
    private readonly settledView?: () => CaseView | null,
  ) {
    for (const step of Object.keys(stepUpdates) as HumanStepName[]) {
      setHandler(stepUpdates[step], (submission) => this.handIn(submission), {
        validator: (submission) => void this.validate(step, submission),
      });
    }
  }

  openStep<P>(spec: StepSpec<P>): void {
    this.open = spec as StepSpec<unknown>;
    this.handedIn = undefined;
  }

  hasDecision(): boolean {
    return this.handedIn !== undefined;
  }

  /** Closes the open step without a decision (the enrolment ended while it was open). */
  closeStep(): void {
    this.open = undefined;
  }

  takeDecision<P>(): Decision<P> {
    const decision = this.handedIn;
    if (!decision) throw new Error('no decision handed in');
    this.open = undefined;
    this.handedIn = undefined;
    return decision as Decision<P>;
  }

  /**
   * Completes the waiting Update call with the case as it stands after the decision — or, given
   * a promise (the decision's own write, `CaseLedger.whenWritten`), once that resolves.
   */
  answer(ticket: number, view: CaseView | Promise<CaseView>): void {
    this.answers.set(ticket, view);
  }

  private validate(step: HumanStepName, submission: StepSubmission): { actor: Actor; payload: unknown } {
    const open = this.open;
    if (!open || open.step !== step) {
      reject('WrongStep', `案件当前不在「${HUMAN_STEPS[step]}」环节 (case is not at step ${step})`);
    }
    if (this.handedIn)
      reject('StepBusy', '该环节已有决定正在处理 (a decision for this step is being recorded)');
    const checked = checkSubmission(
      HUMAN_STEPS[step],
      STEP_ROLES[step],
      this.caseUnitPath,
      open.payload,
      submission,
    );
    const refused = open.guard?.(checked.payload);
    if (refused) reject(refused.type, refused.message);
    return checked;
  }

  private async handIn(submission: StepSubmission): Promise<CaseView> {
    const open = this.open;
    if (!open) reject('WrongStep', 'step closed while the decision was in flight');
    const { actor, payload } = this.validate(open.step, submission);
    const ticket = ++this.tickets;
    this.handedIn = { actor, payload, ticket };
    const settled = () => !this.settledView || this.settledView() !== null;
    await condition(() => this.answers.has(ticket) && settled());
    const view = this.settledView?.() ?? this.answers.get(ticket)!;
    this.answers.delete(ticket);
    return view;
  }
}
