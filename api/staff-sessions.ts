import type { Database } from '../platform/database';

/**
 * Ends a user's console sessions (table `session`, connect-pg-simple's JSON holds the userId),
 * all of them or all but the one making the request. Every request reads the account anyway,
 * so a disabled user is refused at once; this also keeps a new password from leaving an old
 * session signed in.
 */
export async function endSessionsOf(
  db: Pick<Database, '$executeRaw'>,
  userId: string,
  exceptSessionId?: string,
): Promise<number> {
  return db.$executeRaw`
    DELETE FROM "session" WHERE sess->>'userId' = ${userId} AND sid <> ${exceptSessionId ?? ''}`;
}
