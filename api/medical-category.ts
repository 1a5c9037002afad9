import { ENROLMENT_STATUSES } from '../domain/case-steps';
import { categoryOfEnrolments, MEDICAL_CATEGORIES, type MedicalCategory } from '../domain/medical-assistance';
import type { Database } from '../platform/database';
import { HttpError } from './http-error';

/**
 * 医疗救助乡镇审核: the claim's category, where the patient is enrolled, is the enrolment's — a
 * 特困 person's claim at the 特困 share, a 低保 member's at the 低保 share — not the township's
 * choice. Checked against every open 低保/特困 enrolment of the patient's ID number; a patient
 * enrolled nowhere keeps the category the township states. Refused 422 naming body.category.
 */
export async function assertCategoryOfEnrolment(
  db: Database,
  caseId: string,
  payload: unknown,
): Promise<void> {
  const stated = (payload as { decision?: unknown; category?: unknown } | null) ?? {};
  if (stated.decision !== 'pass' || typeof stated.category !== 'string') return;
  const patient = await db.householdMember.findFirst({
    where: { relation: 'APPLICANT', household: { cases: { some: { id: caseId } } } },
    select: { idNumber: true },
  });
  if (!patient) return;
  const enrolments = await db.case.findMany({
    where: {
      id: { not: caseId },
      programmeCode: { in: ['DIBAO_URBAN', 'DIBAO_RURAL', 'TEKUN'] },
      status: { in: [...ENROLMENT_STATUSES] },
      closedAt: null,
      household: { members: { some: { idNumber: patient.idNumber } } },
    },
    select: { programmeCode: true },
  });
  const expected = categoryOfEnrolments(enrolments.map((e) => e.programmeCode));
  if (expected === null || expected === stated.category) return;
  const message = `救助对象类别应为「${MEDICAL_CATEGORIES[expected]}」（按其在保情况）`;
  throw new HttpError(422, 'category_mismatch', `body.category: ${message}`, [
    { field: 'body.category', message: `must be ${expected as MedicalCategory}: the person is enrolled` },
  ]);
}
