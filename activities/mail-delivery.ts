import { Prisma } from '@prisma/client';
import type { Database } from '../platform/database';
import type { Mailer } from '../platform/mailer';

/**
 * How long a claimed mail is its sender's before another may claim it (the first crashed):
 * longer than a send may take (platform/mailer.ts bounds it to well under a minute).
 */
const CLAIM_LEASE = Prisma.sql`interval '1 minute'`;

interface ClaimedMail {
  id: string;
  toAddress: string;
  subject: string;
  text: string;
  html: string | null;
  messageId: string | null;
  createdAt: Date;
  idempotencyKey: string;
  sensitive: boolean;
}

/** What a sent mail whose body was a secret (a one-time link) keeps of it. */
export const SENT_SECRET_TEXT = '（此邮件含一次性链接，发送后正文已清除 — body cleared once sent）';

/**
 * Claims up to `limit` mails waiting to be sent, in the order they were queued: rows another
 * sender holds are skipped, so two senders never send the same row.
 */
async function claim(db: Database, scope: Prisma.Sql, limit: number): Promise<ClaimedMail[]> {
  const claimed = await db.$queryRaw<ClaimedMail[]>`
    UPDATE "OutboundMail" SET status = 'SENDING', "claimedAt" = now(), attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM "OutboundMail"
      WHERE (status = 'PENDING' OR (status = 'SENDING' AND "claimedAt" < now() - ${CLAIM_LEASE}))
        AND ${scope}
      ORDER BY "createdAt", "idempotencyKey"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, "toAddress", subject, text, html, "messageId", "createdAt", "idempotencyKey", sensitive`;
  // RETURNING keeps no order: send in the order the mail was queued.
  return claimed.sort(
    (a, b) =>
      a.createdAt.getTime() - b.createdAt.getTime() || a.idempotencyKey.localeCompare(b.idempotencyKey),
  );
}

/**
 * Sends what was claimed. Each row is marked SENT right after the server accepts it; a failure
 * puts it back to PENDING with the error, to be tried again. (A crash in the instant between
 * sending and marking would send it again after the lease, with the same Message-ID.)
 */
async function send(db: Database, mailer: Mailer, claimed: ClaimedMail[]): Promise<number> {
  let sent = 0;
  for (const mail of claimed) {
    try {
      await mailer.send({
        to: mail.toAddress,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        messageId: mail.messageId ?? `<${mail.id}@jiuzhu.local>`,
      });
    } catch (error) {
      await db.outboundMail.update({
        where: { id: mail.id },
        data: { status: 'PENDING', lastError: String(error) },
      });
      throw error;
    }
    await db.outboundMail.update({
      where: { id: mail.id },
      data: {
        status: 'SENT',
        sentAt: new Date(),
        lastError: null,
        ...(mail.sensitive ? { text: SENT_SECRET_TEXT, html: null } : {}),
      },
    });
    sent++;
  }
  return sent;
}

/**
 * The activity of workflows recorded before the outbox: sends the queued mail of a case
 * (referralId null) or of one of its referrals.
 */
export async function deliverPendingMail(
  db: Database,
  mailer: Mailer,
  caseId: string,
  referralId: string | null = null,
): Promise<{ sent: number }> {
  const scope = referralId
    ? Prisma.sql`"caseId" = ${caseId} AND "referralId" = ${referralId}`
    : Prisma.sql`"caseId" = ${caseId} AND "referralId" IS NULL`;
  let sent = 0;
  for (let claimed = await claim(db, scope, 50); claimed.length > 0; claimed = await claim(db, scope, 50)) {
    sent += await send(db, mailer, claimed);
  }
  return { sent };
}

/** One round of the outbox: up to `limit` of any mail waiting, sent; answers how many. */
export async function deliverOutbox(db: Database, mailer: Mailer, limit = 20): Promise<number> {
  return send(db, mailer, await claim(db, Prisma.sql`TRUE`, limit));
}

/** Sends every queued mail a scope selects (a tip-off's, by its key prefix), until none is left. */
export async function deliverMailWhere(
  db: Database,
  mailer: Mailer,
  scope: Prisma.Sql,
): Promise<{ sent: number }> {
  let sent = 0;
  for (let claimed = await claim(db, scope, 50); claimed.length > 0; claimed = await claim(db, scope, 50)) {
    sent += await send(db, mailer, claimed);
  }
  return { sent };
}
