import { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Database } from '../../platform/database';
import { audit } from '../audit';
import { storableText } from '../schemas/storable-text';
import type { SignInGuard } from '../sign-in-guard';
import { actorOf } from '../staff-accounts';
import { csrfProtection, csrfToken } from './csrf';

/** The longest address a sign-in returns to: a longer one would make a redirect no client reads. */
const NEXT_MAX = 1_000;

/** Only a path on this site may follow a sign-in (no open redirect). */
const nextSchema = z
  .string()
  .max(NEXT_MAX)
  .regex(/^\/(?!\/)[\w\-./?=&%]*$/)
  .catch('/');

const FIELD_LABELS: Record<string, string> = { username: '用户名', password: '密码' };

const signInSchema = z.object({
  username: storableText().min(1, '请填写用户名').max(64),
  password: z.string().min(1, '请填写密码').max(200),
  next: nextSchema,
});

const render = (req: Request, res: Parameters<RequestHandler>[1], view: object, status = 200) =>
  res.status(status).render('login', { title: '登录', csrfToken: csrfToken(req), ...view });

/** 登录 / 退出: a session for the console, CSRF-protected, failed attempts rate-limited. */
export function signInRoutes(db: Database, guard: SignInGuard): Router {
  const router = Router();

  router.get('/login', (req, res) => {
    render(req, res, { next: nextSchema.parse(req.query.next) });
  });

  router.post('/login', csrfProtection, async (req, res) => {
    const parsed = signInSchema.safeParse(req.body);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => {
        const name = i.path.map(String).join('.');
        return {
          field: name ? `body.${name}` : 'body',
          label: FIELD_LABELS[name] ?? name,
          message: i.message,
        };
      });
      return render(req, res, { problems }, 400);
    }
    const { username, password, next } = parsed.data;
    const actor = await guard.signIn(req.ip, username, password);
    if (!actor) return render(req, res, { error: '用户名或密码错误', username, next }, 401);
    // A new session id at sign-in, so an id planted before it is worth nothing after.
    await new Promise<void>((resolve, reject) => req.session.regenerate((e) => (e ? reject(e) : resolve())));
    req.session.userId = actor.userId;
    // Saved before answering, so a store that cannot write fails the sign-in instead of
    // answering with a session that does not exist.
    await new Promise<void>((resolve, reject) => req.session.save((e) => (e ? reject(e) : resolve())));
    await audit(db, actor, 'signIn', 'session');
    res.redirect(303, next);
  });

  router.post('/logout', csrfProtection, async (req, res) => {
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    res.clearCookie('jiuzhu.sid');
    res.redirect(303, '/login');
  });

  return router;
}

/** Pages need a signed-in user: the actor, and what the layout shows of them. */
export function requireSignedIn(db: Database): RequestHandler {
  return async (req, res, next) => {
    const actor = req.session?.userId ? await actorOf(db, { id: req.session.userId }) : null;
    if (!actor) {
      const back = req.originalUrl.length <= NEXT_MAX ? `?next=${encodeURIComponent(req.originalUrl)}` : '';
      return res.redirect(303, `/login${back}`);
    }
    req.actor = actor;
    const unit = await db.orgUnit.findUniqueOrThrow({ where: { id: actor.unitId }, select: { name: true } });
    res.locals.user = actor;
    res.locals.unitName = unit.name;
    res.locals.csrfToken = csrfToken(req);
    next();
  };
}
