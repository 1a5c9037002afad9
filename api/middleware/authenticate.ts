import type { RequestHandler } from 'express';
import { z } from 'zod';
import type { Actor } from '../../domain/staff-roles';
import type { Database } from '../../platform/database';
import { csrfProtection } from '../console/csrf';
import { HttpError } from '../http-error';
import type { SignInGuard } from '../sign-in-guard';
import { actorOf } from '../staff-accounts';

declare module 'express-serve-static-core' {
  interface Request {
    actor?: Actor;
  }
}

const basicCredentials = z
  .string()
  .regex(/^Basic [A-Za-z0-9+/=]+$/)
  .transform((header) => Buffer.from(header.slice(6), 'base64').toString('utf8'))
  .pipe(z.string().regex(/^[^:]+:.+$/))
  .transform((pair) => {
    const at = pair.indexOf(':');
    return { username: pair.slice(0, at), password: pair.slice(at + 1) };
  });

/**
 * Every /api route but health and the docs needs a user: API clients (curl, scripts) sign each
 * request with HTTP Basic; the console's pages call the same routes with the session cookie
 * and the session's CSRF token.
 */
export function authenticate(db: Database, guard: SignInGuard): RequestHandler {
  return async (req, res, next) => {
    if (req.headers.authorization !== undefined) {
      const credentials = basicCredentials.safeParse(req.headers.authorization);
      if (!credentials.success) {
        throw new HttpError(401, 'unauthenticated', '请先登录 (sign in with HTTP Basic credentials)');
      }
      const actor = await guard.signIn(req.ip, credentials.data.username, credentials.data.password);
      if (!actor)
        throw new HttpError(401, 'unauthenticated', '用户名或密码错误 (wrong username or password)');
      req.actor = actor;
      return next();
    }
    const actor = req.session?.userId ? await actorOf(db, { id: req.session.userId }) : null;
    if (!actor) throw new HttpError(401, 'unauthenticated', '请先登录 (sign in with HTTP Basic credentials)');
    req.actor = actor;
    csrfProtection(req, res, next);
  };
}

export function requireActor(actor: Actor | undefined): Actor {
  if (!actor) throw new HttpError(401, 'unauthenticated', '请先登录');
  return actor;
}
