import { acceptanceDecisionSchema, type AcceptanceDecision } from '../domain/step-decisions';
import { records, CaseLedger } from './case-ledger';
import type { CaseView, CaseWorkflowInput } from './definitions';
import { StepDesk } from './human-step';
import { runHumanStep } from './run-human-step';

/** 低保 application: from the application to the county's decision. */
export async function dibaoApplication(input: CaseWorkflowInput): Promise<CaseView> {
  const ledger = new CaseLedger(input);
  const desk = new StepDesk(input.villagePath);
  const { policy } = await records.loadCountyRules({ countyId: input.countyId });

  // 受理: the township decides whether to accept the application.
  const acceptance = await runHumanStep<AcceptanceDecision>(ledger, desk, {
    step: 'acceptance',
    status: 'SUBMITTED',
    roles: ['TOWNSHIP_OFFICER'],
    payload: acceptanceDecisionSchema,
    assigneeUnitId: input.townshipId,
    limit: policy.stepLimits.acceptance,
  });
  if (acceptance.payload.decision === 'reject') {
    return ledger.close('NOT_ACCEPTED', { type: 'caseClosed', reasons: acceptance.payload.reasons });
  }
  // The investigation and the steps after it follow the acceptance here.
  return ledger.close('ACCEPTED', { type: 'caseClosed', decision: 'accepted' });
}
