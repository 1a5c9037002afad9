import { z } from 'zod';
import { maySeeSecurityLog } from '../domain/security-log';
import type { Actor, StaffRole } from '../domain/staff-roles';
import { localDateSchema } from '../domain/step-decisions';
import type { Database } from '../platform/database';
import { HttpError } from './http-error';
import { localMidnight } from './referral-inbox';

export const SECURITY_LOG_PAGE_MAX = 200;

const LIMIT_MESSAGE = `每页条数应为 1–${SECURITY_LOG_PAGE_MAX} 的整数`;
const USERNAME_MESSAGE = '用户名应为 1–64 个字母、数字或 . _ @ -';
const CURSOR_MESSAGE = '翻页标记应为上一页的 nextCursor';

/**
 * The log's query, strict: an unknown parameter is refused with its name, not ignored. The
 * cursor is the `nextCursor` of the page before; `since` a local (UTC+8) date or an instant.
 */
export const securityLogQuerySchema = z.strictObject({
  limit: z.coerce
    .number({ error: LIMIT_MESSAGE })
    .int(LIMIT_MESSAGE)
    .min(1, LIMIT_MESSAGE)
    .max(SECURITY_LOG_PAGE_MAX, LIMIT_MESSAGE)
    .default(50),
  cursor: z
    .string({ error: CURSOR_MESSAGE })
    .regex(/^[1-9]\d{0,17}$/, CURSOR_MESSAGE)
    .optional(),
  username: z
    .string({ error: USERNAME_MESSAGE })
    .regex(/^[\w.@-]{1,64}$/, USERNAME_MESSAGE)
    .optional(),
  since: z
    .union([localDateSchema, z.iso.datetime({ offset: true })], {
      error: '起始时间应为 YYYY-MM-DD 或带时区的 ISO 8601 时间',
    })
    .optional(),
});

export type SecurityLogQuery = z.infer<typeof securityLogQuerySchema>;

export interface SecurityLogItem {
  id: string;
  at: Date;
  userId: string;
  username: string;
  role: StaffRole;
  unitId: string;
  unitName: string | null;
  method: string;
  path: string;
  status: number;
  errorCode: string;
}

export function requireSecurityLogReader(actor: Actor): void {
  if (!maySeeSecurityLog(actor.role))
    throw new HttpError(
      403,
      'forbidden',
      '安全日志仅供监督人员和系统管理员查看 (supervisors and administrators only)',
    );
}

const sinceInstant = (since: string) => (since.length === 10 ? localMidnight(since) : new Date(since));

/**
 * One page of the refusals of users in the reader's unit and below, newest first. The next
 * page starts below the last id shown.
 */
export async function loadSecurityLog(
  db: Database,
  actor: Actor,
  q: SecurityLogQuery,
): Promise<{ items: SecurityLogItem[]; nextCursor: string | null }> {
  const rows = await db.securityLogEntry.findMany({
    where: {
      unitPath: { startsWith: actor.unitPath },
      ...(q.username && { username: q.username }),
      ...(q.since && { at: { gte: sinceInstant(q.since) } }),
      ...(q.cursor && { id: { lt: BigInt(q.cursor) } }),
    },
    orderBy: { id: 'desc' },
    take: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const units = await db.orgUnit.findMany({
    where: { id: { in: [...new Set(page.map((r) => r.unitId))] } },
    select: { id: true, name: true },
  });
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  return {
    items: page.map((r) => ({
      id: r.id.toString(),
      at: r.at,
      userId: r.userId,
      username: r.username,
      role: r.role,
      unitId: r.unitId,
      unitName: unitName.get(r.unitId) ?? null,
      method: r.method,
      path: r.path,
      status: r.status,
      errorCode: r.errorCode,
    })),
    nextCursor: rows.length > q.limit ? page[page.length - 1]!.id.toString() : null,
  };
}
