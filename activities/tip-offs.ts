import { Prisma } from '@prisma/client';
import { chineseDate } from '../domain/chinese-date';
import { TIP_OFF_KINDS, type TipOffStatus } from '../domain/tip-offs';
import { deadlineAfter } from '../domain/working-days';
import type { Database } from '../platform/database';
import type { Mailer } from '../platform/mailer';
import { loadCountyRules } from './county-rules';
import { messageIdFor } from './letters';
import { deliverMailWhere } from './mail-delivery';
import { renderTemplate } from './templates';

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
 * the supervisors above it told, in one transaction; each mail keyed by the deadline and the
 * person, so a retry queues nothing twice.
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
    const unit = await tx.orgUnit.findUniqueOrThrow({ where: { id: report.assigneeUnitId } });
    const staff = await tx.staffUser.findMany({
      where: { active: true, email: { not: null }, role: { not: 'SUPERVISOR' }, unitId: unit.id },
      orderBy: { username: 'asc' },
    });
    const supervisors = (
      await tx.staffUser.findMany({
        where: { active: true, email: { not: null }, role: 'SUPERVISOR' },
        include: { unit: { select: { path: true } } },
        orderBy: { username: 'asc' },
      })
    ).filter((s) => unit.path.startsWith(s.unit.path));
    const facts = {
      receiptNo,
      kindName: TIP_OFF_KINDS[report.kind].name,
      unitName: unit.name,
      dueOn: chineseDate(new Date(dueAt)),
    };
    const mails = [
      ...staff.map((p) => ({
        p,
        kind: 'reminder',
        subject: '【举报投诉核查超期提醒】',
        template: 'mail/tip-off-reminder',
      })),
      ...supervisors.map((p) => ({
        p,
        kind: 'escalation',
        subject: '【督办】举报投诉核查超期',
        template: 'mail/tip-off-escalation',
      })),
    ];
    await tx.outboundMail.createMany({
      skipDuplicates: true,
      data: mails.map(({ p, kind, subject, template }) => {
        const key = `${mailKeyPrefix(receiptNo)}${dueAt}/${kind}/${p.id}`;
        return {
          idempotencyKey: key,
          toAddress: p.email!,
          subject: `${subject}${receiptNo}`,
          text: renderTemplate(template, { ...facts, recipientName: p.displayName }),
          messageId: messageIdFor(key),
        };
      }),
    });
  });
}

/** Sends the task's queued mail (its reminders and escalations). */
export async function deliverTipOffMail(db: Database, mailer: Mailer, { receiptNo }: { receiptNo: string }) {
  return deliverMailWhere(db, mailer, Prisma.sql`"idempotencyKey" LIKE ${`${mailKeyPrefix(receiptNo)}%`}`);
}

/** The outcome closes the task; a second write of a closed task changes nothing. */
export async function closeTipOff(
  db: Database,
  input: {
    receiptNo: string;
    status: Exclude<TipOffStatus, 'VERIFYING'>;
    outcomeText: string;
    findings: string;
    username: string;
  },
) {
  await db.tipOff.updateMany({
    where: { receiptNo: input.receiptNo, status: 'VERIFYING' },
    data: {
      status: input.status,
      outcomeText: input.outcomeText,
      findings: input.findings,
      closedBy: input.username,
      closedAt: new Date(),
      overdue: false,
    },
  });
}
