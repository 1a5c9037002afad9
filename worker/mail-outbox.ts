import type { Logger } from 'pino';
import { deliverOutbox } from '../activities/mail-delivery';
import type { Database } from '../platform/database';
import type { Mailer } from '../platform/mailer';

const IDLE_MS = 500;
const AFTER_FAILURE_MS = 5_000;
const BATCH = 20;

/**
 * The mail outbox beside the workflows: the procedures write each letter and mail in the same
 * transaction as their step, and this loop sends what is waiting, so no workflow waits for
 * SMTP or records a delivery in its history. Several workers may run it: a row is claimed
 * before it is sent. Answers a function that stops it after the round in progress.
 */
export function startMailOutbox(
  db: Database,
  mailer: Mailer,
  log?: Pick<Logger, 'warn'>,
): () => Promise<void> {
  let running = true;
  let wake: (() => void) | undefined;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      setTimeout(resolve, ms).unref();
    });
  const loop = (async () => {
    while (running) {
      try {
        const sent = await deliverOutbox(db, mailer, BATCH);
        if (sent < BATCH) await pause(IDLE_MS);
      } catch (error) {
        log?.warn({ err: error }, 'mail outbox round failed; trying again');
        await pause(AFTER_FAILURE_MS);
      }
    }
  })();
  return async () => {
    running = false;
    wake?.();
    await loop;
  };
}
