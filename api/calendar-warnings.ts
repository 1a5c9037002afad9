import { messageIdFor } from '../activities/letters';
import { renderTemplate } from '../activities/templates';
import { missingCalendarYears } from '../domain/calendar-years';
import { localDateOf } from '../domain/working-days';
import type { Database } from '../platform/database';
import { loadedCalendarYears } from './calendar-years';

/**
 * Queues a mail to every administrator for each year whose holiday calendar is missing and due
 * (this year, or next year from 1 October: domain/calendar-years.ts), once per year and
 * administrator: the key is unique in OutboundMail, so calling it every reconciler round, from
 * any number of API processes, queues each mail once. The worker's mail outbox sends it.
 * Answers how many mails were queued now.
 */
export async function queueCalendarWarnings(db: Database, now = new Date()): Promise<number> {
  const missing = missingCalendarYears(localDateOf(now), await loadedCalendarYears(db));
  if (missing.length === 0) return 0;
  const administrators = await db.staffUser.findMany({
    where: { role: 'ADMINISTRATOR', active: true, email: { not: null } },
    select: { id: true, displayName: true, email: true },
    orderBy: { username: 'asc' },
  });
  const mails = missing.flatMap((year) =>
    administrators.map((admin) => {
      const key = `calendar-missing/${year}/${admin.id}`;
      return {
        idempotencyKey: key,
        toAddress: admin.email!,
        subject: `【节假日安排未导入】${year} 年度`,
        text: renderTemplate('mail/calendar-missing', { recipientName: admin.displayName, year }),
        messageId: messageIdFor(key),
      };
    }),
  );
  const { count } = await db.outboundMail.createMany({ data: mails, skipDuplicates: true });
  return count;
}
