import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { randomChecksOfQuarter } from '../workflows/random-checks';
import { ensureSchedule } from './schedules';

/** The one Schedule of the quarterly random checks (随机抽查): every county's draw, fanned out. */
export const RANDOM_CHECK_SCHEDULE_ID = 'random-checks-quarterly';

/** Creates the Schedule that draws at 02:00 on the first day of each quarter (prefecture time), once. */
export async function ensureRandomCheckSchedule(
  client: Client,
  taskQueue: string,
  log: Pick<Logger, 'info' | 'warn'>,
): Promise<'created' | 'exists' | 'unavailable'> {
  return ensureSchedule(
    client,
    {
      scheduleId: RANDOM_CHECK_SCHEDULE_ID,
      name: 'random check',
      spec: {
        calendars: [{ month: ['JANUARY', 'APRIL', 'JULY', 'OCTOBER'], dayOfMonth: 1, hour: 2 }],
        timezone: 'Asia/Shanghai',
      },
      workflowType: randomChecksOfQuarter,
      taskQueue,
    },
    log,
  );
}
