import { WorkflowIdConflictPolicy, type Client } from '@temporalio/client';
import type { Database } from '../platform/database';
import { standardChange, standardChangeWorkflowId } from '../workflows/standard-change';

/** Starts the reviews a new standard asks for, once per standard (a second start attaches). */
export async function startStandardChange(
  client: Client,
  taskQueue: string,
  standardId: string,
): Promise<void> {
  await client.workflow.start(standardChange, {
    workflowId: standardChangeWorkflowId(standardId),
    taskQueue,
    args: [{ standardId }],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
  });
}

/** Standards set through the API whose reviews were never requested (the API stopped between). */
export async function startLeftBehindStandardChanges(
  db: Database,
  client: Client,
  taskQueue: string,
  olderThanMs = 30_000,
): Promise<number> {
  const rows = await db.assistanceStandard.findMany({
    where: {
      createdBy: { not: null },
      reviewsRequestedAt: null,
      createdAt: { lt: new Date(Date.now() - olderThanMs) },
    },
    select: { id: true },
    take: 100,
  });
  for (const row of rows) await startStandardChange(client, taskQueue, row.id);
  return rows.length;
}
