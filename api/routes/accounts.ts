import { randomBytes } from 'node:crypto';
import { Prisma, type OrgUnit, type StaffUser } from '@prisma/client';
import bcrypt from 'bcryptjs';
import { Router, type Request } from 'express';
import { roleUnitMismatch } from '../../domain/account-assignments';
import { PASSWORD_HASH_COST } from '../../domain/staff-passwords';
import { STAFF_ROLE_LABELS, type Actor, type StaffRole } from '../../domain/staff-roles';
import { messageIdFor } from '../../activities/letters';
import { renderTemplate } from '../../activities/templates';
import type { Database } from '../../platform/database';
import {
  accountForAdministrator,
  fieldProblem,
  requireAdministrator,
  unitForAdministrator,
} from '../administration-access';
import { audit } from '../audit';
import { HttpError } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import { issuePasswordLink, revokePasswordLinks } from '../password-links';
import {
  accountListQuerySchema,
  accountParamsSchema,
  accountStatusSchema,
  accountUpdateSchema,
  newAccountSchema,
  passwordLinkSchema,
} from '../schemas/accounts';
import { noQuerySchema, parseStrictInput } from '../schemas/strict-input';
import { endSessionsOf } from '../staff-sessions';

export interface AccountDeps {
  db: Database;
  /** The console's address for links in mail; else the address the administrator's request came to. */
  publicBaseUrl?: string;
}

type AccountRow = StaffUser & { unit: OrgUnit };

/** What the API shows of an account: never its password hash. */
export function accountView(user: AccountRow) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    roleName: STAFF_ROLE_LABELS[user.role],
    unit: { id: user.unit.id, name: user.unit.name, level: user.unit.level },
    email: user.email,
    active: user.active,
    createdAt: user.createdAt,
  };
}

function requireRoleFits(role: StaffRole, unit: OrgUnit): void {
  const problem = roleUnitMismatch(role, STAFF_ROLE_LABELS[role], unit.level);
  if (problem) throw fieldProblem('body.role', problem);
}

async function noticeOfNewEmail(tx: Prisma.TransactionClient, user: StaffUser, newEmail: string, by: Actor) {
  const key = `account-email/${user.id}/${randomBytes(8).toString('hex')}`;
  await tx.outboundMail.create({
    data: {
      idempotencyKey: key,
      toAddress: user.email!,
      subject: '【救助系统】账号邮箱已更改',
      text: renderTemplate('mail/account-email-changed', {
        recipientName: user.displayName,
        username: user.username,
        issuerName: `${by.displayName}（${by.username}）`,
        newEmail,
      }),
      messageId: messageIdFor(key),
    },
  });
}

const baseUrlOf = (req: Request, configured?: string) => configured ?? `${req.protocol}://${req.get('host')}`;

/** Who may act on whom: an administrator's own role, unit and status stay as they are. */
function refuseOwn(actor: Actor, user: StaffUser, what: string): void {
  if (user.id === actor.userId)
    throw new HttpError(
      409,
      'own_account',
      `不能${what}自己的账号，请由其他管理员办理 (not your own account)`,
    );
}

/**
 * 账号管理: an administrator lists, creates and changes the accounts of the own unit and the units
 * below it, disables and enables them, and mails a one-time link to set a password (a new
 * account gets one at once; nobody but the user ever knows a password).
 */
export function accountRoutes({ db, publicBaseUrl }: AccountDeps): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const actor = requireActor(req.actor);
    requireAdministrator(actor);
    const q = parseStrictInput(accountListQuerySchema, req.query, 'query');
    const within = q.unitId
      ? (await unitForAdministrator(db, actor, q.unitId, 'query.unitId')).path
      : actor.unitPath;
    const where: Prisma.StaffUserWhereInput = {
      unit: { path: { startsWith: within } },
      ...(q.role && { role: q.role }),
      ...(q.active !== undefined && { active: q.active }),
    };
    const [total, users] = await Promise.all([
      db.staffUser.count({ where }),
      db.staffUser.findMany({
        where,
        include: { unit: true },
        orderBy: [{ unit: { path: 'asc' } }, { username: 'asc' }],
        take: q.limit,
        skip: q.offset,
      }),
    ]);
    res.json({ total, accounts: users.map(accountView) });
  });

  router.post('/', async (req, res) => {
    const actor = requireActor(req.actor);
    requireAdministrator(actor);
    const body = parseStrictInput(newAccountSchema, req.body, 'body');
    const unit = await unitForAdministrator(db, actor, body.unitId, 'body.unitId');
    requireRoleFits(body.role, unit);
    // Nobody knows this password: the user sets one through the mailed link.
    const passwordHash = await bcrypt.hash(randomBytes(32).toString('base64'), PASSWORD_HASH_COST);
    const { user, link } = await db
      .$transaction(async (tx) => {
        const user = await tx.staffUser.create({ data: { ...body, passwordHash }, include: { unit: true } });
        const link = await issuePasswordLink(tx, {
          user: { ...user, email: body.email },
          by: actor,
          baseUrl: baseUrlOf(req, publicBaseUrl),
          welcome: true,
        });
        await audit(tx, actor, 'createAccount', 'staffUser', user.id, {
          ...body,
          passwordLinkTo: body.email,
        });
        return { user, link };
      })
      .catch((error: unknown) => {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
          throw fieldProblem('body.username', '用户名已被使用 (username taken)', 409, 'username_taken');
        throw error;
      });
    res
      .status(201)
      .json({ ...accountView(user), passwordLink: { sentTo: body.email, expiresAt: link.expiresAt } });
  });

  router.get('/:userId', async (req, res) => {
    const actor = requireActor(req.actor);
    requireAdministrator(actor);
    const { userId } = parseStrictInput(accountParamsSchema, req.params, 'params');
    parseStrictInput(noQuerySchema, req.query, 'query');
    const user = await accountForAdministrator(db, actor, userId);
    const history = await db.auditEntry.findMany({
      where: { resource: 'staffUser', resourceId: user.id },
      orderBy: { id: 'desc' },
      take: 50,
    });
    res.json({
      ...accountView(user),
      history: history.map((h) => ({
        at: h.at,
        action: h.action,
        by: h.username,
        reason: (h.detail as { reason?: string } | null)?.reason ?? null,
      })),
    });
  });

  router.post('/:userId', async (req, res) => {
    const actor = requireActor(req.actor);
    requireAdministrator(actor);
    const { userId } = parseStrictInput(accountParamsSchema, req.params, 'params');
    const user = await accountForAdministrator(db, actor, userId);
    const body = parseStrictInput(accountUpdateSchema, req.body, 'body');
    const unit = await unitForAdministrator(db, actor, body.unitId, 'body.unitId');
    requireRoleFits(body.role, unit);
    if (body.role !== user.role || body.unitId !== user.unitId) refuseOwn(actor, user, '修改角色或单位');
    const before = { displayName: user.displayName, role: user.role, unitId: user.unitId, email: user.email };
    const changed = (Object.keys(before) as (keyof typeof before)[]).filter((k) => before[k] !== body[k]);
    const updated = await db.$transaction(async (tx) => {
      const updated = await tx.staffUser.update({
        where: { id: user.id },
        data: body,
        include: { unit: true },
      });
      // Password links go to the address: whoever had it hears that it changed.
      if (user.email && user.email !== body.email) await noticeOfNewEmail(tx, user, body.email, actor);
      if (changed.length > 0)
        await audit(tx, actor, 'updateAccount', 'staffUser', user.id, {
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: Object.fromEntries(changed.map((k) => [k, body[k]])),
        });
      return updated;
    });
    res.json(accountView(updated));
  });

  router.post('/:userId/status', async (req, res) => {
    const actor = requireActor(req.actor);
    requireAdministrator(actor);
    const { userId } = parseStrictInput(accountParamsSchema, req.params, 'params');
    const user = await accountForAdministrator(db, actor, userId);
    const body = parseStrictInput(accountStatusSchema, req.body, 'body');
    refuseOwn(actor, user, body.active ? '启用' : '停用');
    if (user.active === body.active) return res.json(accountView(user));
    const updated = await db.$transaction(async (tx) => {
      const updated = await tx.staffUser.update({
        where: { id: user.id },
        data: { active: body.active },
        include: { unit: true },
      });
      if (!body.active) {
        // Refused at once: every request reads the account; its sessions and links end too.
        await revokePasswordLinks(tx, user.id);
        await endSessionsOf(tx, user.id);
      }
      await audit(tx, actor, body.active ? 'enableAccount' : 'disableAccount', 'staffUser', user.id, {
        reason: body.reason,
      });
      return updated;
    });
    res.json(accountView(updated));
  });

  router.post('/:userId/password-link', async (req, res) => {
    const actor = requireActor(req.actor);
    requireAdministrator(actor);
    const { userId } = parseStrictInput(accountParamsSchema, req.params, 'params');
    const user = await accountForAdministrator(db, actor, userId);
    parseStrictInput(passwordLinkSchema, req.body ?? {}, 'body');
    if (!user.active) throw new HttpError(409, 'account_disabled', '账号已停用，请先启用 (account disabled)');
    const email = user.email;
    if (!email)
      throw new HttpError(409, 'no_email', '账号没有电子邮箱，请先填写 (the account has no e-mail address)');
    const link = await db.$transaction(async (tx) => {
      const link = await issuePasswordLink(tx, {
        user: { ...user, email },
        by: actor,
        baseUrl: baseUrlOf(req, publicBaseUrl),
        welcome: false,
      });
      await audit(tx, actor, 'sendPasswordLink', 'staffUser', user.id, { to: email });
      return link;
    });
    res.status(202).json({ sentTo: email, expiresAt: link.expiresAt });
  });

  return router;
}
