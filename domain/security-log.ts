import type { StaffRole } from './staff-roles';

/**
 * 安全日志: every refused access of a signed-in user — a 403 (not allowed) or a 404 (not found,
 * which is also how a case, referral, letter or care home outside the jurisdiction answers, so
 * its existence is not disclosed). The supervisors and administrators read the refusals of their
 * unit and the units below it.
 */
export const REFUSAL_STATUSES = [403, 404] as const;

export type RefusalStatus = (typeof REFUSAL_STATUSES)[number];

export const SECURITY_LOG_READERS: readonly StaffRole[] = ['SUPERVISOR', 'ADMINISTRATOR'];

export function maySeeSecurityLog(role: StaffRole): boolean {
  return SECURITY_LOG_READERS.includes(role);
}

export interface Refusal {
  status: RefusalStatus;
  /** The answer's error code (`not_found`, `forbidden`, a workflow's `Forbidden`, `EBADCSRFTOKEN`). */
  errorCode: string;
}

const CODE_PATTERN = /^[\w.:-]{1,64}$/;

/**
 * The refusal an error answers with, or null when it answers otherwise. Reads what the error
 * handlers read: an HttpError's `status` and `code`, or the `status`/`statusCode` and `code` or
 * `type` of errors from Express's middleware (csrf-sync's EBADCSRFTOKEN is one).
 */
export function refusalOf(error: unknown): Refusal | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as { status?: unknown; statusCode?: unknown; code?: unknown; type?: unknown };
  const status = typeof e.status === 'number' ? e.status : e.statusCode;
  if (status !== 403 && status !== 404) return null;
  const code = [e.code, e.type].find((c): c is string => typeof c === 'string' && CODE_PATTERN.test(c));
  return { status, errorCode: code ?? (status === 403 ? 'forbidden' : 'not_found') };
}

const MAX_PATH = 512;

/** The path asked for, without its query (which may carry names typed into a filter), at most 512 characters. */
export function loggedPath(originalUrl: string): string {
  const path = originalUrl.split('?', 1)[0] ?? '';
  return path.length > MAX_PATH ? `${path.slice(0, MAX_PATH - 1)}…` : path;
}
