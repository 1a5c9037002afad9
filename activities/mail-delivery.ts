import type { Database } from '../platform/database';
import type { Mailer } from '../platform/mailer';

/**
 * Sends the queued mail of a case (referralId null) or of one of its referrals: each workflow
 * delivers only its own, so two never send the same row at once. Each row is sent at most once: it is marked SENT right after
 * the server accepts it, and a retried activity sends only what is still PENDING. (A crash in
 * the instant between the two would send again, with the same Message-ID for the receiver.)
 */
export async function deliverPendingMail(
  db: Database,
  mailer: Mailer,
  caseId: string,
  referralId: string | null = null,
): Promise<{ sent: number }> {
  const pending = await db.outboundMail.findMany({
    where: { caseId, referralId, status: 'PENDING' },
    orderBy: { createdAt: 'asc' },
  });
  for (const mail of pending) {
    await db.outboundMail.update({ where: { id: mail.id }, data: { attempts: { increment: 1 } } });
    try {
      await mailer.send({
        to: mail.toAddress,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        messageId: mail.messageId ?? `<${mail.id}@jiuzhu.local>`,
      });
    } catch (error) {
      await db.outboundMail.update({ where: { id: mail.id }, data: { lastError: String(error) } });
      throw error;
    }
    await db.outboundMail.update({
      where: { id: mail.id },
      data: { status: 'SENT', sentAt: new Date(), lastError: null },
    });
  }
  return { sent: pending.length };
}
