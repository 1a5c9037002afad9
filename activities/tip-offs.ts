import { TIP_OFF_KINDS, type TipOffStatus } from '../domain/tip-offs';
import type { VerificationConsequence } from '../domain/verification-findings';
import { deadlineAfter } from '../domain/working-days';
import type { Database } from '../platform/database';
import type { Mailer } from '../platform/mailer';
import { loadCountyRules } from './county-rules';
import { deliverTaskMail, queueOverdueMail } from './verification-mail';

// 举报/投诉核查: the verification task's read-model writes and its mail.

const mailKeyPrefix = (receiptNo: string) => `tip-off/${receiptNo}/`;

/** Sets the task's deadline once (the county's limit on the day it was filed); a retry answers the same. */
export async function openTipOffVerification(db: Database, { receiptNo }: { receiptNo: string }) {
  const report = await db.tipOff.findUniqueOrThrow({ where: { receiptNo } });
  if (report.dueAt) return { dueAt: report.dueAt.toISOString() };
  const { policy, calendar } = await loadCountyRules(db, report.countyId, report.createdAt);
  const dueAt = deadlineAfter(report.createdAt, policy.tipOffVerification, calendar);
  await db.tipOff.updateMany({ where: { receiptNo, dueAt: null }, data: { dueAt } });
  const row = await db.tipOff.findUniqueOrThrow({ where: { receiptNo }, select: { dueAt: true } });
  return { dueAt: row.dueAt!.toISOString() };
}

/**
 * The deadline passed: the task is marked overdue, the verifying unit's staff are reminded and
 * the supervisors above it told, in one transaction (activities/verification-mail.ts).
 */
export async function markTipOffOverdue(
  db: Database,
  { receiptNo, dueAt }: { receiptNo: string; dueAt: string },
) {
  await db.$transaction(async (tx) => {
    const report = await tx.tipOff.update({
      where: { receiptNo },
      data: { overdue: true, reminded: true, escalated: true },
    });
    await queueOverdueMail(tx, {
      keyPrefix: mailKeyPrefix(receiptNo),
      dueAt,
      unitId: report.assigneeUnitId,
      kindName: TIP_OFF_KINDS[report.kind].name,
      reference: receiptNo,
      subjects: { reminder: '【举报投诉核查超期提醒】', escalation: '【督办】举报投诉核查超期' },
    });
  });
}

/** Sends the task's queued mail (its reminders and escalations). */
export async function deliverTipOffMail(db: Database, mailer: Mailer, { receiptNo }: { receiptNo: string }) {
  return deliverTaskMail(db, mailer, mailKeyPrefix(receiptNo));
}

export interface CloseTipOffInput {
  receiptNo: string;
  status: Exclude<TipOffStatus, 'VERIFYING'>;
  outcomeText: string;
  findings: string;
  username: string;
  /** What followed for the case (absent in histories recorded before findings had consequences). */
  consequence?: VerificationConsequence;
  caseNo?: string | null;
  ineligibleFromMonth?: string | null;
}

/**
 * The outcome closes the task and records its consequence for the case (the review or exit was
 * already started by the API through the case's own paths), in one transaction; a second write
 * of a closed task changes nothing.
 */
export async function closeTipOff(db: Database, input: CloseTipOffInput) {
  await db.$transaction(async (tx) => {
    const closed = await tx.tipOff.updateMany({
      where: { receiptNo: input.receiptNo, status: 'VERIFYING' },
      data: {
        status: input.status,
        outcomeText: input.outcomeText,
        findings: input.findings,
        closedBy: input.username,
        closedAt: new Date(),
        overdue: false,
        ...(input.caseNo && { caseNo: input.caseNo }),
      },
    });
    if (closed.count === 0) return;
    const report = await tx.tipOff.findUniqueOrThrow({ where: { receiptNo: input.receiptNo } });
    await tx.verificationFinding.createMany({
      skipDuplicates: true,
      data: [
        {
          source: 'TIP_OFF',
          sourceRef: input.receiptNo,
          countyId: report.countyId,
          caseNo: input.caseNo ?? report.caseNo,
          consequence: input.consequence ?? 'NONE',
          reasons: input.findings,
          ineligibleFromMonth: input.ineligibleFromMonth ?? null,
          recordedBy: input.username,
        },
      ],
    });
  });
}
