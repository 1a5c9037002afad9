import bcrypt from 'bcryptjs';
import type { Actor } from '../domain/staff-roles';
import type { Database } from '../platform/database';

/**
 * The acting user of an active account, as every route and workflow Update sees it. With
 * `passwordHash`, only while the account's password is still the one that hash was read with.
 */
export async function actorOf(
  db: Database,
  where: { id: string } | { username: string },
  passwordHash?: string,
): Promise<Actor | null> {
  const user = await db.staffUser.findUnique({ where, include: { unit: { select: { path: true } } } });
  if (!user || !user.active) return null;
  if (passwordHash !== undefined && user.passwordHash !== passwordHash) return null;
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    unitId: user.unitId,
    unitPath: user.unit.path,
  };
}

/** The account's actor, and the hash it matched, when the password matches its bcrypt hash; null otherwise. */
export async function verifyPassword(
  db: Database,
  username: string,
  password: string,
): Promise<{ actor: Actor; passwordHash: string } | null> {
  const user = await db.staffUser.findUnique({ where: { username }, select: { passwordHash: true } });
  // Compare against a hash even for an unknown user, so timing does not reveal which usernames exist.
  const ok = await bcrypt.compare(password, user?.passwordHash ?? UNKNOWN_USER_HASH);
  const actor = ok && user ? await actorOf(db, { username }, user.passwordHash) : null;
  return actor && user ? { actor, passwordHash: user.passwordHash } : null;
}

const UNKNOWN_USER_HASH = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8.Mw7ZqWY1yOY2y7bEfGI5tUu8tpLq';
