import type { Client } from '@temporalio/client';
import type { RequestHandler } from 'express';
import { TEMPORAL_REQUEST_DEADLINE_MS } from '../services';

/**
 * Every Temporal call a request makes carries the request's deadline (the SDK keeps it in
 * async-local storage for the handlers that run inside `next`).
 */
export function temporalDeadline(temporal: Client, ms = TEMPORAL_REQUEST_DEADLINE_MS): RequestHandler {
  return (_req, res, next) => {
    void temporal.connection.withDeadline(
      Date.now() + ms,
      () =>
        new Promise<void>((resolve) => {
          res.once('close', resolve);
          next();
        }),
    );
  };
}
