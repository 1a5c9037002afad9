import {
  condition,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { createActivities } from '../activities';
import type { TransitionInput } from '../activities/case-records';
import type { HouseholdFacts } from '../activities/household-facts';
import type { LetterRequest, StaffMailRequest } from '../activities/letters';
import type { CaseEventType, CaseStatus, ProcedureStep } from '../domain/case-steps';
import type { Actor } from '../domain/staff-roles';
import { leanHistory, serialLocalActivities, since } from './lean-history';
import { MailCourier } from './mail-courier';
import { caseStateQuery, type CaseView, type CaseWorkflowInput } from './definitions';
import {
  CaseCounty,
  CaseDueAt,
  CaseOverdue,
  CaseProgramme,
  CaseStep,
  CaseTownship,
} from './search-attributes';

type Activities = ReturnType<typeof createActivities>;

const MAIL_BESIDE_PROCEDURE = 'mail-delivered-beside-procedure';
const SEARCH_ATTRIBUTES_ON_CHANGE = 'search-attributes-on-change';
export const MAIL_BY_OUTBOX = 'mail-sent-by-outbox';

export const records = proxyActivities<Activities>({
  startToCloseTimeout: '20 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/** Short reads and keyed writes the workflow needs at once: recorded as one marker each. */
export const localRecords = proxyLocalActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', backoffCoefficient: 2 },
});

const LOCAL_READ_MODEL = 'read-model-as-local-activities';
const ONE_WRITE_PER_TRANSITION = 'one-write-per-transition';

/**
 * The read model's keyed writes and the household's facts: local activities since the patch
 * (one marker event each, no round trip through a task queue; a retry after a worker's crash
 * writes nothing twice, by key); histories recorded before it ran them as activities.
 */
export function readModel(): Pick<
  Activities,
  'recordTransition' | 'recordReferralTransition' | 'loadHouseholdFacts'
> {
  return since(LOCAL_READ_MODEL) ? localRecords : records;
}

export interface EventInput {
  type: CaseEventType;
  step?: ProcedureStep | null;
  actor?: Actor;
  decision?: string | null;
  reasons?: string | null;
  payload?: unknown;
}

export interface Correspondence {
  letter?: LetterRequest;
  staffMails?: StaffMailRequest[];
  /** A one-off grant's month on the payment roster, written with the transition (临时救助). */
  payment?: TransitionInput['payment'];
}

export type CaseChange = Partial<Omit<CaseView, 'caseNo'>>;

/**
 * The workflow's ledger of a case: its current view (answered by the state query and kept
 * in the search attributes) and the one way to change it — an activity that writes the case
 * row, an event and any letter or mail in one transaction. Each write carries a key made of
 * the run and a counter, both replayed identically, so a retried or re-run activity never
 * writes a second event, letter or mail.
 */
export class CaseLedger {
  private view: CaseView;
  private writes = 0;

  constructor(
    readonly input: CaseWorkflowInput,
    /** Where a workflow that takes over a case (the enrolment) finds it. */
    initial: CaseChange = {},
  ) {
    this.view = {
      caseNo: input.caseNo,
      status: 'SUBMITTED',
      currentStep: null,
      assigneeUnitId: null,
      dueAt: null,
      overdue: false,
      overallDueAt: null,
      overallOverdue: false,
      monthlyAmount: null,
      nextReviewAt: null,
      ...initial,
    };
    this.written = this.view;
    setHandler(caseStateQuery, () => this.view);
    // A lean run upserts `CaseStep` and `CaseDueAt` no more (the read model serves the step and
    // its due date to every list): `CaseOverdue` goes with the run's first upsert and then only
    // when it flips, one history event less per step.
    this.overdueOnly = leanHistory();
    upsertSearchAttributes([
      { key: CaseProgramme, value: input.programme },
      { key: CaseCounty, value: input.countyId },
      { key: CaseTownship, value: input.townshipId },
      ...(this.overdueOnly ? [{ key: CaseOverdue, value: this.view.overdue }] : []),
    ]);
    this.batched = since(ONE_WRITE_PER_TRANSITION);
    this.serial = serialLocalActivities();
    if (this.batched) void this.flushWhenIdle();
  }

  /**
   * Since the patch `serial-local-activities` every local activity of the procedure — the
   * keyed writes, the household's facts, the county rules' refresh — takes its turn in one
   * queue, so two never run at once. Run at once, which finished first depended on the
   * machine's load, while a replay resolves them from their markers together, in the order
   * they were scheduled: an Update answered between them in the first run was answered on the
   * other side of them in the replay (a nondeterminism error). In turn, their order is the
   * order the workflow code asked for them. And a decision's Update waits for the write that
   * carries that decision (`whenWritten`), not for every write outstanding.
   */
  readonly serial: boolean;

  /**
   * Since the patch a transition is one write: a decision and what follows from it (the
   * assessment, the next step's opening, a letter) are staged and go to Postgres together, in
   * one transaction and one local activity, with the next `record` or, at the latest, when
   * the workflow next waits. Histories recorded before it wrote each as it came.
   */
  readonly batched: boolean;
  private staged: TransitionInput[] = [];
  /** Resolved once the staged writes are in (serial runs): what a decision's Update waits for. */
  private stagedWritten?: { promise: Promise<CaseView>; resolve: (view: CaseView) => void };
  /** The view as last written to the read model (the search attributes follow it). */
  private written: CaseView;
  private inFlight = 0;
  /** The county rules' version as the last write found it: `CaseProcedure.rules` reads them again only when it moves. */
  rulesVersion: string | null = null;

  get current(): CaseView {
    return this.view;
  }

  /**
   * Writes are serialised: the step sequence and the handlers running beside it (extensions,
   * objections, the overall-limit watch) each see the view the previous write left.
   */
  record(event: EventInput, change: CaseChange = {}, correspondence: Correspondence = {}): Promise<CaseView> {
    return this.serially(() => this.write(event, change, correspondence));
  }

  /**
   * A write that something else will follow at once (a decision, then the next step's
   * opening): the view changes now, the read model with the next write.
   */
  stage(event: EventInput, change: CaseChange = {}, correspondence: Correspondence = {}): Promise<CaseView> {
    if (!this.batched) return this.record(event, change, correspondence);
    this.view = { ...this.view, ...change };
    this.staged.push(this.transition(event, this.view, correspondence));
    if (this.serial && !this.stagedWritten) {
      let resolve!: (view: CaseView) => void;
      const promise = new Promise<CaseView>((r) => (resolve = r));
      this.stagedWritten = { promise, resolve };
    }
    return Promise.resolve(this.view);
  }

  /**
   * A write the procedure's next transition will carry (serial runs: staged, so it goes to
   * Postgres with the next step's opening, one local activity and one transaction fewer);
   * written at once before the patch.
   */
  recordWithNext(event: EventInput, change: CaseChange = {}): Promise<CaseView> {
    return this.serial ? this.stage(event, change) : this.record(event, change);
  }

  /**
   * The case as the read model holds it once the writes staged so far are in — with whatever
   * went with them in the same transaction (the next step's opening, as a rule). A decision's
   * Update answers with it (serial runs).
   */
  whenWritten(): Promise<CaseView> {
    return this.stagedWritten?.promise ?? Promise.resolve(this.written);
  }

  /**
   * A local activity that takes its turn with the writes (serial runs): a read of the
   * household's facts or the county rules. Before the patch it ran at once, beside them.
   */
  inTurn<T>(read: () => Promise<T>): Promise<T> {
    return this.serial ? this.serially(read) : read();
  }

  /** The household's facts as the read model holds them (a local activity, in turn). */
  householdFacts(): Promise<HouseholdFacts> {
    return this.inTurn(() => readModel().loadHouseholdFacts({ caseId: this.input.caseId }));
  }

  /**
   * The case as the read model holds it once nothing is staged or being written — when the
   * workflow waits again after a decision, so the decision's Update can answer with what it
   * led to (the next step open, the amount computed); null while writes are outstanding.
   */
  settledView(): CaseView | null {
    return this.staged.length === 0 && this.inFlight === 0 ? this.view : null;
  }

  private serially<T>(write: () => Promise<T>): Promise<T> {
    this.inFlight++;
    const next = this.tail.then(write).finally(() => this.inFlight--);
    this.tail = next.catch(() => undefined);
    return next;
  }

  private tail: Promise<unknown> = Promise.resolve();

  /**
   * Staged writes go out when the workflow waits with nothing else to carry them. In a serial
   * run they wait for the queue to be idle too: a read in turn (the facts the next step needs)
   * is usually followed by that step's opening, which carries them in the same transaction.
   */
  private async flushWhenIdle(): Promise<void> {
    for (;;) {
      await condition(() => this.staged.length > 0 && (!this.serial || this.inFlight === 0));
      await this.serially(() => this.writeStaged([]));
    }
  }

  private transition(event: EventInput, next: CaseView, correspondence: Correspondence): TransitionInput {
    const { workflowId, runId } = workflowInfo();
    return {
      key: `${workflowId}/${runId}/${++this.writes}`,
      caseId: this.input.caseId,
      programme: this.input.programme,
      event: { ...event, step: event.step ?? null },
      change: {
        status: next.status,
        currentStep: next.currentStep,
        assigneeUnitId: next.assigneeUnitId,
        dueAt: next.dueAt,
        overdue: next.overdue,
        overallDueAt: next.overallDueAt,
        overallOverdue: next.overallOverdue,
        monthlyAmount: next.monthlyAmount,
        nextReviewAt: next.nextReviewAt,
        ...(next.programmeFacts !== undefined && { programmeFacts: next.programmeFacts }),
      },
      ...correspondence,
    };
  }

  /** The staged writes and `last`, in one transaction. */
  private async writeStaged(last: TransitionInput[]): Promise<CaseView> {
    const writes = [...this.staged.splice(0), ...last];
    if (this.serial) return this.writeInTurn(writes);
    if (writes.length > 0) {
      const { rulesVersion } = await localRecords.recordTransitions({
        countyId: this.input.countyId,
        writes,
      });
      this.rulesVersion = rulesVersion;
    }
    const written = this.view;
    this.upsertSearchAttributes(this.written, written);
    this.written = written;
    return written;
  }

  /**
   * A serial run's write: the case as these writes leave it is what they answer and what the
   * search attributes follow, whatever is staged meanwhile (it goes with a later write).
   */
  private async writeInTurn(writes: TransitionInput[]): Promise<CaseView> {
    const written = this.view;
    const waiting = this.stagedWritten;
    this.stagedWritten = undefined;
    if (writes.length > 0) {
      const { rulesVersion } = await localRecords.recordTransitions({
        countyId: this.input.countyId,
        writes,
      });
      this.rulesVersion = rulesVersion;
    }
    this.upsertSearchAttributes(this.written, written);
    this.written = written;
    waiting?.resolve(written);
    return written;
  }

  private async write(
    event: EventInput,
    change: CaseChange,
    correspondence: Correspondence,
  ): Promise<CaseView> {
    const next: CaseView = { ...this.view, ...change };
    const transition = this.transition(event, next, correspondence);
    if (this.batched) {
      this.view = next;
      return this.writeStaged([transition]);
    }
    const { queuedMail } = await readModel().recordTransition(transition);
    const before = this.view;
    this.view = next;
    this.written = next;
    this.upsertSearchAttributes(before, next);
    // The outbox beside the workflows sends it; histories from before it delivered it themselves.
    if (queuedMail > 0 && !since(MAIL_BY_OUTBOX)) {
      if (since(MAIL_BESIDE_PROCEDURE)) this.courier.kick();
      // Histories recorded before the patch delivered mail before answering.
      else await records.deliverPendingMail({ caseId: this.input.caseId });
    }
    return next;
  }

  /**
   * Keeps the case's search attributes in step with its view. Histories recorded before the
   * patch upserted all three at every write; then a run wrote them once, then only a change;
   * now only `CaseOverdue`, when it flips.
   */
  private upsertSearchAttributes(before: CaseView, next: CaseView): void {
    if (this.overdueOnly) {
      if (next.overdue !== before.overdue)
        upsertSearchAttributes([{ key: CaseOverdue, value: next.overdue }]);
      return;
    }
    const all = !since(SEARCH_ATTRIBUTES_ON_CHANGE) || !this.searchAttributesWritten;
    this.searchAttributesWritten = true;
    const step = next.currentStep ?? next.status;
    const pairs: SearchAttributeUpdatePair[] = [];
    if (all || step !== (before.currentStep ?? before.status)) pairs.push({ key: CaseStep, value: step });
    if (all || next.dueAt !== before.dueAt)
      pairs.push({ key: CaseDueAt, value: next.dueAt ? new Date(next.dueAt) : null });
    if (all || next.overdue !== before.overdue) pairs.push({ key: CaseOverdue, value: next.overdue });
    if (pairs.length > 0) upsertSearchAttributes(pairs);
  }

  private searchAttributesWritten = false;
  private readonly overdueOnly: boolean;

  private readonly courier = new MailCourier(() => records.deliverPendingMail({ caseId: this.input.caseId }));

  /**
   * Resolves once every mail queued so far is delivered: a run ends only after that. A serial
   * run also waits for its staged writes and its queue, so nothing staged is lost to the run's
   * end or continue-as-new.
   */
  settled(): Promise<void> {
    if (!this.serial) return this.courier.settled();
    return condition(() => this.staged.length === 0 && this.inFlight === 0).then(() =>
      this.courier.settled(),
    );
  }

  /** Ends the procedure: no step open, nothing due. */
  close(
    status: CaseStatus,
    event: EventInput,
    correspondence: Correspondence = {},
    change: CaseChange = {},
  ): Promise<CaseView> {
    return this.record(
      event,
      {
        status,
        currentStep: null,
        assigneeUnitId: null,
        dueAt: null,
        overdue: false,
        overallOverdue: false,
        ...change,
      },
      correspondence,
    );
  }
}
