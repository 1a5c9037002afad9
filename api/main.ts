import { Client, Connection } from '@temporalio/client';
import { connectDatabase } from '../platform/database';
import { loadEnv, requireDatabaseUrl } from '../platform/env';
import { createLogger } from '../platform/logger';
import { createApp } from './app';
import { createSessionStore } from './console/sessions';
import { startLeftBehindCases } from './case-workflows';
import { startLeftBehindStandardChanges } from './standard-changes';

const RECONCILE_EVERY_MS = 60_000;

/** The API process: serves HTTP until SIGINT/SIGTERM, then drains open requests. */
async function main(): Promise<void> {
  const env = loadEnv();
  const log = createLogger('api', env.LOG_LEVEL);
  const db = connectDatabase(requireDatabaseUrl(env));
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  if (!env.SESSION_SECRET) throw new Error('Invalid environment: SESSION_SECRET is required for the API');
  const sessionStore = createSessionStore(requireDatabaseUrl(env));
  const app = createApp({
    db,
    temporal,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    log,
    sessions: { store: sessionStore, secret: env.SESSION_SECRET },
  });

  const reconcile = () =>
    Promise.all([
      startLeftBehindCases(db, temporal, env.TEMPORAL_TASK_QUEUE).then(
        (n) => n > 0 && log.warn({ started: n }, 'started workflows of cases left behind'),
      ),
      startLeftBehindStandardChanges(db, temporal, env.TEMPORAL_TASK_QUEUE).then(
        (n) => n > 0 && log.warn({ started: n }, 'requested reviews of standard changes left behind'),
      ),
    ]).catch((err) => log.error({ err }, 'reconciling failed'));
  await reconcile();
  const timer = setInterval(reconcile, RECONCILE_EVERY_MS);

  const server = app.listen(env.PORT, env.HOST, () =>
    log.info(`API listening on http://${env.HOST}:${env.PORT}`),
  );
  const stop = (signal: string) => {
    log.info({ signal }, 'stopping API');
    clearInterval(timer);
    server.close(async () => {
      await connection.close();
      await db.$disconnect();
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  createLogger('api').fatal({ err: error }, 'API failed');
  process.exit(1);
});
