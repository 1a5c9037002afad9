import bcrypt from 'bcryptjs';
import type { Actor } from '../domain/staff-roles';
import type { Database } from '../platform/database';

/** The acting user of an active account, as every route and workflow Update sees it. */
export async function actorOf(
  db: Database,
  where: { id: string } | { username: string },
): Promise<Actor | null> {
  const user = await db.staffUser.findUnique({ where, include: { unit: { select: { path: true } } } });
  if (!user || !user.active) return null;
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    unitId: user.unitId,
    unitPath: user.unit.path,
  };
}

/** The account's actor when the password matches its bcrypt hash; null otherwise. */
export async function verifyPassword(
  db: Database,
  username: string,
  password: string,
): Promise<Actor | null> {
  const user = await db.staffUser.findUnique({ where: { username }, select: { passwordHash: true } });
  // Compare against a hash even for an unknown user, so timing does not reveal which usernames exist.
  const ok = await bcrypt.compare(password, user?.passwordHash ?? UNKNOWN_USER_HASH);
  return ok && user ? actorOf(db, { username }) : null;
}

const UNKNOWN_USER_HASH = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8.Mw7ZqWY1yOY2y7bEfGI5tUu8tpLq';
