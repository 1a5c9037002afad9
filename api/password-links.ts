import { createHash, randomBytes } from 'node:crypto';
import type { Prisma } from '@prisma/client';
import { messageIdFor } from '../activities/letters';
import { renderTemplate } from '../activities/templates';
import { chineseDate } from '../domain/chinese-date';
import { STAFF_ROLE_LABELS, type Actor, type StaffRole } from '../domain/staff-roles';
import type { Database } from '../platform/database';

type Tx = Prisma.TransactionClient;

/** How long a link may be used: a working day and a night, whatever the time it was sent. */
export const PASSWORD_LINK_HOURS = 24;

/** The token in the link: 32 random bytes, URL-safe (43 characters). */
export const passwordTokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** Only this is stored: the token itself lives in the mail, and in the mail only until it is sent. */
export const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** 2026年11月30日 14:05, the prefecture's wall clock. */
function chineseTime(instant: Date): string {
  const clock = new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
  return `${chineseDate(instant)} ${clock}`;
}

interface LinkRecipient {
  id: string;
  username: string;
  displayName: string;
  role: StaffRole;
  email: string;
  unit: { name: string };
}

/**
 * Issues a one-time link to set the account's password and queues its mail in the outbox, in
 * the caller's transaction: `welcome` for a new account, else a reset. Links sent before and not
 * yet used stop working, so only the latest mail counts.
 */
export async function issuePasswordLink(
  tx: Tx,
  input: { user: LinkRecipient; by: Actor; baseUrl: string; welcome: boolean; now?: Date },
): Promise<{ expiresAt: Date }> {
  const now = input.now ?? new Date();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + PASSWORD_LINK_HOURS * 3600_000);
  await tx.passwordResetToken.deleteMany({ where: { userId: input.user.id, usedAt: null } });
  const row = await tx.passwordResetToken.create({
    data: {
      userId: input.user.id,
      tokenHash: hashOf(token),
      expiresAt,
      createdById: input.by.userId,
      createdAt: now,
    },
  });
  const key = `password-link/${row.id}`;
  await tx.outboundMail.create({
    data: {
      idempotencyKey: key,
      toAddress: input.user.email,
      subject: input.welcome ? '【救助系统】账号已开通，请设置密码' : '【救助系统】重设登录密码',
      text: renderTemplate('mail/password-link', {
        recipientName: input.user.displayName,
        welcome: input.welcome,
        issuerName: `${input.by.displayName}（${input.by.username}）`,
        username: input.user.username,
        roleName: STAFF_ROLE_LABELS[input.user.role],
        unitName: input.user.unit.name,
        link: `${input.baseUrl.replace(/\/+$/, '')}/password-reset/${token}`,
        expiresText: chineseTime(expiresAt),
      }),
      sensitive: true,
      messageId: messageIdFor(key),
    },
  });
  return { expiresAt };
}

/** The account a link may still set the password of: unused, unexpired, the account active. */
export async function accountOfLink(
  db: Pick<Database, 'passwordResetToken'>,
  token: string,
  now = new Date(),
) {
  const link = await db.passwordResetToken.findUnique({
    where: { tokenHash: hashOf(token) },
    include: { user: { select: { id: true, username: true, displayName: true, active: true } } },
  });
  if (!link || link.usedAt !== null || link.expiresAt <= now || !link.user.active) return null;
  return link.user;
}

/**
 * Spends the link, in the caller's transaction: of two uses at once exactly one finds it unspent.
 * Answers the account's id, or null when the link is no longer good.
 */
export async function spendPasswordLink(tx: Tx, token: string, now = new Date()): Promise<string | null> {
  const tokenHash = hashOf(token);
  const spent = await tx.passwordResetToken.updateMany({
    where: { tokenHash, usedAt: null, expiresAt: { gt: now }, user: { active: true } },
    data: { usedAt: now },
  });
  if (spent.count !== 1) return null;
  const link = await tx.passwordResetToken.findUniqueOrThrow({ where: { tokenHash } });
  return link.userId;
}

/** Links not yet used stop working (the account was disabled, or its password set another way). */
export async function revokePasswordLinks(tx: Pick<Tx, 'passwordResetToken'>, userId: string): Promise<void> {
  await tx.passwordResetToken.deleteMany({ where: { userId, usedAt: null } });
}
