import type { Client } from '@temporalio/client';
import { Router } from 'express';
import type { Database } from '../../platform/database';

async function probe(check: () => Promise<unknown>): Promise<{ ok: boolean; error?: string }> {
  try {
    await check();
    return { ok: true };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/** Reachability of the database and the Temporal server; 503 when either is down. */
export function healthRoutes({ db, temporal }: { db: Database; temporal: Client }): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const [database, temporalServer] = await Promise.all([
      probe(() => db.$queryRaw`SELECT 1`),
      probe(() => temporal.workflowService.getSystemInfo({})),
    ]);
    const ok = database.ok && temporalServer.ok;
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', database, temporal: temporalServer });
  });
  return router;
}
