import type { Prisma } from '@prisma/client';
import type { Actor } from '../domain/staff-roles';
import type { Database } from '../platform/database';

/** Who read which person's data or did what, with the user (AuditEntry, append-only). */
export async function audit(
  db: Pick<Database, 'auditEntry'>,
  actor: Actor,
  action: string,
  resource: string,
  resourceId?: string,
  detail?: Prisma.InputJsonValue,
): Promise<void> {
  await db.auditEntry.create({
    data: { userId: actor.userId, username: actor.username, action, resource, resourceId, detail },
  });
}
