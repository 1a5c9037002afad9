import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import type { Store } from 'express-session';
import { connectDatabase, type Database } from '../platform/database';
import { createSessionStore } from './console/sessions';

/** A connection to Postgres the API cannot have within this is an outage (503), not a wait. */
export const DATABASE_CONNECT_TIMEOUT_MS = 3_000;

/**
 * The longest any one API request waits on Temporal, all its calls together: an Update that no
 * worker takes up, or a server that accepts connections and never answers, ends in a 503
 * instead of holding the request open.
 */
export const TEMPORAL_REQUEST_DEADLINE_MS = 10_000;

/** What a router that starts or asks workflows needs: the read model, Temporal and the case workers' queue. */
export interface RouteServices {
  db: Database;
  temporal: Client;
  taskQueue: string;
}

export interface ApiServices {
  db: Database;
  temporal: Client;
  sessionStore: Store;
  close(): Promise<void>;
}

/**
 * What the API depends on, connected to fail fast: nothing is awaited here, so the API starts
 * and answers 503 while Postgres or Temporal is down. A refused Temporal call is tried twice
 * rather than the SDK's ten times over ~20 s, and the channel tries to reconnect at least every
 * 2 s (not backing off to 2 minutes), so Temporal's return is noticed soon.
 */
export function connectApiServices(options: {
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  pruneSessions?: boolean;
}): ApiServices {
  const db = connectDatabase(options.databaseUrl, { connectTimeoutMs: DATABASE_CONNECT_TIMEOUT_MS });
  const connection = Connection.lazy({
    address: options.temporalAddress,
    connectTimeout: '2s',
    interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 2 }))],
    channelArgs: { 'grpc.max_reconnect_backoff_ms': 2_000, 'grpc.initial_reconnect_backoff_ms': 500 },
  });
  const temporal = new Client({ connection, namespace: options.namespace });
  const sessionStore = createSessionStore(options.databaseUrl, {
    prune: options.pruneSessions ?? true,
    connectTimeoutMs: DATABASE_CONNECT_TIMEOUT_MS,
  });
  return {
    db,
    temporal,
    sessionStore,
    async close() {
      await connection.close();
      await db.$disconnect();
      await (sessionStore as Store & { close?: () => Promise<void> }).close?.();
    },
  };
}
