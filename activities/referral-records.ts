import { Prisma } from '@prisma/client';
import type { CaseEventType } from '../domain/case-steps';
import { REFERRAL_KINDS, type ReferralDepartment, type ReferralKind } from '../domain/referral-needs';
import type { ReferralStatus } from '../domain/referral-steps';
import type { Actor } from '../domain/staff-roles';
import type { Database } from '../platform/database';
import { appendCaseEvent } from './case-records';
import { writeLetter, writeStaffMail, type LetterRequest, type StaffMailRequest } from './letters';

/** What a referral's row is created with, once, by its first write. */
export interface ReferralRecord {
  referralNo: string;
  workflowId: string;
  caseId: string;
  department: ReferralDepartment;
  receivingUnitId: string;
  countyId: string;
  villagePath: string;
  kind: ReferralKind;
  memberId: string | null;
  memberName: string | null;
  reason: string;
  source: 'proposed' | 'manual';
}

/** The row's fields a transition sets; times come from the workflow's clock. */
export interface ReferralChange {
  status: ReferralStatus;
  dueAt: string | null;
  overdue: boolean;
  acceptDueAt?: string;
  completeDueAt?: string;
  handler?: string;
  proposedAt?: string;
  sentAt?: string;
  acceptedAt?: string;
  endedAt?: string;
  outcome?: unknown;
}

export interface ReferralTransitionInput {
  /** Unique per logical write; a retried activity with the same key changes nothing. */
  key: string;
  referral: ReferralRecord;
  change: ReferralChange;
  /** Written to the case's event log, so the case's timeline shows its referrals. */
  event: {
    type: CaseEventType;
    actor?: Actor;
    decision?: string | null;
    reasons?: string | null;
    payload?: Record<string, unknown>;
  };
  /** The unit the referral waits on after this write: its reminders go there. */
  assigneeUnitId: string;
  letter?: LetterRequest;
  staffMails?: StaffMailRequest[];
}

const asDate = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso));

/**
 * Writes a referral's row, an event in its case's log and any letter or mail it brings, in
 * one transaction, once per key. Answers how much of the referral's mail waits to be delivered.
 */
export async function recordReferralTransition(
  db: Database,
  input: ReferralTransitionInput,
): Promise<{ written: boolean; queuedMail: number; referralId: string }> {
  return db.$transaction(async (tx) => {
    const { referral, change, event } = input;
    const already = await tx.caseEvent.findUnique({
      where: { idempotencyKey: input.key },
      select: { id: true },
    });
    if (already) {
      const row = await tx.referral.findUniqueOrThrow({ where: { workflowId: referral.workflowId } });
      const queuedMail = await tx.outboundMail.count({ where: { referralId: row.id, status: 'PENDING' } });
      return { written: false, queuedMail, referralId: row.id };
    }
    const fields = {
      status: change.status,
      dueAt: change.dueAt ? new Date(change.dueAt) : null,
      overdue: change.overdue,
      acceptDueAt: asDate(change.acceptDueAt),
      completeDueAt: asDate(change.completeDueAt),
      handler: change.handler,
      proposedAt: asDate(change.proposedAt),
      sentAt: asDate(change.sentAt),
      acceptedAt: asDate(change.acceptedAt),
      endedAt: asDate(change.endedAt),
      outcome: change.outcome === undefined ? undefined : (change.outcome as Prisma.InputJsonValue),
    };
    const row = await tx.referral.upsert({
      where: { workflowId: referral.workflowId },
      create: { ...referral, ...fields },
      update: fields,
      include: { receivingUnit: { select: { name: true } } },
    });
    const { lastEventSeq } = await tx.case.update({
      where: { id: referral.caseId },
      data: { lastEventSeq: { increment: 1 } },
      select: { lastEventSeq: true },
    });
    await appendCaseEvent(tx, referral.caseId, lastEventSeq, input.key, {
      ...event,
      step: null,
      payload: {
        referralNo: referral.referralNo,
        kind: referral.kind,
        department: referral.department,
        status: change.status,
        ...event.payload,
      },
    });

    const assignee = await tx.orgUnit.findUniqueOrThrow({ where: { id: input.assigneeUnitId } });
    const scope = {
      referralId: row.id,
      referralNo: referral.referralNo,
      receivingUnitId: referral.receivingUnitId,
      assigneeUnitId: assignee.id,
      assigneeUnitPath: assignee.path,
    };
    const about = {
      referralNo: referral.referralNo,
      kindName: REFERRAL_KINDS[referral.kind].name,
      memberName: referral.memberName,
      reason: referral.reason,
      departmentName: row.receivingUnit.name,
      waitingUnit: assignee.name,
    };
    const now = new Date();
    let queuedMail = 0;
    if (input.letter) {
      const letter = { ...input.letter, facts: { ...about, ...input.letter.facts } };
      queuedMail += await writeLetter(tx, referral.caseId, `${input.key}/letter`, letter, now, scope);
    }
    for (const [i, mail] of (input.staffMails ?? []).entries()) {
      const request = { ...mail, facts: { ...about, ...mail.facts } };
      queuedMail += await writeStaffMail(tx, referral.caseId, `${input.key}/mail-${i}`, request, now, scope);
    }
    return { written: true, queuedMail, referralId: row.id };
  });
}

/**
 * The unit a referral is sent to: the county's bureau of a kind, or — for a kind a township
 * receives (返乡转介) — the named township of the prefecture, with the county it lies in (whose
 * service levels then apply).
 */
export async function findReceivingUnit(
  db: Database,
  {
    countyId,
    department,
    unitId,
  }: { countyId: string; department: ReferralDepartment; unitId?: string | null },
): Promise<{ id: string; path: string; name: string; countyId: string }> {
  if (unitId) {
    const township = await db.orgUnit.findUnique({
      where: { id: unitId },
      select: { id: true, path: true, name: true, level: true, parentId: true },
    });
    if (!township || township.level !== 'TOWNSHIP' || !township.parentId) {
      throw new Error(`${unitId} is no township to receive referrals`);
    }
    return { id: township.id, path: township.path, name: township.name, countyId: township.parentId };
  }
  const unit = await db.orgUnit.findFirst({
    where: { parentId: countyId, level: 'DEPARTMENT', department },
    select: { id: true, path: true, name: true },
  });
  // Retried until an administrator creates the bureau: the referral waits rather than vanishing.
  if (!unit) throw new Error(`county ${countyId} has no ${department} unit to receive referrals`);
  return { ...unit, countyId };
}
