import { AGEING_BUCKETS, bucketOf, workingDaysOverdue } from '../../domain/case-ageing';
import { PROCEDURE_STEPS, type ProcedureStep } from '../../domain/case-steps';
import { PROGRAMMES, type ProgrammeDefinition } from '../../domain/programmes';
import type { CaseRow } from '../supervision/case-rows';
import { stepLabel } from './case-forms';

const definitionOf = (code: string): ProgrammeDefinition | undefined =>
  (PROGRAMMES as Record<string, ProgrammeDefinition>)[code];

/** A step's name in its programme's words (特困 names some shared steps its own way). */
export const stepText = (programmeCode: string, step: string | null, status?: string): string | null =>
  definitionOf(programmeCode)
    ? stepLabel(programmeCode, step, status)
    : step && (PROCEDURE_STEPS[step as ProcedureStep] ?? step);

/** An open case as the dashboard's lists show it, with its working days left and overdue. */
export function presentCaseRow(c: CaseRow) {
  const overdueDays = c.overdue ? workingDaysOverdue(c.daysLeft, true) : 0;
  return {
    caseNo: c.caseNo,
    programme: c.programme,
    programmeName: definitionOf(c.programme)?.name ?? c.programme,
    applicantName: c.applicantName,
    village: c.village,
    countyId: c.countyId,
    townshipId: c.townshipId,
    step: c.currentStep,
    stepText: stepText(c.programme, c.currentStep, c.status),
    dueAt: c.dueAt,
    overallDueAt: c.overallDueAt,
    overdue: c.overdue,
    overallOverdue: c.overallOverdue,
    extendable: c.overdue || c.overallOverdue,
    daysLeft: c.daysLeft,
    overdueDays,
    ageing: (c.overdue ? bucketOf(AGEING_BUCKETS, overdueDays)?.key : undefined) ?? null,
  };
}
