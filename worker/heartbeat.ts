import type { Logger } from 'pino';
import type { Database } from '../platform/database';

/** How often a worker renews its row, and how old a row may be for the worker to count as alive. */
export const HEARTBEAT_EVERY_MS = 5_000;
export const HEARTBEAT_FRESH_SECONDS = 15;
/** Rows of workers that stopped without a goodbye (SIGKILL, a lost machine) are dropped after this. */
const FORGET_AFTER = '1 day';

/**
 * Renews the worker's row in `WorkerHeartbeat` while `polling()` says it polls its task queue,
 * and removes it when stopped. Answers a function that stops it.
 */
export function startWorkerHeartbeat(
  db: Database,
  worker: { identity: string; taskQueue: string; polling: () => boolean },
  log?: Pick<Logger, 'warn'>,
): () => Promise<void> {
  let failing = false;
  const beat = async () => {
    if (!worker.polling()) return;
    try {
      await db.$executeRaw`
        INSERT INTO "WorkerHeartbeat" ("identity", "taskQueue")
        VALUES (${worker.identity}, ${worker.taskQueue})
        ON CONFLICT ("identity") DO UPDATE SET "beatAt" = CURRENT_TIMESTAMP`;
      await db.$executeRaw`
        DELETE FROM "WorkerHeartbeat" WHERE "beatAt" < CURRENT_TIMESTAMP - ${FORGET_AFTER}::interval`;
      failing = false;
    } catch (error) {
      // Said once per outage, not every five seconds.
      if (!failing) log?.warn({ err: error }, 'worker heartbeat not written; trying again');
      failing = true;
    }
  };
  let round = beat();
  const timer = setInterval(() => {
    round = round.then(beat);
  }, HEARTBEAT_EVERY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await round;
    await db.$executeRaw`DELETE FROM "WorkerHeartbeat" WHERE "identity" = ${worker.identity}`.catch(
      () => undefined,
    );
  };
}

/** How many workers of the task queue beat within the freshness window. */
export async function liveWorkers(db: Database, taskQueue: string): Promise<number> {
  const [row] = await db.$queryRaw<[{ live: number }]>`
    SELECT count(*)::int AS "live" FROM "WorkerHeartbeat"
    WHERE "taskQueue" = ${taskQueue}
      AND "beatAt" > CURRENT_TIMESTAMP - ${`${HEARTBEAT_FRESH_SECONDS} seconds`}::interval`;
  return row?.live ?? 0;
}
