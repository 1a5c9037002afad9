import { WorkflowIdConflictPolicy, type Client } from '@temporalio/client';
import type { Database } from '../platform/database';
import { disasterListFactsSchema } from '../domain/disaster-lists';
import { disasterFactsSchema, temporaryFactsSchema } from '../domain/programme-facts';
import { programmeOf } from '../domain/programmes';
import type { CaseWorkflowInput } from '../workflows/definitions';
import { APPLICATION_WORKFLOWS } from '../workflows/programme-workflows';
import { vagrantStayInput } from './rescue-stations';

export function caseWorkflowId(caseNo: string): string {
  return `case-${caseNo}`;
}

/** What the case's workflow starts with, read from the case row the intake wrote. */
export async function caseWorkflowInput(
  db: Database,
  caseId: string,
): Promise<CaseWorkflowInput & { workflowId: string }> {
  const row = await db.case.findUniqueOrThrow({
    where: { id: caseId },
    include: { household: { include: { village: { select: { path: true } } } } },
  });
  return {
    workflowId: row.workflowId,
    caseId: row.id,
    caseNo: row.caseNo,
    programme: row.programmeCode as CaseWorkflowInput['programme'],
    countyId: row.countyId,
    townshipId: row.townshipId,
    villageId: row.villageId,
    villagePath: row.household.village.path,
    relativeOfStaff: row.relativeOfStaff,
    ...(row.programmeCode === 'TEMPORARY' && {
      temporary: temporaryFactsSchema.parse(row.programmeFacts),
    }),
    ...(row.programmeCode === 'VAGRANT' && { vagrant: await vagrantStayInput(db, row.id) }),
    ...(row.programmeCode === 'DISASTER' &&
      ((row.programmeFacts as { kind?: string } | null)?.kind === 'list'
        ? { disasterList: disasterListFactsSchema.parse(row.programmeFacts) }
        : { disaster: disasterFactsSchema.parse(row.programmeFacts) })),
  };
}

/**
 * Starts the case's workflow, or finds it already running: the id is the case number and
 * a second start attaches to the first, so a retried request or the reconciler below
 * never starts a case twice.
 */
export async function startCaseWorkflow(
  db: Database,
  client: Client,
  taskQueue: string,
  caseId: string,
  /** What the intake just wrote, so the case is not read again; read when not given. */
  written?: CaseWorkflowInput & { workflowId: string },
): Promise<void> {
  const { workflowId, ...input } = written ?? (await caseWorkflowInput(db, caseId));
  await client.workflow.start(APPLICATION_WORKFLOWS[programmeOf(input.programme).family], {
    workflowId,
    taskQueue,
    args: [input],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
  });
  await db.case.update({ where: { id: caseId }, data: { workflowStartedAt: new Date() } });
}

/**
 * Cases written to the database whose workflow start was never confirmed (the API stopped
 * between the two): started again, so no accepted application is left behind.
 */
export async function startLeftBehindCases(
  db: Database,
  client: Client,
  taskQueue: string,
  olderThanMs = 30_000,
): Promise<number> {
  const rows = await db.case.findMany({
    where: { workflowStartedAt: null, appliedAt: { lt: new Date(Date.now() - olderThanMs) } },
    select: { id: true },
    take: 100,
  });
  for (const row of rows) await startCaseWorkflow(db, client, taskQueue, row.id);
  return rows.length;
}
