import { loadEnv, requireDatabaseUrl } from '../platform/env';
import { createLogger } from '../platform/logger';
import { createApp } from './app';
import { queueCalendarWarnings } from './calendar-warnings';
import { startLeftBehindCases } from './case-workflows';
import { connectApiServices } from './services';
import { startLeftBehindStandardChanges } from './standard-changes';

const RECONCILE_EVERY_MS = 60_000;
/** Requests still open this long after a stop signal are cut off. */
const DRAIN_MS = 5_000;
/** After the drain, how long closing the pools may take before the process exits regardless. */
const CLOSE_MS = 5_000;

/**
 * The API process: serves HTTP until SIGINT/SIGTERM, then drains open requests. It listens at
 * once, whether or not Postgres and Temporal answer yet: while either is down it answers 503.
 */
async function main(): Promise<void> {
  const env = loadEnv();
  const log = createLogger('api', env.LOG_LEVEL);
  if (!env.SESSION_SECRET) throw new Error('Invalid environment: SESSION_SECRET is required for the API');
  const services = connectApiServices({
    databaseUrl: requireDatabaseUrl(env),
    temporalAddress: env.TEMPORAL_ADDRESS,
    namespace: env.TEMPORAL_NAMESPACE,
  });
  const { db, temporal } = services;
  const app = createApp({
    db,
    temporal,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    log,
    sessions: { store: services.sessionStore, secret: env.SESSION_SECRET },
    publicBaseUrl: env.PUBLIC_BASE_URL,
  });

  const reconcile = () =>
    Promise.all([
      startLeftBehindCases(db, temporal, env.TEMPORAL_TASK_QUEUE).then(
        (n) => n > 0 && log.warn({ started: n }, 'started workflows of cases left behind'),
      ),
      startLeftBehindStandardChanges(db, temporal, env.TEMPORAL_TASK_QUEUE).then(
        (n) => n > 0 && log.warn({ started: n }, 'requested reviews of standard changes left behind'),
      ),
      // Each round, not on a timer of its own: a cheap query, and the mail's unique key sends it once.
      queueCalendarWarnings(db).then(
        (n) => n > 0 && log.warn({ queued: n }, 'a holiday calendar is missing: administrators mailed'),
      ),
    ]).catch((err) => log.error({ err }, 'reconciling failed'));
  const timer = setInterval(reconcile, RECONCILE_EVERY_MS);

  const server = app.listen(env.PORT, env.HOST, () => {
    log.info(`API listening on http://${env.HOST}:${env.PORT}`);
    void reconcile();
  });
  server.on('error', (error) => {
    log.fatal({ err: error }, 'API cannot listen');
    process.exit(1);
  });
  const stop = (signal: string) => {
    log.info({ signal }, 'stopping API');
    clearInterval(timer);
    server.close(async () => {
      await services.close().catch((err) => log.warn({ err }, 'closing connections failed'));
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), DRAIN_MS).unref();
    // A pool that never finishes closing (a query stuck on a dead connection) must not keep a
    // stopped API alive until a second signal: requests are drained by then, nothing is lost.
    setTimeout(() => {
      log.error({ signal }, 'closing connections took too long: exiting');
      process.exit(1);
    }, DRAIN_MS + CLOSE_MS).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  createLogger('api').fatal({ err: error }, 'API failed');
  process.exit(1);
});
