import { Prisma } from '@prisma/client';
import type { CaseEventType, CaseStatus, ProcedureStep } from '../domain/case-steps';
import { parseProgrammeFacts } from '../domain/programme-facts';
import type { Actor } from '../domain/staff-roles';
import type { Database } from '../platform/database';
import type { CaseView } from '../workflows/definitions';
import { countyRulesVersion } from './county-rules';
import { writeLetter, writeStaffMail, type LetterRequest, type StaffMailRequest } from './letters';
import { keepPremiumSubsidies } from './premium-subsidies';
import { keepVagrantStay } from './vagrant-stays';

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
  /**
   * A one-off grant paid with this transition (临时救助): its month on the payment roster, in the
   * same transaction as the decision, once per case and month (the roster's unique key).
   */
  payment?: { month: string; amountYuan: number };
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

/**
 * The keyed write of one transition: the case row (its sequence moved on) and the event, in one
 * statement — the event only when no event holds the key yet, the row only with it — so the hot
 * path is one round trip and one query for Prisma to prepare instead of three (a read of the
 * key, the update, the insert). A second writer of the same key at once fails on the key's
 * unique index and its transaction rolls back; its retry finds the key and writes nothing.
 */
async function applyTransition(
  tx: Tx,
  input: TransitionInput,
): Promise<{ written: boolean; queuedMail: number }> {
  const { change, event } = input;
  const facts =
    change?.programmeFacts === undefined
      ? undefined
      : parseProgrammeFacts(input.programme ?? '', change.programmeFacts);
  const now = new Date();
  const final = change !== null && isFinal(change.status);
  // A closed case written again (its refusal letter served) keeps the day it closed.
  const set = change
    ? Prisma.sql`"status" = ${change.status}, "currentStep" = ${change.currentStep},
        "assigneeUnitId" = ${change.assigneeUnitId}, "dueAt" = ${utc(change.dueAt)},
        "overdue" = ${change.overdue}, "overallDueAt" = ${utc(change.overallDueAt)},
        "overallOverdue" = ${change.overallOverdue},
        "monthlyAmount" = ${change.monthlyAmount === null ? null : String(change.monthlyAmount)}::numeric,
        "nextReviewAt" = ${utc(change.nextReviewAt)},
        ${facts === undefined ? Prisma.empty : Prisma.sql`"programmeFacts" = ${json(facts)},`}
        ${final ? Prisma.sql`"closedAt" = COALESCE("closedAt", ${utc(now)}),` : Prisma.empty}`
    : Prisma.empty;
  const written = await tx.$queryRaw<{ seq: number }[]>`
    WITH updated AS (
      UPDATE "Case" SET ${set} "updatedAt" = ${utc(now)}, "lastEventSeq" = "lastEventSeq" + 1
      WHERE id = ${input.caseId}
        AND NOT EXISTS (SELECT 1 FROM "CaseEvent" WHERE "idempotencyKey" = ${input.key})
      RETURNING "lastEventSeq"
    )
    INSERT INTO "CaseEvent" ("caseId", seq, type, step, "actorId", "actorRole", "actorName",
                             decision, reasons, payload, "idempotencyKey")
    SELECT ${input.caseId}, "lastEventSeq", ${event.type}, ${event.step}, ${event.actor?.userId ?? null},
           ${event.actor?.role ?? null}, ${event.actor?.displayName ?? null}, ${event.decision ?? null},
           ${event.reasons ?? null}, ${json(event.payload ?? null)}, ${input.key}
    FROM updated
    RETURNING seq`;
  if (written.length === 0) {
    const already = await tx.caseEvent.findUnique({
      where: { idempotencyKey: input.key },
      select: { id: true },
    });
    if (already) return { written: false, queuedMail: 0 };
    throw new Error(`case ${input.caseId} not found`);
  }
  // 参保资助 starts and ends with the enrolment, in the same transaction as its event.
  await keepPremiumSubsidies(tx, { caseId: input.caseId, key: input.key, eventType: event.type });
  // 流浪乞讨人员救助: the station's stay follows its case's events, in the same transaction.
  if (input.programme === 'VAGRANT') {
    await keepVagrantStay(tx, { caseId: input.caseId, eventType: event.type, payload: event.payload });
  }
  // 查重: a case that ends frees its people for a new application, in the same transaction; a
  // grant (临时救助) keeps them claimed for its cause, from now until the county's repeat window passes.
  if (change?.status === 'GRANTED') {
    await tx.openClaim.updateMany({ where: { caseId: input.caseId }, data: { grantedAt: now } });
  } else if (final) {
    await tx.openClaim.deleteMany({ where: { caseId: input.caseId } });
  }
  if (input.payment) {
    await tx.benefitPayment.createMany({
      data: [{ caseId: input.caseId, month: input.payment.month, amountYuan: input.payment.amountYuan }],
      skipDuplicates: true,
    });
  }
  let queuedMail = 0;
  if (input.letter)
    queuedMail += await writeLetter(tx, input.caseId, `${input.key}/letter`, input.letter, now);
  for (const [i, mail] of (input.staffMails ?? []).entries()) {
    queuedMail += await writeStaffMail(tx, input.caseId, `${input.key}/mail-${i}`, mail, now);
  }
  return { written: true, queuedMail };
}

/** A moment as the schema's `timestamp(3)` columns hold it: UTC, as Prisma writes them. */
function utc(moment: string | Date | null): Prisma.Sql {
  const iso = moment === null ? null : new Date(moment).toISOString();
  return Prisma.sql`(${iso}::timestamptz AT TIME ZONE 'UTC')`;
}

/** A JSON column's value; null stays SQL NULL, as Prisma's `DbNull`. */
function json(value: unknown): Prisma.Sql {
  return Prisma.sql`${value === null ? null : JSON.stringify(value)}::jsonb`;
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

/**
 * Appends one event to a case outside a transition, once per key: a retried activity finds its
 * event and writes nothing.
 */
export async function appendCaseEventOnce(
  db: Database,
  caseId: string,
  key: string,
  event: TransitionInput['event'],
): Promise<void> {
  await db.$transaction(async (tx) => {
    if (await tx.caseEvent.findUnique({ where: { idempotencyKey: key }, select: { id: true } })) return;
    const { lastEventSeq } = await tx.case.update({
      where: { id: caseId },
      data: { lastEventSeq: { increment: 1 } },
      select: { lastEventSeq: true },
    });
    await appendCaseEvent(tx, caseId, lastEventSeq, key, event);
  });
}

/** A case ends here; an enrolled household's case stays open until it exits. */
const FINAL_STATUSES: readonly CaseStatus[] = [
  'NOT_ACCEPTED',
  'REFUSED',
  'WITHDRAWN',
  'EXITED',
  'ASSISTED',
  'GRANTED',
];

function isFinal(status: CaseStatus): boolean {
  return FINAL_STATUSES.includes(status);
}
