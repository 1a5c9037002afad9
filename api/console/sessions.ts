import connectPgSimple from 'connect-pg-simple';
import session, { type Store } from 'express-session';
import type { RequestHandler } from 'express';
import { touchAtMostEvery } from './session-touch';

declare module 'express-session' {
  interface SessionData {
    userId: string;
  }
}

/** Staff sessions last a working day and are renewed while used. */
const SESSION_HOURS = 8;
/** A used session's row is renewed at most this often (see `touchAtMostEvery`). */
const RENEW_EVERY_MS = 5 * 60_000;

/** The Postgres session store (table `session`, created by a migration). Close it on shutdown. */
export function createSessionStore(
  databaseUrl: string,
  options: { prune: boolean; connectTimeoutMs?: number } = { prune: true },
): Store {
  const PgStore = connectPgSimple(session);
  const store = new PgStore({
    conObject: {
      connectionString: databaseUrl,
      ...(options.connectTimeoutMs ? { connectionTimeoutMillis: options.connectTimeoutMs } : {}),
    },
    tableName: 'session',
    createTableIfMissing: false,
    pruneSessionInterval: options.prune ? 15 * 60 : false,
  });
  return touchAtMostEvery(store, RENEW_EVERY_MS);
}

export interface SessionOptions {
  store: Store;
  /** Signs the session cookie; at least 32 characters. */
  secret: string;
}

/**
 * Server-side sessions in an httpOnly, SameSite=Lax cookie, Secure whenever the request came
 * over HTTPS (behind a TLS proxy, with `trust proxy` set).
 */
export function sessions({ store, secret }: SessionOptions): RequestHandler {
  return session({
    name: 'jiuzhu.sid',
    store,
    secret,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: SESSION_HOURS * 3600_000 },
  });
}
