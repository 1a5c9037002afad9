import { ApplicationFailure } from '@temporalio/workflow';
import type { CaseStatus } from '../domain/case-steps';
import type { ProgrammeFacts } from '../domain/programme-facts';
import { CaseProcedure } from './case-procedure';
import type { CaseChange } from './case-ledger';
import { enrolmentWorkflowId, type CaseWorkflowInput } from './definitions';

/** What every programme's cycle of service carries, whatever else it adds. */
export interface ServiceCycle {
  cycle: number;
  monthlyAmountYuan: number;
  /** The first benefit month not yet on the payment roster. */
  nextPaymentMonth: string;
  /** When the next regular review opens (epoch ms). */
  nextReviewAt: number;
}

/** The cycle as the state query answers it: who, and whether and when service ends. */
export type ServiceState<C extends ServiceCycle, R extends string> = C & {
  caseNo: string;
  /** Set once the exit notice is written: no benefit from this month on. */
  stopFromMonth: string | null;
  exitReason: R | null;
  active: boolean;
};

/**
 * The cycle a run of an enrolment serves: the one carried over by continue-as-new, or the
 * first, made from the approval that started the enrolment.
 */
export function cycleToServe<C extends ServiceCycle, A>(
  carried: C | undefined,
  approved: A | undefined,
  firstCycle: (approved: A) => C,
): C {
  if (carried) return { ...carried, cycle: carried.cycle + 1 };
  if (!approved)
    throw ApplicationFailure.nonRetryable('an enrolment needs its approval or a carried cycle', 'BadInput');
  return firstCycle(approved);
}

/** The case's view when an exit is notified: nothing open, nothing due, no further review. */
export const EXIT_NOTIFIED: CaseChange = {
  status: 'EXIT_NOTIFIED',
  currentStep: null,
  assigneeUnitId: null,
  dueAt: null,
  overdue: false,
  nextReviewAt: null,
};

/**
 * One cycle of an enrolled case's service, any programme: its procedure (ledger, desk,
 * actions), its state, and whether a month is being put on the roster (a cycle ends only
 * between payments).
 */
export abstract class ServiceRun<C extends ServiceCycle, R extends string> {
  readonly proc: CaseProcedure;
  readonly state: ServiceState<C, R>;
  paying = false;

  constructor(
    readonly input: { case: CaseWorkflowInput },
    cycle: C,
    status: CaseStatus,
    programmeFacts?: ProgrammeFacts,
  ) {
    this.state = { ...cycle, caseNo: input.case.caseNo, stopFromMonth: null, exitReason: null, active: true };
    this.proc = new CaseProcedure(input.case, {
      status,
      monthlyAmount: cycle.monthlyAmountYuan,
      nextReviewAt: new Date(cycle.nextReviewAt).toISOString(),
      ...(programmeFacts && { programmeFacts }),
    });
  }

  get workflowId(): string {
    return enrolmentWorkflowId(this.input.case.caseNo);
  }

  get ledger() {
    return this.proc.ledger;
  }
}
