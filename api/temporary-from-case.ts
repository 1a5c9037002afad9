import { z } from 'zod';
import { isEnrolled } from '../domain/case-steps';
import { localDateOf } from '../domain/working-days';
import type { Actor } from '../domain/staff-roles';
import type { Database } from '../platform/database';
import { fileApplication, type IntakeResult } from './case-intake';
import { HttpError } from './http-error';
import { caseApplicationSchema, temporaryRequestSchema } from './schemas/case-application';

/**
 * 临时救助 for a household whose 低保 application is pending (申请期间可给予临时救助): the
 * request (path, cause, circumstances) and how it came in; the household — village, address and
 * members with their ID numbers — is copied from the 低保 case on the server, so no ID number
 * passes through the form.
 */
export const temporaryFromCaseSchema = temporaryRequestSchema.extend({
  channel: z.enum(['inPerson', 'proxy', 'villageInitiative']).default('inPerson'),
  proxyAuthorisationSigned: z.boolean().optional(),
});

export type TemporaryFromCase = z.output<typeof temporaryFromCaseSchema>;

const FILERS: readonly Actor['role'][] = ['VILLAGE_ASSISTANT', 'TOWNSHIP_OFFICER'];

interface PendingCase {
  programmeCode: string;
  status: string;
  closedAt: Date | null;
  relativeOfStaff: boolean;
  household: {
    villageId: string;
    address: string;
    phone: string | null;
    singleParentFamily: boolean;
    members: {
      name: string;
      idNumber: string;
      relation: string;
      disabilityGrade: number | null;
      disabilityKind: string | null;
      labourCapacity: string;
      health: string;
      inSchool: string | null;
      livesTogether: boolean;
      canLiveIndependently: boolean | null;
      legalDutyOfSupport: boolean | null;
      exclusion: string | null;
      exclusionSince: Date | null;
    }[];
  };
}

/** Refuses (409 WrongStep) a case that is no pending 低保 application, and a role that files none (403). */
export function assertPendingDibao(found: PendingCase, actor: Actor): void {
  const dibao = found.programmeCode === 'DIBAO_URBAN' || found.programmeCode === 'DIBAO_RURAL';
  if (!dibao || found.closedAt || isEnrolled(found.status)) {
    throw new HttpError(
      409,
      'WrongStep',
      '仅在低保申请办理期间可从案件给予临时救助 (only while a 低保 application is pending)',
    );
  }
  if (!FILERS.includes(actor.role)) {
    throw new HttpError(
      403,
      'forbidden',
      '只有村协理员或乡镇经办可以代为申请 (role may not file applications)',
    );
  }
}

/** Files the household's 临时救助 application as the shared intake does (查重 per cause included). */
export function fileTemporaryFromCase(
  db: Database,
  actor: Actor,
  found: PendingCase,
  request: TemporaryFromCase,
  idempotencyKey: string | undefined,
): Promise<IntakeResult> {
  const { channel, proxyAuthorisationSigned, ...temporary } = request;
  const { household } = found;
  const application = caseApplicationSchema.parse({
    programme: 'TEMPORARY',
    villageId: household.villageId,
    address: household.address,
    ...(household.phone && { phone: household.phone }),
    channel,
    ...(proxyAuthorisationSigned !== undefined && { proxyAuthorisationSigned }),
    // Signed for the 低保 application's data check, which this household's file holds.
    dataCheckAuthorisationSigned: true,
    relativeOfStaff: found.relativeOfStaff,
    singleParentFamily: household.singleParentFamily,
    members: household.members.map((m) => ({
      name: m.name,
      idNumber: m.idNumber,
      relation: m.relation,
      labourCapacity: m.labourCapacity,
      health: m.health,
      livesTogether: m.livesTogether,
      ...(m.disabilityGrade !== null && { disabilityGrade: m.disabilityGrade }),
      ...(m.disabilityKind !== null && { disabilityKind: m.disabilityKind }),
      ...(m.inSchool !== null && { inSchool: m.inSchool }),
      ...(m.canLiveIndependently !== null && { canLiveIndependently: m.canLiveIndependently }),
      ...(m.legalDutyOfSupport !== null && { legalDutyOfSupport: m.legalDutyOfSupport }),
      ...(m.exclusion !== null && { exclusion: m.exclusion }),
      ...(m.exclusionSince !== null && { exclusionSince: localDateOf(m.exclusionSince) }),
    })),
    temporary,
  });
  return fileApplication(db, actor, application, idempotencyKey);
}
