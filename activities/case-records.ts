import { Prisma } from '@prisma/client';
import type { CaseEventType, CaseStatus, HumanStepName } from '../domain/case-steps';
import type { Actor } from '../domain/staff-roles';
import type { Database } from '../platform/database';

export interface TransitionInput {
  /** Unique per logical write; a retried activity with the same key changes nothing. */
  key: string;
  caseId: string;
  event: {
    type: CaseEventType;
    step: HumanStepName | null;
    actor?: Actor;
    decision?: string | null;
    reasons?: string | null;
    payload?: unknown;
  };
  change: {
    status: CaseStatus;
    currentStep: HumanStepName | null;
    assigneeUnitId: string | null;
    dueAt: string | null;
    overdue: boolean;
  };
}

/** Writes a case's read-model row and its event in one transaction, once per key. */
export async function recordTransition(db: Database, input: TransitionInput): Promise<{ written: boolean }> {
  return db.$transaction(async (tx) => {
    const already = await tx.caseEvent.findUnique({
      where: { idempotencyKey: input.key },
      select: { id: true },
    });
    if (already) return { written: false };
    const { change, event } = input;
    const updated = await tx.case.update({
      where: { id: input.caseId },
      data: {
        status: change.status,
        currentStep: change.currentStep,
        assigneeUnitId: change.assigneeUnitId,
        dueAt: change.dueAt ? new Date(change.dueAt) : null,
        overdue: change.overdue,
        closedAt: change.currentStep === null && isFinal(change.status) ? new Date() : undefined,
        lastEventSeq: { increment: 1 },
      },
      select: { lastEventSeq: true },
    });
    await tx.caseEvent.create({
      data: {
        caseId: input.caseId,
        seq: updated.lastEventSeq,
        type: event.type,
        step: event.step,
        actorId: event.actor?.userId ?? null,
        actorRole: event.actor?.role ?? null,
        actorName: event.actor?.displayName ?? null,
        decision: event.decision ?? null,
        reasons: event.reasons ?? null,
        payload: event.payload === undefined ? Prisma.DbNull : (event.payload as Prisma.InputJsonValue),
        idempotencyKey: input.key,
      },
    });
    return { written: true };
  });
}

const FINAL_STATUSES: readonly CaseStatus[] = ['NOT_ACCEPTED', 'REFUSED', 'ENROLLED', 'WITHDRAWN'];

function isFinal(status: CaseStatus): boolean {
  return FINAL_STATUSES.includes(status);
}
