import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { paymentRollsOfMonth } from '../workflows/payment-roll';
import { ensureSchedule } from './schedules';

/** The one Schedule of the monthly payment rolls (发放名册): every county's roll, fanned out. */
export const PAYMENT_ROLL_SCHEDULE_ID = 'payment-rolls-monthly';

/** Creates the Schedule that starts the month's rolls at 01:00 on the 1st (prefecture time), once. */
export async function ensurePaymentRollSchedule(
  client: Client,
  taskQueue: string,
  log: Pick<Logger, 'info' | 'warn'>,
): Promise<'created' | 'exists' | 'unavailable'> {
  return ensureSchedule(
    client,
    {
      scheduleId: PAYMENT_ROLL_SCHEDULE_ID,
      name: 'payment roll',
      spec: { calendars: [{ dayOfMonth: 1, hour: 1 }], timezone: 'Asia/Shanghai' },
      workflowType: paymentRollsOfMonth,
      taskQueue,
    },
    log,
  );
}
