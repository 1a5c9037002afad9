import { allHandlersFinished, condition } from '@temporalio/workflow';
import type { LetterRequest } from '../activities/letters';
import type { HumanStepName } from '../domain/case-steps';
import type { CountyPolicy } from '../domain/county-policy';
import { acceptanceDecisionSchema, type AcceptanceDecision } from '../domain/step-decisions';
import type { Actor } from '../domain/staff-roles';
import { followingMonth } from '../domain/benefit-months';
import { amountDifference, amountDifferenceRefused } from '../domain/approved-amount';
import { addWorkingDays } from '../domain/working-days';
import { CaseProcedure } from './case-procedure';
import type { CaseView, CaseWorkflowInput, StepRejection } from './definitions';
import { overallLimitWithFirstStep } from './lean-history';
import { watchOverallLimit } from './overall-limit';
import { awaitRefusalLetterService, owesRefusalLetterService } from './refusal-letter-service';
import { runHumanStep, type HumanStepRun } from './run-human-step';

/** The steps every application procedure opens and closes with, whatever its programme. */

/** Runs an application's procedure on its own ledger; the run ends once its mail is delivered. */
export async function runApplication(
  input: CaseWorkflowInput,
  procedure: (proc: CaseProcedure) => Promise<CaseView>,
): Promise<CaseView> {
  const proc = new CaseProcedure(input);
  const view = await procedure(proc);
  await proc.ledger.settled();
  // The last decision's Update is answered once its write is in: let it finish before the run does.
  await condition(allHandlersFinished);
  return view;
}

/**
 * 受理: the township accepts (the acceptance letter states the whole procedure's limit) or
 * refuses to accept, in writing with reasons, which closes the case. Answers the closed case's
 * view when it was not accepted.
 */
export async function runAcceptance(
  proc: CaseProcedure,
  limits: CountyPolicy['stepLimits'],
  /** The whole procedure's limit the letter states, when the programme has one. */
  overall: { days: number; extendedDays: number } | null,
): Promise<CaseView | null> {
  const acceptance = await runHumanStep<AcceptanceDecision>(proc, {
    step: 'acceptance',
    status: 'SUBMITTED',
    payload: acceptanceDecisionSchema,
    assigneeUnitId: proc.input.townshipId,
    limit: limits.acceptance,
    onDecision: (d) =>
      d.decision === 'accept'
        ? {
            change: { status: 'ACCEPTED' },
            correspondence: {
              letter: {
                kind: 'acceptance',
                facts: overall
                  ? { overallDays: overall.days, overallExtendedDays: overall.extendedDays }
                  : {},
              },
            },
          }
        : {},
  });
  if (acceptance.payload.decision === 'accept') return null;
  return closeCase(
    proc,
    'NOT_ACCEPTED',
    {
      type: 'caseClosed',
      step: 'acceptance',
      actor: acceptance.actor,
      decision: 'notAccepted',
      reasons: acceptance.payload.reasons,
    },
    { letter: { kind: 'nonAcceptance', facts: { reasons: acceptance.payload.reasons } } },
  );
}

/** The whole procedure's limit runs from acceptance, watched beside the steps until the case closes. */
export async function startOverallLimit(
  proc: CaseProcedure,
  limits: CountyPolicy['stepLimits'],
): Promise<void> {
  const acceptedAt = Date.now();
  const { calendar } = await proc.rules();
  const overallDue = addWorkingDays(acceptedAt, limits.overall.days, calendar);
  proc.overall = { startedAt: acceptedAt, dueAt: overallDue.getTime(), extended: false };
  const event = {
    type: 'overallLimitStarted' as const,
    payload: { limit: limits.overall, dueAt: overallDue.toISOString() },
  };
  const change = { overallDueAt: overallDue.toISOString() };
  // Staged with the acceptance for the first step's opening: Temporal answers the acceptance's
  // Update with the workflow task that ran them, and a task ends only when its local activities
  // have, so a write of its own only added a local activity. Runs recorded before wrote it apart.
  if (overallLimitWithFirstStep()) await proc.ledger.stage(event, change);
  else await proc.ledger.record(event, change);
  void watchOverallLimit(proc, { days: limits.overall.days, extendedDays: limits.overallExtended.days });
}

/** Ends the case's procedure: nothing more is accepted beside its steps. */
export function closeCase(
  proc: CaseProcedure,
  ...args: Parameters<CaseProcedure['ledger']['close']>
): Promise<CaseView> {
  proc.closed = true;
  return proc.ledger.close(...args);
}

/**
 * 不予批准: ends the case with the refusal letter, its reasons and the appeal rights; the run
 * ends once the letter is recorded as served (送达, within the county's limit).
 */
export async function refuseCase(
  proc: CaseProcedure,
  step: HumanStepName,
  actor: Actor,
  reasons: string,
  decidedBy: string,
): Promise<CaseView> {
  const owed = owesRefusalLetterService(proc);
  const view = await closeCase(
    proc,
    'REFUSED',
    { type: 'caseClosed', step, actor, decision: 'refused', reasons },
    { letter: { kind: 'refusal', facts: { reasons, decidedBy } } },
  );
  if (owed) await awaitRefusalLetterService(proc);
  return proc.letterServed ? proc.ledger.current : view;
}

type CountyRefusal = { decision: 'refuse'; reasons: string };
type CountyApproval = { decision: string; monthlyAmountYuan: number; amountReasons?: string };

/**
 * 县级审批 / 审核确认: the county approves with the monthly amount (unless `approvalBlocked` says
 * why not yet), or refuses in writing, which closes the case with the refusal letter. Answers
 * the approval, with the month the benefit starts from, or the closed case's view.
 */
export async function runCountyDecision<P extends CountyApproval | CountyRefusal>(
  proc: CaseProcedure,
  spec: Pick<HumanStepRun<P>, 'payload' | 'limit'> & {
    approvalBlocked: () => { type: StepRejection; message: string } | null;
  },
): Promise<
  | { refused: CaseView }
  | {
      approved: {
        actor: Actor;
        payload: Exclude<P, CountyRefusal>;
        amount: number;
        benefitStartMonth: string;
        /** The computed amount and the reasons, when the county approved another. */
        difference: ReturnType<typeof amountDifference>;
      };
    }
> {
  const computedYuan = proc.ledger.current.monthlyAmount ?? null;
  const amountOf = (p: CountyApproval) => ({
    approvedYuan: p.monthlyAmountYuan,
    computedYuan,
    amountReasons: p.amountReasons,
  });
  const decided = await runHumanStep<P>(proc, {
    step: 'countyApproval',
    status: 'COUNTY_APPROVAL',
    assigneeUnitId: proc.input.countyId,
    payload: spec.payload,
    limit: spec.limit,
    guard: (p) => {
      if (p.decision === 'refuse') return null;
      const differs = amountDifferenceRefused(amountOf(p as CountyApproval));
      return spec.approvalBlocked() ?? (differs ? { type: 'InvalidPayload', message: differs } : null);
    },
  });
  const { actor, payload } = decided;
  if (payload.decision === 'refuse') {
    const { reasons } = payload as CountyRefusal;
    return {
      refused: await refuseCase(proc, 'countyApproval', actor, reasons, '县级人民政府民政部门审核确认'),
    };
  }
  const approval = payload as Exclude<P, CountyRefusal>;
  return {
    approved: {
      actor,
      payload: approval,
      amount: approval.monthlyAmountYuan,
      benefitStartMonth: followingMonth(Date.now()),
      difference: amountDifference(amountOf(approval)),
    },
  };
}

/**
 * Approved: the application closes ENROLLED with the approval letter (or certificate) and the
 * amount; the benefit starts the following month. The caller starts the enrolment's workflow.
 */
export function closeEnrolled(
  proc: CaseProcedure,
  approval: {
    actor: Actor;
    amount: number;
    benefitStartMonth: string;
    difference?: ReturnType<typeof amountDifference>;
    payload?: Record<string, unknown>;
  },
  letter: LetterRequest,
): Promise<CaseView> {
  const { actor, amount, benefitStartMonth, difference } = approval;
  return closeCase(
    proc,
    'ENROLLED',
    {
      type: 'caseClosed',
      step: 'countyApproval',
      actor,
      decision: 'enrolled',
      reasons: difference?.amountReasons ?? null,
      payload: { monthlyAmountYuan: amount, benefitStartMonth, ...difference, ...approval.payload },
    },
    { letter },
    { monthlyAmount: amount },
  );
}
