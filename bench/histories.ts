import type { Client } from '@temporalio/client';

async function runHistory(client: Client, workflowId: string, runId: string) {
  const events = (await client.workflow.getHandle(workflowId, runId).fetchHistory()).events ?? [];
  const continuedFrom = events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId;
  return { events: events.length, continuedFrom: continuedFrom || undefined };
}

/**
 * History events of every run of a workflow id, oldest run first: from the latest run back
 * through each run's start event to the run it continued as new from.
 */
export async function eventsPerRun(client: Client, workflowId: string): Promise<number[]> {
  const counts: number[] = [];
  let runId: string | undefined = (await client.workflow.getHandle(workflowId).describe()).runId;
  while (runId) {
    const run = await runHistory(client, workflowId, runId);
    counts.push(run.events);
    runId = run.continuedFrom;
  }
  return counts.reverse();
}
