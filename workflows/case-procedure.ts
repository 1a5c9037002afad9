import type { CountyRules } from '../activities/county-rules';
import type { HumanStepName } from '../domain/case-steps';
import type { CountyHomeVisit, Objection } from '../domain/step-decisions';
import { registerCaseActions } from './case-actions';
import { CaseLedger, records, type CaseChange } from './case-ledger';
import type { CaseWorkflowInput } from './definitions';
import { StepDesk } from './human-step';

/**
 * Everything one case's procedure shares between its step sequence and the handlers that
 * run beside it: the ledger, the desk, the open step's deadline, the overall limit, the
 * notice period's objections and the county's home visit.
 */
export class CaseProcedure {
  readonly ledger: CaseLedger;
  readonly desk: StepDesk;
  stepDeadline?: { step: HumanStepName; dueAt: number };
  overall?: { startedAt: number; dueAt: number; extended: boolean };
  notice?: { objections: Objection[] };
  countyVisit?: CountyHomeVisit;
  closed = false;

  constructor(
    readonly input: CaseWorkflowInput,
    initial: CaseChange = {},
  ) {
    this.ledger = new CaseLedger(input, initial);
    this.desk = new StepDesk(input.villagePath);
    registerCaseActions(this);
  }

  /** The county's configuration and calendar, read afresh so a change applies to the next step. */
  rules(): Promise<CountyRules> {
    return records.loadCountyRules({ countyId: this.input.countyId });
  }
}
