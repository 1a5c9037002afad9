import { workflowInfo } from '@temporalio/workflow';
import { Mutex } from 'async-mutex';
import type { TekunFacts } from '../domain/programme-facts';
import type { TerminationReason } from '../domain/tekun-termination';
import { ServiceRun } from './service-run';
import type { TekunCycle, TekunSupportInput, TerminationOrder } from './tekun-support-state';

/** One year of a person's 特困 support, shared by its parts: review, care, beds, termination. */
export class TekunRun extends ServiceRun<TekunCycle, TerminationReason> {
  /** Asked for by staff or decided by the rules; the main loop runs the termination procedure. */
  termination: TerminationOrder | null = null;
  /** True once the termination is final (notice passed): no more steps or actions. */
  ending = false;
  /**
   * Bed changes one at a time: the main loop (an offer answered, a termination) and the
   * support-mode action may both move the person's bed; each sees what the last one left.
   */
  readonly beds = new Mutex();
  private keys = 0;

  constructor(
    override readonly input: TekunSupportInput,
    cycle: TekunCycle,
  ) {
    super(input, cycle, 'ENROLLED', factsOf(cycle));
  }

  /** The case's 特困 figures as the cycle now stands, for the read model. */
  facts(): { programmeFacts: TekunFacts } {
    return { programmeFacts: factsOf(this.state) };
  }

  /** A key for one care-home write, replayed identically, so a retried activity writes it once. */
  nextKey(purpose: string): string {
    const { workflowId, runId } = workflowInfo();
    return `${workflowId}/${runId}/${purpose}/${++this.keys}`;
  }

  cycle(): TekunCycle {
    const { caseNo: _c, stopFromMonth: _s, exitReason: _e, active: _a, ...cycle } = this.state;
    return cycle;
  }
}

function factsOf(cycle: TekunCycle): TekunFacts {
  const { supportMode, placement } = cycle;
  return {
    careLevel: cycle.careLevel,
    basicLivingYuan: cycle.basicLivingYuan,
    careYuan: Math.round((cycle.monthlyAmountYuan - cycle.basicLivingYuan) * 100) / 100,
    supportMode: supportMode.mode,
    carerName: supportMode.mode === 'dispersed' ? supportMode.careAgreement.carerName : null,
    careHome: placement && {
      homeId: placement.homeId,
      homeName: placement.homeName,
      bedLabel: placement.bedLabel,
    },
    waitingForBed: cycle.waitingEntryId !== null,
  };
}
