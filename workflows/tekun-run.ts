import { workflowInfo } from '@temporalio/workflow';
import { CaseProcedure } from './case-procedure';
import { enrolmentWorkflowId } from './definitions';
import type {
  TekunCycle,
  TekunSupportInput,
  TekunSupportState,
  TerminationOrder,
} from './tekun-support-state';

/** One year of a person's 特困 support, shared by its parts: review, care, beds, termination. */
export class TekunRun {
  readonly proc: CaseProcedure;
  readonly state: TekunSupportState;
  /** Asked for by staff or decided by the rules; the main loop runs the termination procedure. */
  termination: TerminationOrder | null = null;
  /** True once the termination is final (notice passed): no more steps or actions. */
  ending = false;
  paying = false;
  private keys = 0;

  constructor(
    readonly input: TekunSupportInput,
    cycle: TekunCycle,
  ) {
    this.state = {
      ...cycle,
      caseNo: input.case.caseNo,
      stopFromMonth: null,
      terminationReason: null,
      active: true,
    };
    this.proc = new CaseProcedure(input.case, {
      status: 'ENROLLED',
      monthlyAmount: cycle.monthlyAmountYuan,
      nextReviewAt: new Date(cycle.nextReviewAt).toISOString(),
    });
  }

  get workflowId(): string {
    return enrolmentWorkflowId(this.input.case.caseNo);
  }

  get ledger() {
    return this.proc.ledger;
  }

  /** A key for one care-home write, replayed identically, so a retried activity writes it once. */
  nextKey(purpose: string): string {
    const { workflowId, runId } = workflowInfo();
    return `${workflowId}/${runId}/${purpose}/${++this.keys}`;
  }

  cycle(): TekunCycle {
    const { caseNo: _c, stopFromMonth: _s, terminationReason: _t, active: _a, ...cycle } = this.state;
    return cycle;
  }
}
