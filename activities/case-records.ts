import { Prisma } from '@prisma/client';
import type { CaseEventType, CaseStatus, ProcedureStep } from '../domain/case-steps';
import { parseProgrammeFacts } from '../domain/programme-facts';
import type { Actor } from '../domain/staff-roles';
import type { Database } from '../platform/database';
import type { CaseView } from '../workflows/definitions';
import { countyRulesVersion } from './county-rules';
import { writeLetter, writeStaffMail, type LetterRequest, type StaffMailRequest } from './letters';

export interface TransitionInput {
  /** Unique per logical write; a retried activity with the same key changes nothing. */
  key: string;
  caseId: string;
  /** The case's programme: its own figures are checked against its schema. */
  programme?: string;
  event: {
    type: CaseEventType;
    step: ProcedureStep | null;
    actor?: Actor;
    decision?: string | null;
    reasons?: string | null;
    payload?: unknown;
  };
  /** The case row as the workflow now sees it; null for an event that changes no field. */
  change: Omit<CaseView, 'caseNo'> | null;
  /** A letter the rules require with this transition: rendered, stored and queued for mail. */
  letter?: LetterRequest;
  /** Mail to staff with this transition: reminders and escalations. */
  staffMails?: StaffMailRequest[];
}

/**
 * Writes a case's read-model row, its event and any letter or mail it brings, in one
 * transaction, once per key. Answers how much of the case's mail waits to be delivered.
 */
export async function recordTransition(
  db: Database,
  input: TransitionInput,
): Promise<{ written: boolean; queuedMail: number }> {
  return db.$transaction(async (tx) => {
    const written = await applyTransition(tx, input);
    const queuedMail = written.written
      ? written.queuedMail
      : await tx.outboundMail.count({ where: { caseId: input.caseId, referralId: null, status: 'PENDING' } });
    return { written: written.written, queuedMail };
  });
}

/**
 * One transition's writes in one transaction: a decision and what it leads to (the
 * assessment, the next step's opening, a letter) as a workflow stages them, each once per
 * key. Answers the county rules' version, so the workflow knows whether to read them again.
 */
export async function recordTransitions(
  db: Database,
  { countyId, writes }: { countyId: string; writes: TransitionInput[] },
): Promise<{ rulesVersion: string }> {
  return db.$transaction(async (tx) => {
    for (const write of writes) await applyTransition(tx, write);
    return { rulesVersion: await countyRulesVersion(tx, countyId) };
  });
}

async function applyTransition(
  tx: Tx,
  input: TransitionInput,
): Promise<{ written: boolean; queuedMail: number }> {
  const already = await tx.caseEvent.findUnique({
    where: { idempotencyKey: input.key },
    select: { id: true },
  });
  if (already) return { written: false, queuedMail: 0 };
  const { change, event } = input;
  const facts =
    change?.programmeFacts === undefined
      ? undefined
      : parseProgrammeFacts(input.programme ?? '', change.programmeFacts);
  // A closed case written again (its refusal letter served) keeps the day it closed.
  const final = Boolean(change && isFinal(change.status));
  const closedBefore =
    final &&
    (await tx.case.findUnique({ where: { id: input.caseId }, select: { closedAt: true } }))?.closedAt;
  const updated = await tx.case.update({
    where: { id: input.caseId },
    data: {
      ...(change && {
        status: change.status,
        currentStep: change.currentStep,
        assigneeUnitId: change.assigneeUnitId,
        dueAt: change.dueAt ? new Date(change.dueAt) : null,
        overdue: change.overdue,
        overallDueAt: change.overallDueAt ? new Date(change.overallDueAt) : null,
        overallOverdue: change.overallOverdue,
        monthlyAmount: change.monthlyAmount,
        nextReviewAt: change.nextReviewAt ? new Date(change.nextReviewAt) : null,
        ...(facts !== undefined && { programmeFacts: facts ?? Prisma.DbNull }),
        closedAt: final && !closedBefore ? new Date() : undefined,
      }),
      lastEventSeq: { increment: 1 },
    },
    select: { lastEventSeq: true },
  });
  await appendCaseEvent(tx, input.caseId, updated.lastEventSeq, input.key, event);
  // 查重: a case that ends frees its people for a new application, in the same transaction.
  if (change && isFinal(change.status)) await tx.openClaim.deleteMany({ where: { caseId: input.caseId } });
  const now = new Date();
  let queuedMail = 0;
  if (input.letter)
    queuedMail += await writeLetter(tx, input.caseId, `${input.key}/letter`, input.letter, now);
  for (const [i, mail] of (input.staffMails ?? []).entries()) {
    queuedMail += await writeStaffMail(tx, input.caseId, `${input.key}/mail-${i}`, mail, now);
  }
  return { written: true, queuedMail };
}

type Tx = Prisma.TransactionClient;

/** Appends one event to a case's log (append-only; the key makes a retried write a no-op upstream). */
export async function appendCaseEvent(
  tx: Tx,
  caseId: string,
  seq: number,
  key: string,
  event: TransitionInput['event'],
): Promise<void> {
  await tx.caseEvent.create({
    data: {
      caseId,
      seq,
      type: event.type,
      step: event.step,
      actorId: event.actor?.userId ?? null,
      actorRole: event.actor?.role ?? null,
      actorName: event.actor?.displayName ?? null,
      decision: event.decision ?? null,
      reasons: event.reasons ?? null,
      payload: event.payload === undefined ? Prisma.DbNull : (event.payload as Prisma.InputJsonValue),
      idempotencyKey: key,
    },
  });
}

/** A case ends here; an enrolled household's case stays open until it exits. */
const FINAL_STATUSES: readonly CaseStatus[] = ['NOT_ACCEPTED', 'REFUSED', 'WITHDRAWN', 'EXITED'];

function isFinal(status: CaseStatus): boolean {
  return FINAL_STATUSES.includes(status);
}
