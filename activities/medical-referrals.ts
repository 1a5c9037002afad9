import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { fileApplication } from '../api/case-intake';
import { startCaseWorkflow } from '../api/case-workflows';
import { caseApplicationSchema } from '../api/schemas/case-application';
import { categoryOfEnrolments, type MedicalCategory } from '../domain/medical-assistance';
import type { Actor } from '../domain/staff-roles';
import { localDateOf } from '../domain/working-days';
import type { Database } from '../platform/database';
import { appendCaseEventOnce } from './case-records';

export interface MedicalCaseFromReferralInput {
  referralNo: string;
  /** The 低保 (or 特困) case the referral belongs to. */
  caseId: string;
  /** The seriously ill member: the medical case's applicant. */
  memberId: string;
  /** Who sent the referral (the township officer who confirmed it or made it by hand). */
  actor: Actor;
}

export interface MedicalCaseFromReferral {
  caseId: string;
  caseNo: string;
  category: MedicalCategory | null;
}

/** The medical case a referral opens is keyed by the referral: a retry finds it, never a second. */
export const medicalCaseKey = (referralNo: string) => `referral/${referralNo}/medical`;

/**
 * 医疗救助 from a serious-illness referral: files a MEDICAL case for the ill member — the
 * household's village and address, the member as applicant — through the shared intake,
 * notes it in the referring case's log, and starts its workflow. Exactly once per referral:
 * the case's idempotency key is the referral's, the event's key too, and the workflow id is
 * the case number (a second start attaches to the first).
 */
export async function openMedicalCaseForReferral(
  db: Database,
  temporal: Client,
  input: MedicalCaseFromReferralInput,
): Promise<MedicalCaseFromReferral> {
  const key = medicalCaseKey(input.referralNo);
  const source = await db.case.findUniqueOrThrow({
    where: { id: input.caseId },
    include: { household: { include: { members: true } } },
  });
  const category = categoryOfEnrolments([source.programmeCode]);
  let found = await db.case.findUnique({ where: { idempotencyKey: key }, select: { id: true } });
  if (!found) {
    const member = source.household.members.find((m) => m.id === input.memberId);
    if (!member) throw new Error(`member ${input.memberId} is not of case ${input.caseId}`);
    const { household } = source;
    const application = caseApplicationSchema.parse({
      programme: 'MEDICAL',
      villageId: household.villageId,
      address: household.address,
      ...(household.phone && { phone: household.phone }),
      channel: 'inPerson',
      // Signed for the 低保/特困 application's data check, which this household's file holds.
      dataCheckAuthorisationSigned: true,
      relativeOfStaff: source.relativeOfStaff,
      members: [
        {
          name: member.name,
          idNumber: member.idNumber,
          relation: 'APPLICANT',
          labourCapacity: member.labourCapacity,
          health: member.health,
          livesTogether: true,
          ...(member.disabilityGrade !== null && { disabilityGrade: member.disabilityGrade }),
          ...(member.disabilityKind !== null && { disabilityKind: member.disabilityKind }),
          ...(member.exclusion !== null && { exclusion: member.exclusion }),
          ...(member.exclusionSince !== null && { exclusionSince: localDateOf(member.exclusionSince) }),
        },
      ],
    });
    found = { id: (await fileApplication(db, input.actor, application, key)).caseId };
  }
  const opened = await db.case.findUniqueOrThrow({
    where: { id: found.id },
    select: { id: true, caseNo: true, workflowStartedAt: true },
  });
  await appendCaseEventOnce(db, input.caseId, `${key}/event`, {
    type: 'medicalCaseOpened',
    step: null,
    actor: input.actor,
    reasons: `转介 ${input.referralNo} 开立医疗救助案件 ${opened.caseNo}`,
    payload: { fromReferralNo: input.referralNo, medicalCaseNo: opened.caseNo, category },
  });
  if (!opened.workflowStartedAt) {
    await startCaseWorkflow(db, temporal, Context.current().info.taskQueue, opened.id);
  }
  return { caseId: opened.id, caseNo: opened.caseNo, category };
}
