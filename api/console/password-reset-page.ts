import bcrypt from 'bcryptjs';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { newPasswordSchema, PASSWORD_HASH_COST, PASSWORD_MIN_LENGTH } from '../../domain/staff-passwords';
import type { Database } from '../../platform/database';
import { accountOfLink, passwordTokenPattern, spendPasswordLink } from '../password-links';
import { endSessionsOf } from '../staff-sessions';
import { csrfProtection, csrfToken } from './csrf';

const paramsSchema = z.strictObject({ token: z.string().regex(passwordTokenPattern) });

const formSchema = z
  .strictObject({ _csrf: z.string(), newPassword: newPasswordSchema, confirmPassword: z.string().max(200) })
  .refine((f) => f.newPassword === f.confirmPassword, {
    path: ['confirmPassword'],
    message: '两次输入的密码不一致',
  });

function render(req: Request, res: Response, view: object, status = 200) {
  // The link's token is in the address: never cached, never sent on as a referrer (helmet's default).
  res.set('Cache-Control', 'no-store');
  res.status(status).render('password-reset', {
    title: '设置密码',
    // A dead link's page and the done page have no form: no token, so no session is started.
    csrfToken: 'invalid' in view || 'done' in view ? null : csrfToken(req),
    minLength: PASSWORD_MIN_LENGTH,
    ...view,
  });
}

/**
 * 设置密码 through the one-time link an administrator had mailed (api/password-links.ts), before
 * sign-in: the form posts with the page's CSRF token, as the sign-in form does. Setting the
 * password spends the link and ends the account's sessions.
 */
export function passwordResetPageRoutes(db: Database): Router {
  const router = Router();

  router.get('/password-reset/:token', async (req, res) => {
    const params = paramsSchema.safeParse(req.params);
    const account = params.success ? await accountOfLink(db, params.data.token) : null;
    if (!params.success || !account) return render(req, res, { invalid: true }, 404);
    render(req, res, {
      token: params.data.token,
      username: account.username,
      displayName: account.displayName,
    });
  });

  router.post('/password-reset/:token', csrfProtection, async (req, res) => {
    const params = paramsSchema.safeParse(req.params);
    const account = params.success ? await accountOfLink(db, params.data.token) : null;
    if (!params.success || !account) return render(req, res, { invalid: true }, 404);
    const token = params.data.token;
    const again = { token, username: account.username, displayName: account.displayName };
    const form = formSchema.safeParse(req.body);
    if (!form.success) {
      const errors = Object.fromEntries(
        form.error.issues.map((i) => [String(i.path[0] ?? 'form'), i.message]),
      );
      return render(req, res, { ...again, errors, error: errors.form ?? errors._csrf }, 400);
    }
    if (form.data.newPassword.toLowerCase().includes(account.username.toLowerCase()))
      return render(req, res, { ...again, errors: { newPassword: '密码不能包含用户名' } }, 400);
    const passwordHash = await bcrypt.hash(form.data.newPassword, PASSWORD_HASH_COST);
    const set = await db.$transaction(async (tx) => {
      const userId = await spendPasswordLink(tx, token);
      if (userId === null) return false;
      await tx.staffUser.update({ where: { id: userId }, data: { passwordHash } });
      await endSessionsOf(tx, userId);
      await tx.auditEntry.create({
        data: {
          userId,
          username: account.username,
          action: 'setPasswordByLink',
          resource: 'staffUser',
          resourceId: userId,
        },
      });
      return true;
    });
    if (!set) return render(req, res, { invalid: true }, 404);
    render(req, res, { done: true });
  });

  return router;
}
