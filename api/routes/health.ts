import { Router } from 'express';
import { liveWorkers } from '../../worker/heartbeat';
import { RETRY_AFTER_SECONDS } from '../outage';
import type { RouteServices } from '../services';

/** Each part answers within this, or counts as down: the health check itself never hangs. */
export const PROBE_TIMEOUT_MS = 2_000;

/**
 * Why a part is down, from a fixed vocabulary: the body is public, so it never carries an
 * error's text, a host or a port (those go to the API's log).
 */
type Reason = 'unreachable' | 'timeout' | 'no_worker' | 'unknown';
type Part = { ok: true } | { ok: false; reason: Reason };

class ProbeTimeout extends Error {}

async function probe(check: () => Promise<boolean>): Promise<Part> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProbeTimeout()), PROBE_TIMEOUT_MS);
  });
  try {
    return (await Promise.race([check(), timeout])) ? { ok: true } : { ok: false, reason: 'no_worker' };
  } catch (error) {
    return { ok: false, reason: error instanceof ProbeTimeout ? 'timeout' : 'unreachable' };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Postgres, the Temporal server and the case workers, each on its own: 200 when all three are
 * up, else 503 naming which part is down. A worker counts when it has renewed its heartbeat row
 * lately (worker/heartbeat.ts); with the database down that cannot be known.
 */
export function healthRoutes({ db, temporal, taskQueue }: RouteServices): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const [database, temporalServer, workers] = await Promise.all([
      probe(async () => (await db.$queryRaw`SELECT 1`, true)),
      probe(() =>
        temporal.connection.withDeadline(Date.now() + PROBE_TIMEOUT_MS, async () => {
          await temporal.workflowService.getSystemInfo({});
          return true;
        }),
      ),
      probe(async () => (await liveWorkers(db, taskQueue)) > 0),
    ]);
    const worker: Part = database.ok ? workers : { ok: false, reason: 'unknown' };
    const ok = database.ok && temporalServer.ok && worker.ok;
    if (!ok) res.set('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(ok ? 200 : 503).json({
      status: ok ? 'ok' : 'degraded',
      database,
      temporal: temporalServer,
      worker,
    });
  });
  return router;
}
