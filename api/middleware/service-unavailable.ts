import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { HttpError } from '../http-error';
import { outageOf, RETRY_AFTER_SECONDS, type Outage } from '../outage';

const MESSAGES: Record<Outage, string> = {
  database: '数据库暂时不可用，请稍后再试 (the database is unavailable; try again shortly)',
  temporal: '流程服务暂时不可用，请稍后再试 (the workflow service is unavailable; try again shortly)',
};

/**
 * An outage of Postgres or Temporal answers 503 with `Retry-After`, never a 500: nothing is
 * wrong with the request, and the same request may succeed shortly. The API's routes answer it
 * as JSON, the console's pages as a page (the error handlers after this one).
 */
export function serviceUnavailable(log: Pick<Logger, 'warn'>): ErrorRequestHandler {
  return (error, req, res, next) => {
    const outage = outageOf(error);
    if (!outage) return next(error);
    log.warn({ outage, path: req.path, err: error }, `answering 503: ${outage} unavailable`);
    res.set('Retry-After', String(RETRY_AFTER_SECONDS));
    next(new HttpError(503, 'unavailable', MESSAGES[outage], { unavailable: outage }));
  };
}
