import type { Client } from '@temporalio/client';
import type { Express } from 'express';
import { MemoryStore } from 'express-session';
import { recordTransition } from '../../activities/case-records';
import { createApp } from '../../api/app';
import { fileApplication } from '../../api/case-intake';
import type { CaseEventType, CaseStatus, ProcedureStep } from '../../domain/case-steps';
import type { Actor } from '../../domain/staff-roles';
import type { Database } from '../../platform/database';
import { createLogger } from '../../platform/logger';
import { DEMO_PASSWORD } from '../../prisma/seed/seed';
import type { CaseView } from '../../workflows/definitions';
import { dibaoApplication, idNumber } from './fixtures';
import { TEST_SESSION_SECRET } from './test-app';
import { createTestDatabase } from './test-database';

/**
 * The supervision suites read the read model only: a fresh database and the HTTP app without
 * a Temporal server (no route they call starts or asks a workflow), cases filed by intake and
 * moved by the activity the workflows write the read model with.
 */
export function useReadModelApp(): { app: Express; db: Database } {
  const holder = {} as { app: Express; db: Database };
  beforeAll(async () => {
    ({ db: holder.db } = await createTestDatabase());
    holder.app = createApp({
      db: holder.db,
      // No route these suites call reaches Temporal; every request still passes through the
      // deadline middleware, which only wraps the handlers in `connection.withDeadline`.
      temporal: {
        connection: { withDeadline: (_at: number, run: () => Promise<void>) => run() },
      } as unknown as Client,
      taskQueue: 'unused',
      log: createLogger('test', 'silent'),
      sessions: { store: new MemoryStore(), secret: TEST_SESSION_SECRET },
    });
  });
  afterAll(() => holder.db?.$disconnect());
  return holder;
}

export const basic = (username: string) =>
  `Basic ${Buffer.from(`${username}:${DEMO_PASSWORD}`).toString('base64')}`;

/** A township officer of the village's township, as intake needs one. */
async function filerFor(db: Database, villageId: string): Promise<Actor> {
  const village = await db.orgUnit.findUniqueOrThrow({ where: { id: villageId }, include: { parent: true } });
  return {
    userId: 'fixture',
    username: 'fixture',
    displayName: '测试经办',
    role: 'TOWNSHIP_OFFICER',
    unitId: village.parent!.id,
    unitPath: village.parent!.path,
  };
}

let serial = 100;

/** A case filed in a village through intake (status SUBMITTED), its applicant named. */
export async function fileCase(
  db: Database,
  { villageId, programme = 'DIBAO_RURAL', name }: { villageId: string; programme?: string; name: string },
) {
  serial += 1;
  const application = dibaoApplication({
    villageId,
    programme: programme as 'DIBAO_RURAL',
    members: [
      {
        name,
        idNumber: idNumber('1950-01-02', serial),
        relation: 'APPLICANT',
        labourCapacity: 'NONE',
        health: 'CHRONIC',
        livesTogether: true,
      },
    ],
  });
  const { caseId } = await fileApplication(db, await filerFor(db, villageId), application, undefined);
  return db.case.findUniqueOrThrow({ where: { id: caseId } });
}

let transition = 0;

/** Writes a case's read model as its workflow would: the row and one event, in one transaction. */
export async function moveCase(
  db: Database,
  caseId: string,
  change: Partial<Omit<CaseView, 'caseNo'>> & { status: CaseStatus },
  event: { type: CaseEventType; step?: ProcedureStep | null; decision?: string } = { type: 'stepOpened' },
) {
  transition += 1;
  const row = await db.case.findUniqueOrThrow({ where: { id: caseId } });
  await recordTransition(db, {
    key: `fixture/${caseId}/${transition}`,
    caseId,
    programme: row.programmeCode,
    event: { type: event.type, step: event.step ?? null, decision: event.decision ?? null },
    change: {
      currentStep: null,
      assigneeUnitId: null,
      dueAt: null,
      overdue: false,
      overallDueAt: null,
      overallOverdue: false,
      monthlyAmount: null,
      nextReviewAt: null,
      ...change,
    },
  });
}
