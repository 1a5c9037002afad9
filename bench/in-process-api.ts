import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryStore } from 'express-session';
import { createApp } from '../api/app';
import { connectDatabase, type Database } from '../platform/database';
import { createLogger } from '../platform/logger';
import type { World } from './world';

export interface InProcessApi {
  /** The API's own pool, as in production (the driver reads the read model on `world.db`). */
  db: Database;
  base: string;
  close(): Promise<void>;
}

/**
 * The whole HTTP app on the bench's world, in the bench's process, on a free port: errors only
 * in its log (on stderr, so a 5xx under load says why while stdout holds the figures), sessions
 * in memory, and a listen backlog of the kernel's limit, not 511 (thousands of households
 * connect at once).
 */
export async function startInProcessApi(
  world: World,
  databaseUrl = world.databaseUrl,
): Promise<InProcessApi> {
  const db = connectDatabase(databaseUrl);
  const app = createApp({
    db,
    temporal: world.env.client,
    taskQueue: world.caseTaskQueue,
    log: createLogger('bench', process.env.LOG_LEVEL ?? 'error'),
    sessions: { store: new MemoryStore(), secret: 'bench-session-secret-of-at-least-32-chars' },
  });
  const server: Server = app.listen({ port: 0, host: '127.0.0.1', backlog: 4096 });
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    db,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.close();
      await db.$disconnect();
    },
  };
}
