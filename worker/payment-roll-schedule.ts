import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { paymentRollsOfMonth } from '../workflows/payment-roll';

/** The one Schedule of the monthly payment rolls (发放名册): every county's roll, fanned out. */
export const PAYMENT_ROLL_SCHEDULE_ID = 'payment-rolls-monthly';

/**
 * Creates the Schedule that starts the month's rolls at 01:00 on the 1st (prefecture time),
 * once: a worker started again finds it there. A server without schedules (the time-skipping
 * test server) is said in the log and the worker runs on; a roll can be started by hand.
 */
export async function ensurePaymentRollSchedule(
  client: Client,
  taskQueue: string,
  log: Pick<Logger, 'info' | 'warn'>,
): Promise<'created' | 'exists' | 'unavailable'> {
  try {
    await client.schedule.create({
      scheduleId: PAYMENT_ROLL_SCHEDULE_ID,
      spec: { calendars: [{ dayOfMonth: 1, hour: 1 }], timezone: 'Asia/Shanghai' },
      action: { type: 'startWorkflow', workflowType: paymentRollsOfMonth, taskQueue, args: [] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '7 days' },
    });
    log.info({ scheduleId: PAYMENT_ROLL_SCHEDULE_ID }, 'payment roll schedule created');
    return 'created';
  } catch (error) {
    if (error instanceof ScheduleAlreadyRunning || (error as Error)?.name === 'ScheduleAlreadyRunning')
      return 'exists';
    log.warn({ err: error }, 'payment roll schedule not created (the server may have no schedules)');
    return 'unavailable';
  }
}
