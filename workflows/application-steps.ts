import type { HumanStepName } from '../domain/case-steps';
import type { CountyPolicy } from '../domain/county-policy';
import { acceptanceDecisionSchema, type AcceptanceDecision } from '../domain/step-decisions';
import type { Actor } from '../domain/staff-roles';
import { STEP_ROLES } from '../domain/step-roles';
import { addWorkingDays } from '../domain/working-days';
import type { CaseProcedure } from './case-procedure';
import type { CaseView } from './definitions';
import { watchOverallLimit } from './overall-limit';
import { runHumanStep } from './run-human-step';

/** The steps every application procedure opens and closes with, whatever its programme. */

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
    roles: STEP_ROLES.acceptance,
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
  await proc.ledger.record(
    { type: 'overallLimitStarted', payload: { limit: limits.overall, dueAt: overallDue.toISOString() } },
    { overallDueAt: overallDue.toISOString() },
  );
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

/** 不予批准: ends the case with the refusal letter, its reasons and the appeal rights. */
export function refuseCase(
  proc: CaseProcedure,
  step: HumanStepName,
  actor: Actor,
  reasons: string,
  decidedBy: string,
): Promise<CaseView> {
  return closeCase(
    proc,
    'REFUSED',
    { type: 'caseClosed', step, actor, decision: 'refused', reasons },
    { letter: { kind: 'refusal', facts: { reasons, decidedBy } } },
  );
}
