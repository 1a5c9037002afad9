import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import type { z } from 'zod';
import { HUMAN_STEPS, type HumanStepName } from '../domain/case-steps';
import { isWithinJurisdiction, STAFF_ROLE_LABELS, type Actor, type StaffRole } from '../domain/staff-roles';
import { stepUpdates, type CaseView, type StepRejection, type StepSubmission } from './definitions';

export interface StepSpec<P> {
  step: HumanStepName;
  roles: readonly StaffRole[];
  payload: z.ZodType<P>;
}

export interface Decision<P> {
  actor: Actor;
  payload: P;
  ticket: number;
}

function reject(type: StepRejection, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

/**
 * The desk where staff hand in decisions. It registers one Update per human step at
 * workflow start; each validator accepts a submission only for the step that is open now,
 * from a permitted role inside the case's jurisdiction, with a payload its schema accepts.
 * The Update's caller waits until the workflow has recorded the decision, then gets the
 * case as it stands afterwards.
 */
export class StepDesk {
  private open?: StepSpec<unknown>;
  private handedIn?: Decision<unknown>;
  private readonly answers = new Map<number, CaseView>();
  private tickets = 0;

  constructor(private readonly caseUnitPath: string) {
    for (const step of Object.keys(stepUpdates) as HumanStepName[]) {
      setHandler(stepUpdates[step], (submission) => this.handIn(submission), {
        validator: (submission) => this.validate(step, submission),
      });
    }
  }

  get isOpen(): boolean {
    return this.open !== undefined;
  }

  openStep<P>(spec: StepSpec<P>): void {
    this.open = spec as StepSpec<unknown>;
    this.handedIn = undefined;
  }

  /** Resolves when a valid decision has been handed in for the open step. */
  hasDecision(): boolean {
    return this.handedIn !== undefined;
  }

  takeDecision<P>(): Decision<P> {
    const decision = this.handedIn;
    if (!decision) throw new Error('no decision handed in');
    this.open = undefined;
    this.handedIn = undefined;
    return decision as Decision<P>;
  }

  /** Completes the waiting Update call with the case as it stands after the decision. */
  answer(ticket: number, view: CaseView): void {
    this.answers.set(ticket, view);
  }

  private validate(step: HumanStepName, submission: StepSubmission): void {
    const open = this.open;
    if (!open || open.step !== step) {
      reject('WrongStep', `案件当前不在「${HUMAN_STEPS[step]}」环节 (case is not at step ${step})`);
    }
    if (this.handedIn)
      reject('StepBusy', '该环节已有决定正在处理 (a decision for this step is being recorded)');
    const actor = submission?.actor;
    if (!actor || !open.roles.includes(actor.role)) {
      const allowed = open.roles.map((r) => STAFF_ROLE_LABELS[r]).join('、');
      reject('Forbidden', `「${HUMAN_STEPS[step]}」只能由${allowed}办理 (role not permitted for ${step})`);
    }
    if (!isWithinJurisdiction(actor.unitPath, this.caseUnitPath)) {
      reject('Forbidden', '案件不在您的管辖范围内 (case outside your jurisdiction)');
    }
    const parsed = open.payload.safeParse(submission.payload);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`);
      reject('InvalidPayload', problems.join('; '));
    }
  }

  private async handIn(submission: StepSubmission): Promise<CaseView> {
    const open = this.open;
    if (!open) reject('WrongStep', 'step closed while the decision was in flight');
    const ticket = ++this.tickets;
    this.handedIn = { actor: submission.actor, payload: open.payload.parse(submission.payload), ticket };
    await condition(() => this.answers.has(ticket));
    const view = this.answers.get(ticket)!;
    this.answers.delete(ticket);
    return view;
  }
}
