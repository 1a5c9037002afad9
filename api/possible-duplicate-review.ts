import type { Actor } from '../domain/staff-roles';
import type { Database } from '../platform/database';
import { audit } from './audit';
import { HttpError } from './http-error';
import { possibleDuplicatesInclude, presentPossibleDuplicate } from './possible-duplicates';
import type { PossibleDuplicateReview } from './schemas/possible-duplicate-review';

const REVIEWERS: readonly Actor['role'][] = ['TOWNSHIP_OFFICER'];

export function mayReviewPossibleDuplicates(actor: Actor): boolean {
  return REVIEWERS.includes(actor.role);
}

/** Refuses anyone but the township: asked before the body is read, as for the steps. */
export function assertReviewer(actor: Actor): void {
  if (!mayReviewPossibleDuplicates(actor)) {
    throw new HttpError(403, 'forbidden', '只有乡镇经办可以核实疑似重复 (township officers only)');
  }
}

/**
 * The township's answer to a possible-duplicate flag of a case the actor may see: confirmed
 * (one person: the township then refuses or ends one of the cases through its steps) or
 * cleared (two people). Once only; written to the audit log.
 */
export async function reviewPossibleDuplicate(
  db: Database,
  actor: Actor,
  caseId: string,
  flagId: string,
  review: PossibleDuplicateReview,
) {
  assertReviewer(actor);
  const status = review.decision === 'confirm' ? 'CONFIRMED' : 'CLEARED';
  return db.$transaction(async (tx) => {
    const { count } = await tx.possibleDuplicate.updateMany({
      where: { id: flagId, caseId, status: 'OPEN' },
      data: { status, reasons: review.reasons, resolvedById: actor.userId, resolvedAt: new Date() },
    });
    const flag = await tx.possibleDuplicate.findFirst({
      where: { id: flagId, caseId },
      ...possibleDuplicatesInclude,
    });
    if (!flag) throw new HttpError(404, 'not_found', '疑似重复记录不存在 (no such flag)');
    if (count === 0) {
      throw new HttpError(409, 'already_reviewed', '该疑似重复已核实 (the flag was reviewed already)');
    }
    await audit(tx, actor, 'reviewPossibleDuplicate', 'case', caseId, {
      flagId,
      decision: review.decision,
      reasons: review.reasons,
      otherCaseNo: flag.otherCase.caseNo,
    });
    return presentPossibleDuplicate(flag);
  });
}
