import type { RequestHandler } from 'express';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import { z } from 'zod';
import type { Actor } from '../../domain/staff-roles';
import type { Database } from '../../platform/database';
import { csrfProtection } from '../console/csrf';
import { HttpError } from '../http-error';
import { actorOf, verifyPassword } from '../staff-accounts';

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
 * Failed sign-ins per address and username: ten in fifteen minutes, then 429 until the window
 * passes. Only failures count, so a busy office is never locked out by its own work.
 */
export function signInLimiter(
  usernameOf: (req: Parameters<RequestHandler>[0]) => string,
  applies: (req: Parameters<RequestHandler>[0]) => boolean = () => true,
) {
  return rateLimit({
    skip: (req) => !applies(req),
    windowMs: 15 * 60_000,
    limit: 10,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => `${ipKeyGenerator(req.ip ?? '')}|${usernameOf(req)}`,
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    skipSuccessfulRequests: true,
    handler: () => {
      throw new HttpError(
        429,
        'too_many_attempts',
        '登录失败次数过多，请 15 分钟后再试 (too many failed sign-ins)',
      );
    },
  });
}

const basicUsername = (req: Parameters<RequestHandler>[0]) => {
  const parsed = basicCredentials.safeParse(req.headers.authorization);
  return parsed.success ? parsed.data.username : '';
};

/**
 * Every /api route but health and the docs needs a user: API clients (curl, scripts) sign each
 * request with HTTP Basic; the console's pages call the same routes with the session cookie
 * and the session's CSRF token.
 */
export function authenticate(db: Database): RequestHandler[] {
  const check: RequestHandler = async (req, res, next) => {
    if (req.headers.authorization !== undefined) {
      const credentials = basicCredentials.safeParse(req.headers.authorization);
      if (!credentials.success) {
        throw new HttpError(401, 'unauthenticated', '请先登录 (sign in with HTTP Basic credentials)');
      }
      const actor = await verifyPassword(db, credentials.data.username, credentials.data.password);
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
  // Only password attempts count: a session that has expired is not a guess at a password.
  return [signInLimiter(basicUsername, (req) => req.headers.authorization !== undefined), check];
}

export function requireActor(actor: Actor | undefined): Actor {
  if (!actor) throw new HttpError(401, 'unauthenticated', '请先登录');
  return actor;
}
