import { Prisma } from '@prisma/client';
import { CASE_STATUSES, PROCEDURE_STEPS, type CaseStatus, type ProcedureStep } from '../../domain/case-steps';
import { PROGRAMMES, type ProgrammeDefinition } from '../../domain/programmes';
import type { Actor } from '../../domain/staff-roles';
import { localDateOf } from '../../domain/working-days';
import type { Database } from '../../platform/database';
import { stepLabel } from '../console/case-forms';
import { localMidnight } from '../referral-inbox';
import { encodeCursor, type CaseListQuery } from '../schemas/case-list-query';
import { caseRows, type CaseRow } from './case-rows';
import { caseScopeOf, scopeCondition } from './case-scope';

const definitionOf = (code: string): ProgrammeDefinition | undefined =>
  (PROGRAMMES as Record<string, ProgrammeDefinition>)[code];

/** A case in GET /api/cases: names as each programme words them, never an ID number. */
function present(c: CaseRow) {
  const programme = definitionOf(c.programme);
  return {
    caseNo: c.caseNo,
    programme: c.programme,
    programmeName: programme?.name ?? c.programme,
    status: c.status,
    statusName:
      programme?.statusLabels[c.status as CaseStatus] ?? CASE_STATUSES[c.status as CaseStatus] ?? c.status,
    applicantName: c.applicantName,
    countyId: c.countyId,
    townshipId: c.townshipId,
    villageId: c.villageId,
    village: c.village,
    currentStep: c.currentStep,
    stepName: programme
      ? stepLabel(c.programme, c.currentStep, c.status)
      : c.currentStep && (PROCEDURE_STEPS[c.currentStep as ProcedureStep] ?? c.currentStep),
    assigneeUnitId: c.assigneeUnitId,
    dueAt: c.dueAt,
    overdue: c.overdue,
    workingDaysLeft: c.daysLeft,
    overallDueAt: c.overallDueAt,
    overallOverdue: c.overallOverdue,
    appliedAt: c.appliedAt,
    closedAt: c.closedAt,
  };
}

export type CaseListItem = ReturnType<typeof present>;

/**
 * The cases of households below the user's unit that match the filters, by case number, one
 * page after the cursor: each page is a range of an index (by number, or a county's by
 * number), so page 1,000 costs what page 1 does.
 */
export async function listCases(
  db: Database,
  actor: Actor,
  q: CaseListQuery,
  now = Date.now(),
): Promise<{ items: CaseListItem[]; nextCursor: string | null }> {
  const scope = await caseScopeOf(db, actor);
  const conditions = [
    scopeCondition(scope),
    q.programme ? Prisma.sql`c."programmeCode"::text = ${q.programme}` : null,
    q.countyId ? Prisma.sql`c."countyId" = ${q.countyId}` : null,
    q.townshipId ? Prisma.sql`c."townshipId" = ${q.townshipId}` : null,
    q.status ? Prisma.sql`c.status IN (${Prisma.join(q.status)})` : null,
    q.step ? Prisma.sql`c."currentStep" = ${q.step}` : null,
    q.overdue === undefined ? null : Prisma.sql`c.overdue = ${q.overdue}`,
    q.dueBefore ? Prisma.sql`c."dueAt" < ${localMidnight(q.dueBefore)}` : null,
    q.cursor ? Prisma.sql`c."caseNo" > ${q.cursor}` : null,
  ].filter((c): c is Prisma.Sql => c !== null);
  const rows = await caseRows(db, {
    where: Prisma.join(conditions, ' AND '),
    orderBy: Prisma.sql`c."caseNo"`,
    limit: q.limit + 1,
    today: localDateOf(now),
  });
  const page = rows.slice(0, q.limit);
  return {
    items: page.map(present),
    nextCursor: rows.length > q.limit ? encodeCursor(page.at(-1)!.caseNo) : null,
  };
}
