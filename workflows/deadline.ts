import { condition } from '@temporalio/workflow';

/** What a wait with a deadline watches: human steps, a referral's answers, the overall limit. */
export interface DeadlineWatch {
  /** The wait is over (a decision handed in, the case closed). */
  done(): boolean;
  /** The deadline now (epoch ms), or null while nothing is due; read afresh, so an extension moves it. */
  dueAt(): number | null;
  /** Another change that restarts the wait with the deadline it brings (a referral's status). */
  epoch?(): unknown;
  /** Something the caller must deal with first (an exit, a closure): the wait returns at once. */
  interrupted?(): boolean;
  /** The deadline passed: mark overdue, remind, escalate (once per deadline), or end the wait by throwing. */
  onOverdue(due: number): Promise<void>;
}

/**
 * The one deadline primitive: waits until `done`, and when the deadline passes first, calls
 * `onOverdue` once for it and keeps waiting; an extension moves the deadline and the clock
 * starts again. Answers whether the wait ended done or interrupted.
 */
export async function awaitDeadline(watch: DeadlineWatch): Promise<'done' | 'interrupted'> {
  let overdueFor: number | null = null;
  for (;;) {
    if (watch.done()) return 'done';
    if (watch.interrupted?.()) return 'interrupted';
    const due = watch.dueAt();
    const epoch = watch.epoch?.();
    const moved = () =>
      watch.done() || watch.dueAt() !== due || watch.epoch?.() !== epoch || Boolean(watch.interrupted?.());
    if (due === null) {
      await condition(moved);
    } else if (due > Date.now()) {
      await condition(moved, due - Date.now());
    } else if (overdueFor !== due) {
      overdueFor = due;
      await watch.onOverdue(due);
    } else {
      await condition(moved);
    }
  }
}
