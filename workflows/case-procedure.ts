import type { CountyRules } from '../activities/county-rules';
import type { HumanStepName } from '../domain/case-steps';
import type { CountyHomeVisit, InvestigationStart, LetterService, Objection } from '../domain/step-decisions';
import { registerCaseActions } from './case-actions';
import { CaseLedger, localRecords, records, type CaseChange } from './case-ledger';
import type { CaseWorkflowInput } from './definitions';
import { StepDesk } from './human-step';
import { since } from './lean-history';

const RULES_CARRIED = 'county-rules-carried-by-version';

/**
 * Everything one case's procedure shares between its step sequence and the handlers that
 * run beside it: the ledger, the desk, the open step's deadline, the overall limit, the
 * notice period's objections and the county's home visit.
 */
export class CaseProcedure {
  readonly ledger: CaseLedger;
  readonly desk: StepDesk;
  stepDeadline?: { step: HumanStepName; dueAt: number };
  /** `extendedDays`: a programme's own extended limit (临时救助); else 低保's, read at the extension. */
  overall?: { startedAt: number; dueAt: number; extended: boolean; extendedDays?: number };
  notice?: { objections: Objection[] };
  countyVisit?: CountyHomeVisit;
  /** 开始入户调查, once recorded (the investigation's start has its own limit). */
  investigationStarted?: InvestigationStart;
  /** 送达: the refusal letter, awaiting service (null) or served; undefined when none is owed. */
  letterServed?: LetterService | null;
  closed = false;

  constructor(
    readonly input: CaseWorkflowInput,
    initial: CaseChange = {},
  ) {
    this.ledger = new CaseLedger(input, initial);
    const ledger = this.ledger;
    // A serial run answers each decision with its own write (`CaseLedger.whenWritten`).
    this.desk = new StepDesk(
      input.villagePath,
      ledger.batched && !ledger.serial ? () => ledger.settledView() : undefined,
    );
    registerCaseActions(this);
  }

  /**
   * The county's configuration and calendar, checked afresh so a change applies to the next
   * step: a local activity that answers only the version while the rules are unchanged, so
   * the history holds them once per run, and none at all while the last read-model write
   * found the version unchanged. Histories recorded before the patch read them whole as an
   * activity each time.
   */
  async rules(): Promise<CountyRules> {
    if (!since(RULES_CARRIED)) return records.loadCountyRules({ countyId: this.input.countyId });
    // Every read-model write answers the rules' version: unchanged since, they are still good.
    if (this.carried && this.ledger.rulesVersion === this.carried.version) return this.carried.rules;
    return this.ledger.inTurn(() => this.refreshRules());
  }

  /** The rules' refresh, in turn with the ledger's writes (serial runs; at once before). */
  private async refreshRules(): Promise<CountyRules> {
    // A write ahead of this one in the queue may have found them unchanged meanwhile.
    if (this.ledger.serial && this.carried && this.ledger.rulesVersion === this.carried.version)
      return this.carried.rules;
    const fresh = await localRecords.refreshCountyRules({
      countyId: this.input.countyId,
      knownVersion: this.carried?.version ?? null,
    });
    if (fresh.rules) this.carried = { version: fresh.version, rules: fresh.rules };
    if (this.ledger.batched) this.ledger.rulesVersion = fresh.version;
    return this.carried!.rules;
  }

  private carried?: { version: string; rules: CountyRules };
}
