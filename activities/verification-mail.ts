import { Prisma } from '@prisma/client';
import { chineseDate } from '../domain/chinese-date';
import type { Database } from '../platform/database';
import type { Mailer } from '../platform/mailer';
import { messageIdFor } from './letters';
import { deliverMailWhere } from './mail-delivery';
import { renderTemplate } from './templates';

// 核查超期: the reminder to the verifying unit and the escalation to the supervisors above it,
// shared by every verification task (a tip-off, a random check's visit).

type Tx = Prisma.TransactionClient;

export interface OverdueMail {
  /** Every mail of the task is keyed under this prefix (its outbox rows are found by it). */
  keyPrefix: string;
  dueAt: string;
  unitId: string;
  /** What the task is called in the mail (举报, 投诉, 随机抽查) and its reference. */
  kindName: string;
  reference: string;
  subjects: { reminder: string; escalation: string };
  /** The mails' templates, when the task has its own (a tip-off's by default). */
  templates?: { reminder: string; escalation: string };
  /** More for the templates to say. */
  facts?: Record<string, string>;
}

/**
 * Queues the overdue mail in the caller's transaction: each mail keyed by the deadline and the
 * person, so a retried activity queues nothing twice.
 */
export async function queueOverdueMail(tx: Tx, mail: OverdueMail): Promise<void> {
  const unit = await tx.orgUnit.findUniqueOrThrow({ where: { id: mail.unitId } });
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
    receiptNo: mail.reference,
    kindName: mail.kindName,
    unitName: unit.name,
    dueOn: chineseDate(new Date(mail.dueAt)),
    ...mail.facts,
  };
  const templates = mail.templates ?? {
    reminder: 'mail/tip-off-reminder',
    escalation: 'mail/tip-off-escalation',
  };
  const mails = [
    ...staff.map((p) => ({
      p,
      kind: 'reminder',
      subject: mail.subjects.reminder,
      template: templates.reminder,
    })),
    ...supervisors.map((p) => ({
      p,
      kind: 'escalation',
      subject: mail.subjects.escalation,
      template: templates.escalation,
    })),
  ];
  await tx.outboundMail.createMany({
    skipDuplicates: true,
    data: mails.map(({ p, kind, subject, template }) => {
      const key = `${mail.keyPrefix}${mail.dueAt}/${kind}/${p.id}`;
      return {
        idempotencyKey: key,
        toAddress: p.email!,
        subject: `${subject}${mail.reference}`,
        text: renderTemplate(template, { ...facts, recipientName: p.displayName }),
        messageId: messageIdFor(key),
      };
    }),
  });
}

/** Sends a task's queued mail (its reminders and escalations). */
export async function deliverTaskMail(db: Database, mailer: Mailer, keyPrefix: string) {
  return deliverMailWhere(db, mailer, Prisma.sql`"idempotencyKey" LIKE ${`${keyPrefix}%`}`);
}
