import { condition } from '@temporalio/workflow';

/**
 * Hands queued mail to the SMTP server beside the procedure, one delivery at a time, so a
 * decision is answered once it is written, not once its letter is mailed. A write that queues
 * more mail meanwhile makes the running delivery go round once more.
 */
export class MailCourier {
  private queued = false;
  private delivering = false;

  constructor(private readonly deliver: () => Promise<unknown>) {}

  kick(): void {
    this.queued = true;
    if (this.delivering) return;
    this.delivering = true;
    void (async () => {
      while (this.queued) {
        this.queued = false;
        await this.deliver();
      }
      this.delivering = false;
    })();
  }

  /** Resolves once every mail queued so far is delivered: a run ends only after that. */
  settled(): Promise<void> {
    return condition(() => !this.delivering);
  }
}
