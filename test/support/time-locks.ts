import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

const { EventType } = temporal.api.enums.v1;

/** What a scheduled workflow task or activity is and what ends it, by event type. */
const TASK_EVENTS = new Map<number, ['workflowTasks' | 'activities', 1 | -1]>([
  [EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, ['workflowTasks', 1]],
  [EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, ['workflowTasks', -1]],
  [EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED, ['workflowTasks', -1]],
  [EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT, ['workflowTasks', -1]],
  [EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, ['activities', 1]],
  [EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, ['activities', -1]],
  [EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED, ['activities', -1]],
  [EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT, ['activities', -1]],
  [EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED, ['activities', -1]],
]);

export interface UnendedTasks {
  workflowTasks: number;
  activities: number;
  /** The last events' types, for a message. */
  tail: string[];
}

/**
 * The workflow tasks and activities a run has scheduled and not seen end, from one read of its
 * history. The time-skipping server holds a lock on its clock for each from its scheduling to
 * its end, and refuses every end once the run is terminated: these are the locks a termination
 * leaves behind. (Its describe does not report a pending workflow task, and a describe and a
 * history read one after the other can miss an activity scheduled between them.)
 */
export async function unendedTasks(handle: WorkflowHandle): Promise<UnendedTasks> {
  const events = (await handle.fetchHistory()).events ?? [];
  const unended: UnendedTasks = { workflowTasks: 0, activities: 0, tail: [] };
  for (const e of events) {
    const counted = TASK_EVENTS.get(e.eventType ?? 0);
    if (counted) unended[counted[0]] += counted[1];
  }
  unended.tail = events
    .slice(-6)
    .map((e) => `${e.eventId} ${EventType[e.eventType ?? 0]?.replace('EVENT_TYPE_', '')}`);
  return unended;
}
