import { createHash, randomInt } from 'node:crypto';
import { Prisma } from '@prisma/client';
import type { Client } from '@temporalio/client';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
} from '@temporalio/client';
import {
  candidateListText,
  orderedCandidates,
  seededDraw,
  type DrawCandidate,
} from '../domain/random-checks';
import type { VerificationConsequence } from '../domain/verification-findings';
import { deadlineAfter } from '../domain/working-days';
import type { Database } from '../platform/database';
import type { Mailer } from '../platform/mailer';
import { randomCheckVisit, randomCheckWorkflowId } from '../workflows/random-checks';
import { loadCountyRules } from './county-rules';
import { deliverTaskMail, queueOverdueMail } from './verification-mail';

// 随机抽查: the quarter's draw of a county's enrolled cases and each drawn case's visit 核查.

const mailKeyPrefix = (visitId: string) => `random-check/${visitId}/`;

/** Cases in service that a check visits: enrolled or under review, of a programme with an enrolment. */
const DRAWN_STATUSES = ['ENROLLED', 'RECERTIFYING', 'PHASING_OUT'];
const DRAWN_PROGRAMMES = ['DIBAO_URBAN', 'DIBAO_RURAL', 'TEKUN'] as const;

/** SHA-256 of the ordered candidate list's text (domain/random-checks.ts), hex. */
export function candidatesHash(candidates: readonly DrawCandidate[]): string {
  return createHash('sha256').update(candidateListText(candidates), 'utf8').digest('hex');
}

/** Every county: the quarterly Schedule draws for each. */
export async function listDrawCounties(db: Database) {
  return db.orgUnit.findMany({ where: { level: 'COUNTY' }, select: { id: true }, orderBy: { id: 'asc' } });
}

/** The county's enrolled cases on this instant, in the draw's order. */
async function candidatesOf(db: Database, countyId: string): Promise<DrawCandidate[]> {
  const rows = await db.case.findMany({
    where: {
      countyId,
      closedAt: null,
      status: { in: DRAWN_STATUSES },
      programmeCode: { in: [...DRAWN_PROGRAMMES] },
    },
    select: { caseNo: true, townshipId: true },
  });
  return orderedCandidates(rows);
}

export interface DrawResult {
  drawId: string;
  created: boolean;
  visitIds: string[];
}

/**
 * The county's draw for the quarter, once (unique per county and quarter: a second call, a retry
 * or a racing request, answers the first draw): the candidates, the county's share in force, a
 * fresh seed, the cases drawn and a visit for each, in one transaction.
 */
export async function drawQuarter(
  db: Database,
  input: { countyId: string; quarter: string; drawnBy: string; seed?: number },
): Promise<DrawResult> {
  const existing = await db.randomCheckDraw.findUnique({
    where: { countyId_quarter: { countyId: input.countyId, quarter: input.quarter } },
    include: { visits: { select: { id: true }, orderBy: { createdAt: 'asc' } } },
  });
  if (existing) return { drawId: existing.id, created: false, visitIds: existing.visits.map((v) => v.id) };
  const county = await db.orgUnit.findUniqueOrThrow({ where: { id: input.countyId } });
  const { policy } = await loadCountyRules(db, input.countyId);
  const candidates = await candidatesOf(db, input.countyId);
  const seed = input.seed ?? randomInt(0, 2 ** 31 - 1);
  const share = policy.randomChecks.share;
  const drawn = seededDraw(candidates, share, seed);
  const townshipOf = new Map(candidates.map((c) => [c.caseNo, c.townshipId]));
  try {
    return await db.$transaction(async (tx) => {
      const draw = await tx.randomCheckDraw.create({
        data: {
          countyId: county.id,
          countyPath: county.path,
          quarter: input.quarter,
          seed,
          share: new Prisma.Decimal(share),
          candidates: candidates as unknown as Prisma.InputJsonValue,
          candidatesHash: candidatesHash(candidates),
          drawnCaseNos: drawn,
          drawnBy: input.drawnBy,
        },
      });
      const visitIds: string[] = [];
      for (const caseNo of drawn) {
        const visit = await tx.randomCheckVisit.create({
          data: {
            drawId: draw.id,
            caseNo,
            countyId: county.id,
            townshipId: townshipOf.get(caseNo)!,
            quarter: input.quarter,
            assigneeUnitId: county.id,
            assigneePath: county.path,
          },
        });
        visitIds.push(visit.id);
      }
      return { drawId: draw.id, created: true, visitIds };
    });
  } catch (error) {
    if ((error as { code?: string })?.code !== 'P2002') throw error;
    // Another draw of the same county and quarter committed first: it stands.
    return drawQuarter(db, input);
  }
}

/** Starts a visit's workflow once (a second start finds it running, or done). */
export async function startVisitWorkflows(temporal: Client, taskQueue: string, visitIds: readonly string[]) {
  for (const visitId of visitIds) {
    try {
      await temporal.workflow.start(randomCheckVisit, {
        workflowId: randomCheckWorkflowId(visitId),
        taskQueue,
        args: [{ visitId }],
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }
}

/**
 * A draw recomputed from what was recorded: the candidate list's hash checked, then the same
 * share and seed drawn again and compared, case by case and in order.
 */
export async function rerunDraw(db: Database, drawId: string) {
  const draw = await db.randomCheckDraw.findUniqueOrThrow({ where: { id: drawId } });
  const candidates = draw.candidates as unknown as DrawCandidate[];
  const recorded = draw.drawnCaseNos as unknown as string[];
  const hash = candidatesHash(candidates);
  const recomputed = seededDraw(candidates, Number(draw.share), draw.seed);
  const sameCases = recorded.length === recomputed.length && recorded.every((c, i) => c === recomputed[i]);
  return {
    drawId: draw.id,
    countyId: draw.countyId,
    quarter: draw.quarter,
    seed: draw.seed,
    share: Number(draw.share),
    candidateCount: candidates.length,
    candidatesHash: draw.candidatesHash,
    candidatesHashMatches: hash === draw.candidatesHash,
    recorded,
    recomputed,
    matches: hash === draw.candidatesHash && sameCases,
  };
}

/**
 * Sets the visit's deadline once: the county's limit in force when the visit's workflow opened it
 * (the workflow's clock, so a time-skipped test and production agree).
 */
export async function openRandomCheckVisit(
  db: Database,
  { visitId, openedAt }: { visitId: string; openedAt: string },
) {
  const visit = await db.randomCheckVisit.findUniqueOrThrow({ where: { id: visitId } });
  if (visit.dueAt) return { dueAt: visit.dueAt.toISOString() };
  const opened = new Date(openedAt);
  const { policy, calendar } = await loadCountyRules(db, visit.countyId, opened);
  const dueAt = deadlineAfter(opened, policy.randomChecks.visit, calendar);
  await db.randomCheckVisit.updateMany({ where: { id: visitId, dueAt: null }, data: { dueAt } });
  const row = await db.randomCheckVisit.findUniqueOrThrow({
    where: { id: visitId },
    select: { dueAt: true },
  });
  return { dueAt: row.dueAt!.toISOString() };
}

/** The visit's deadline passed: marked overdue, the county reminded, its supervisors told. */
export async function markRandomCheckVisitOverdue(
  db: Database,
  { visitId, dueAt }: { visitId: string; dueAt: string },
) {
  await db.$transaction(async (tx) => {
    const visit = await tx.randomCheckVisit.update({
      where: { id: visitId },
      data: { overdue: true, reminded: true, escalated: true },
    });
    await queueOverdueMail(tx, {
      keyPrefix: mailKeyPrefix(visitId),
      dueAt,
      unitId: visit.assigneeUnitId,
      kindName: `${visit.quarter} 随机抽查`,
      reference: visit.caseNo,
      subjects: { reminder: '【随机抽查核查超期提醒】', escalation: '【督办】随机抽查核查超期' },
    });
  });
}

export async function deliverRandomCheckMail(db: Database, mailer: Mailer, { visitId }: { visitId: string }) {
  return deliverTaskMail(db, mailer, mailKeyPrefix(visitId));
}

export interface CloseVisitInput {
  visitId: string;
  consequence: VerificationConsequence;
  findings: string;
  ineligibleFromMonth: string | null;
  username: string;
}

/** The finding closes the visit and is recorded with its consequence, in one transaction, once. */
export async function closeRandomCheckVisit(db: Database, input: CloseVisitInput) {
  await db.$transaction(async (tx) => {
    const closed = await tx.randomCheckVisit.updateMany({
      where: { id: input.visitId, status: 'CHECKING' },
      data: {
        status: 'CHECKED',
        consequence: input.consequence,
        findings: input.findings,
        closedBy: input.username,
        closedAt: new Date(),
        overdue: false,
      },
    });
    if (closed.count === 0) return;
    const visit = await tx.randomCheckVisit.findUniqueOrThrow({ where: { id: input.visitId } });
    await tx.verificationFinding.createMany({
      skipDuplicates: true,
      data: [
        {
          source: 'RANDOM_CHECK',
          sourceRef: input.visitId,
          countyId: visit.countyId,
          caseNo: visit.caseNo,
          consequence: input.consequence,
          reasons: input.findings,
          ineligibleFromMonth: input.ineligibleFromMonth,
          recordedBy: input.username,
        },
      ],
    });
  });
}
