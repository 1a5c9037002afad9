import { patched, setHandler, workflowInfo } from '@temporalio/workflow';
import type { LetterRequest, StaffMailRequest } from '../activities/letters';
import type { ReferralChange, ReferralRecord, ReferralTransitionInput } from '../activities/referral-records';
import { MAIL_BY_OUTBOX, readModel, records } from './case-ledger';
import { MailCourier } from './mail-courier';
import { referralStateQuery, type ReferralView } from './referral-definitions';

/**
 * A referral's ledger: its view (answered by the query) and the one way to change it, an
 * activity that writes the referral's row and an event in its case's log (with any letter or
 * mail) in one transaction, keyed by the run and a counter so a retry writes nothing twice.
 * Writes are serialised, like the case ledger's.
 */
export class ReferralLedger {
  private view: ReferralView;
  private writes = 0;
  private tail: Promise<unknown> = Promise.resolve();
  private referralId: string | null = null;
  private readonly courier = new MailCourier(() =>
    records.deliverPendingMail({ caseId: this.referral.caseId, referralId: this.referralId }),
  );

  constructor(
    private readonly referral: ReferralRecord,
    initial: ReferralView,
  ) {
    this.view = initial;
    setHandler(referralStateQuery, () => this.view);
  }

  get current(): ReferralView {
    return this.view;
  }

  record(
    event: ReferralTransitionInput['event'],
    change: Partial<ReferralChange>,
    /** The unit the referral waits on afterwards: reminders and the letter's audience resolve to it. */
    assigneeUnitId: string,
    correspondence: { letter?: LetterRequest; staffMails?: StaffMailRequest[] } = {},
  ): Promise<ReferralView> {
    const write = this.tail.then(async () => {
      const { workflowId, runId } = workflowInfo();
      const next: ReferralView = { ...this.view, ...pickView(change) };
      const { queuedMail, referralId } = await readModel().recordReferralTransition({
        key: `${workflowId}/${runId}/${++this.writes}`,
        referral: this.referral,
        change: { ...change, status: next.status, dueAt: next.dueAt, overdue: next.overdue },
        event,
        assigneeUnitId,
        ...correspondence,
      });
      this.referralId = referralId;
      this.view = next;
      // The outbox sends it; histories from before it delivered it themselves.
      if (queuedMail > 0 && !patched(MAIL_BY_OUTBOX)) this.courier.kick();
      return next;
    });
    this.tail = write.catch(() => undefined);
    return write;
  }

  /** Resolves once every mail queued so far is delivered. */
  settled(): Promise<void> {
    return this.courier.settled();
  }
}

function pickView(change: Partial<ReferralChange>): Partial<ReferralView> {
  return {
    ...(change.status !== undefined && { status: change.status }),
    ...(change.dueAt !== undefined && { dueAt: change.dueAt }),
    ...(change.overdue !== undefined && { overdue: change.overdue }),
  };
}
