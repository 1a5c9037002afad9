import {
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleSpec,
} from '@temporalio/client';
import type { Workflow } from '@temporalio/common';
import type { Logger } from 'pino';

/**
 * Creates a Schedule that starts a workflow taking no arguments, once: a worker started again
 * finds it there. A server without schedules (the time-skipping test server) is said in the log
 * and the worker runs on; the workflow can be started by hand.
 */
export async function ensureSchedule(
  client: Client,
  schedule: {
    scheduleId: string;
    name: string;
    spec: ScheduleSpec;
    workflowType: Workflow;
    taskQueue: string;
  },
  log: Pick<Logger, 'info' | 'warn'>,
): Promise<'created' | 'exists' | 'unavailable'> {
  try {
    await client.schedule.create({
      scheduleId: schedule.scheduleId,
      spec: schedule.spec,
      action: {
        type: 'startWorkflow',
        workflowType: schedule.workflowType,
        taskQueue: schedule.taskQueue,
        args: [],
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '7 days' },
    });
    log.info({ scheduleId: schedule.scheduleId }, `${schedule.name} schedule created`);
    return 'created';
  } catch (error) {
    if (error instanceof ScheduleAlreadyRunning || (error as Error)?.name === 'ScheduleAlreadyRunning')
      return 'exists';
    log.warn({ err: error }, `${schedule.name} schedule not created (the server may have no schedules)`);
    return 'unavailable';
  }
}
