import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { loggedPath, refusalOf } from '../../domain/security-log';
import type { Database } from '../../platform/database';

/**
 * 安全日志: every 403 or 404 a signed-in user is answered — API or console page, whichever route
 * refused — is written to SecurityLogEntry before the error handlers after this one answer it.
 * A failed write is logged and the refusal answered as it would have been: recording must
 * never turn a refusal into a 500.
 */
export function recordRefusals(db: Database, log: Pick<Logger, 'warn'>): ErrorRequestHandler {
  return async (error, req, _res, next) => {
    const refusal = refusalOf(error);
    const actor = req.actor;
    if (refusal && actor) {
      try {
        await db.securityLogEntry.create({
          data: {
            userId: actor.userId,
            username: actor.username,
            role: actor.role,
            unitId: actor.unitId,
            unitPath: actor.unitPath,
            method: req.method,
            path: loggedPath(req.originalUrl),
            status: refusal.status,
            errorCode: refusal.errorCode,
          },
        });
      } catch (err) {
        log.warn({ err, refusal, username: actor.username }, 'security log: the refusal was not recorded');
      }
    }
    next(error);
  };
}
