import bcrypt from 'bcryptjs';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import type { Actor } from '../../domain/staff-roles';
import type { Database } from '../../platform/database';
import { HttpError } from '../http-error';

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
 * HTTP Basic sign-in for API clients (curl, scripts): the staff account's username and
 * password, checked against its bcrypt hash. Every /api route but health needs it.
 */
export function authenticate(db: Database): RequestHandler {
  return async (req, _res, next) => {
    const credentials = basicCredentials.safeParse(req.headers.authorization);
    if (!credentials.success) {
      throw new HttpError(401, 'unauthenticated', '请先登录 (sign in with HTTP Basic credentials)');
    }
    const user = await db.staffUser.findUnique({
      where: { username: credentials.data.username },
      include: { unit: { select: { path: true } } },
    });
    if (!user || !user.active || !(await bcrypt.compare(credentials.data.password, user.passwordHash))) {
      throw new HttpError(401, 'unauthenticated', '用户名或密码错误 (wrong username or password)');
    }
    req.actor = {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      unitId: user.unitId,
      unitPath: user.unit.path,
    };
    next();
  };
}

export function requireActor(actor: Actor | undefined): Actor {
  if (!actor) throw new HttpError(401, 'unauthenticated', '请先登录');
  return actor;
}
