import { ApplicationFailure } from '@temporalio/workflow';
import type { z } from 'zod';
import { isWithinJurisdiction, STAFF_ROLE_LABELS, type Actor, type StaffRole } from '../domain/staff-roles';
import type { StepRejection, StepSubmission } from './definitions';

export function reject(type: StepRejection, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

/**
 * The checks every Update validator makes: a permitted role, the case inside the actor's
 * jurisdiction, and a payload the schema accepts. Throws the rejection the API maps to 403/422.
 */
export function checkSubmission<P>(
  what: string,
  roles: readonly StaffRole[],
  caseUnitPath: string,
  schema: z.ZodType<P>,
  submission: StepSubmission | undefined,
): { actor: Actor; payload: P } {
  const actor = submission?.actor;
  if (!actor || !roles.includes(actor.role)) {
    const allowed = roles.map((r) => STAFF_ROLE_LABELS[r]).join('、');
    reject('Forbidden', `「${what}」只能由${allowed}办理 (role not permitted)`);
  }
  if (!isWithinJurisdiction(actor.unitPath, caseUnitPath)) {
    reject('Forbidden', '案件不在您的管辖范围内 (case outside your jurisdiction)');
  }
  const parsed = schema.safeParse(submission.payload);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`);
    reject('InvalidPayload', problems.join('; '));
  }
  return { actor, payload: parsed.data };
}
