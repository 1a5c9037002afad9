import { Router } from 'express';
import { z } from 'zod';
import { ROLE_UNIT_LEVELS, UNIT_LEVEL_LABELS } from '../../domain/account-assignments';
import { PASSWORD_MIN_LENGTH } from '../../domain/staff-passwords';
import { STAFF_ROLE_LABELS, STAFF_ROLES, type Actor } from '../../domain/staff-roles';
import type { Database } from '../../platform/database';
import {
  accountForAdministrator,
  requireAdministrator,
  unitForAdministrator,
} from '../administration-access';
import { parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import { accountView } from '../routes/accounts';
import { accountParamsSchema } from '../schemas/accounts';

const blankIsAbsent = (value: unknown) => (value === '' ? undefined : value);

/** The list's filters as the page's form sends them (blank: all). */
const listQuerySchema = z.strictObject({
  unitId: z.preprocess(blankIsAbsent, z.string().max(40).optional()),
  role: z.preprocess(blankIsAbsent, z.enum(STAFF_ROLES).optional()),
  active: z.preprocess(blankIsAbsent, z.enum(['true', 'false']).optional()),
});

const ACTIONS: Record<string, string> = {
  createAccount: '新建账号',
  updateAccount: '修改账号',
  disableAccount: '停用',
  enableAccount: '启用',
  sendPasswordLink: '发送设置密码链接',
  setPasswordByLink: '通过链接设置密码',
  changeOwnPassword: '本人修改密码',
};

/** The units an administrator may put an account in, indented by depth, with where each role fits. */
async function unitChoices(db: Database, actor: Actor, selected?: string) {
  const units = await db.orgUnit.findMany({
    where: { path: { startsWith: actor.unitPath } },
    orderBy: { path: 'asc' },
    select: { id: true, name: true, level: true, path: true },
  });
  const depth = actor.unitPath.split('/').length;
  return units.map((u) => ({
    id: u.id,
    label: `${'　'.repeat(u.path.split('/').length - depth)}${u.name}（${UNIT_LEVEL_LABELS[u.level]}）`,
    selected: u.id === selected,
  }));
}

const roleChoices = (selected?: string) =>
  STAFF_ROLES.map((role) => ({
    value: role,
    label: `${STAFF_ROLE_LABELS[role]}（${ROLE_UNIT_LEVELS[role].map((l) => UNIT_LEVEL_LABELS[l]).join('、')}）`,
    selected: role === selected,
  }));

/**
 * 账号管理 pages: the accounts of the administrator's unit and below, one account with its
 * forms (change, disable or enable, send a password link) and its history; 修改密码 for everyone.
 * The forms post JSON to /api/accounts and /api/me.
 */
export function accountPageRoutes(db: Database): Router {
  const router = Router();

  router.get('/accounts', async (req, res) => {
    const actor = requireActor(req.actor);
    requireAdministrator(actor);
    const q = parseInput(listQuerySchema, req.query, 'query');
    const within = q.unitId
      ? (await unitForAdministrator(db, actor, q.unitId, 'query.unitId')).path
      : actor.unitPath;
    const users = await db.staffUser.findMany({
      where: {
        unit: { path: { startsWith: within } },
        ...(q.role && { role: q.role }),
        ...(q.active && { active: q.active === 'true' }),
      },
      include: { unit: true },
      orderBy: [{ unit: { path: 'asc' } }, { username: 'asc' }],
      take: 500,
    });
    res.render('accounts', {
      title: '账号管理',
      accounts: users.map(accountView),
      units: await unitChoices(db, actor, q.unitId),
      roles: roleChoices(q.role),
      newRoles: roleChoices(),
      newUnits: await unitChoices(db, actor),
      filters: q,
    });
  });

  router.get('/accounts/:userId', async (req, res) => {
    const actor = requireActor(req.actor);
    requireAdministrator(actor);
    const { userId } = parseInput(accountParamsSchema, req.params, 'params');
    const user = await accountForAdministrator(db, actor, userId);
    const history = await db.auditEntry.findMany({
      where: { resource: 'staffUser', resourceId: user.id },
      orderBy: { id: 'desc' },
      take: 50,
    });
    res.render('account', {
      title: `账号 · ${user.username}`,
      account: accountView(user),
      self: user.id === actor.userId,
      units: await unitChoices(db, actor, user.unitId),
      roles: roleChoices(user.role),
      linkSent: req.query.sent === '1',
      history: history.map((h) => ({
        at: h.at,
        action: ACTIONS[h.action] ?? h.action,
        by: h.username,
        reason: (h.detail as { reason?: string } | null)?.reason ?? null,
      })),
    });
  });

  router.get('/account/password', (req, res) => {
    requireActor(req.actor);
    res.render('own-password', {
      title: '修改密码',
      minLength: PASSWORD_MIN_LENGTH,
      changed: req.query.changed === '1',
    });
  });

  return router;
}
