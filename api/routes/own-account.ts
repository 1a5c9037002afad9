import bcrypt from 'bcryptjs';
import { Router } from 'express';
import { PASSWORD_HASH_COST } from '../../domain/staff-passwords';
import type { Database } from '../../platform/database';
import { fieldProblem } from '../administration-access';
import { audit } from '../audit';
import { requireActor } from '../middleware/authenticate';
import { revokePasswordLinks } from '../password-links';
import { ownPasswordSchema } from '../schemas/accounts';
import { parseStrictInput } from '../schemas/strict-input';
import type { SignInGuard } from '../sign-in-guard';
import { endSessionsOf } from '../staff-sessions';

/**
 * 修改密码: every user changes the own password, giving the current one. A wrong current password
 * counts as a failed sign-in (ten lock the account's sign-in for 15 minutes, 429). The user's
 * other sessions end; the one making the change stays signed in.
 */
export function ownAccountRoutes({ db, guard }: { db: Database; guard?: SignInGuard }): Router {
  const router = Router();

  router.post('/password', async (req, res) => {
    const actor = requireActor(req.actor);
    const body = parseStrictInput(ownPasswordSchema, req.body, 'body');
    if (!guard) throw new Error('ownAccountRoutes needs the sign-in guard');
    const checked = await guard.signIn(req.ip, actor.username, body.currentPassword);
    if (!checked || checked.userId !== actor.userId)
      throw fieldProblem('body.currentPassword', '当前密码不正确');
    if (body.newPassword === body.currentPassword)
      throw fieldProblem('body.newPassword', '新密码不能与当前密码相同');
    if (body.newPassword.toLowerCase().includes(actor.username.toLowerCase()))
      throw fieldProblem('body.newPassword', '密码不能包含用户名');
    const passwordHash = await bcrypt.hash(body.newPassword, PASSWORD_HASH_COST);
    await db.$transaction(async (tx) => {
      await tx.staffUser.update({ where: { id: actor.userId }, data: { passwordHash } });
      await revokePasswordLinks(tx, actor.userId);
      await endSessionsOf(tx, actor.userId, req.session?.userId === actor.userId ? req.sessionID : undefined);
      await audit(tx, actor, 'changeOwnPassword', 'staffUser', actor.userId);
    });
    res.json({ changed: true });
  });

  return router;
}
