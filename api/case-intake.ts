import { createHash, randomUUID } from 'node:crypto';
import { Prisma } from '@prisma/client';
import { idCardFacts } from '../domain/id-card';
import { canSeeCase, type Actor } from '../domain/staff-roles';
import type { Database } from '../platform/database';
import { numberCase } from './case-numbers';
import { caseWorkflowId } from './case-workflows';
import type { CaseWorkflowInput } from '../workflows/definitions';
import { HttpError } from './http-error';
import { claimPeople, duplicateApplication } from './open-claims';
import { policyOn } from '../activities/county-rules';
import { temporaryFactsSchema, type TemporaryFacts } from '../domain/programme-facts';
import { repeatWindowStart, TEMPORARY_CAUSES, temporaryClaimGroup } from '../domain/temporary-assistance';
import { localDateOf } from '../domain/working-days';
import { flagPossibleDuplicates, possibleDuplicatesOf } from './possible-duplicates';
import type { CaseApplication, TemporaryRequest } from './schemas/case-application';
import { maskedAccount } from '../domain/bank-accounts';

/** 临时救助: the request as filed, kept as the case's programme figures until the workflow grants. */
function temporaryFactsAtFiling(request: TemporaryRequest): TemporaryFacts {
  return {
    path: request.path,
    cause: request.cause,
    circumstances: request.circumstances,
    statedExpenseYuan: request.statedExpenseYuan ?? null,
    grantedYuan: null,
    goods: null,
    goodsValueYuan: null,
  };
}

const FILING_ROLES: readonly Actor['role'][] = ['VILLAGE_ASSISTANT', 'TOWNSHIP_OFFICER'];

export interface IntakeResult {
  caseId: string;
  created: boolean;
  /** What the new case's workflow starts with, as written (a case found by its key is read again). */
  workflow?: CaseWorkflowInput & { workflowId: string };
}

function requestHash(application: CaseApplication): string {
  return createHash('sha256').update(JSON.stringify(application)).digest('hex');
}

/**
 * Finds the case an Idempotency-Key already made; the same key with another request is refused,
 * naming what the key was used for (an application, or an intake at a rescue station).
 */
export async function caseForKey(
  db: Database,
  key: string,
  hash: string,
  usedFor = '另一份申请',
): Promise<IntakeResult | null> {
  const existing = await db.case.findUnique({
    where: { idempotencyKey: key },
    select: { id: true, requestHash: true },
  });
  if (!existing) return null;
  if (existing.requestHash !== hash) {
    throw new HttpError(
      422,
      'idempotency_key_reused',
      `Idempotency-Key 已用于${usedFor} (key was used for a different request)`,
    );
  }
  return { caseId: existing.id, created: false };
}

/**
 * Writes an application — its case number, household, members, the case, its claims on its
 * people (查重), any possible-duplicate flags and its first event — in one transaction. Nothing
 * is written unless all of it is: a refused filing leaves no row and consumes no case number.
 */
export async function fileApplication(
  db: Database,
  actor: Actor,
  application: CaseApplication,
  idempotencyKey: string | undefined,
): Promise<IntakeResult> {
  if (!FILING_ROLES.includes(actor.role)) {
    throw new HttpError(
      403,
      'forbidden',
      '只有村协理员或乡镇经办可以代为申请 (role may not file applications)',
    );
  }
  const village = await db.orgUnit.findUnique({
    where: { id: application.villageId },
    select: { id: true, level: true, path: true },
  });
  // The materialised path names the village's ancestors: /prefecture/county/township/village/.
  const [countyId, townshipId, villageId] = village?.path.split('/').filter(Boolean).slice(-3) ?? [];
  if (!village || village.level !== 'VILLAGE' || villageId !== village.id || !countyId || !townshipId) {
    throw new HttpError(422, 'unknown_village', `body.villageId: 村/社区 ${application.villageId} 不存在`, [
      { field: 'body.villageId', message: 'unknown village' },
    ]);
  }
  if (!canSeeCase(actor, village.path)) {
    throw new HttpError(403, 'forbidden', '该村/社区不在您的管辖范围内 (village outside your jurisdiction)');
  }

  // A key already used is found by the case's unique key at the insert (below, as in a race),
  // so a first filing, the common one, does not look it up first.
  const hash = requestHash(application);
  const applicant = application.members.find((m) => m.relation === 'APPLICANT')!;
  const temporary = application.programme === 'TEMPORARY' ? application.temporary : undefined;
  // 临时救助: once per person and cause within the county's repeat window, as in force today.
  const repeat = temporary && {
    group: temporaryClaimGroup(temporary.cause),
    windowStart: new Date(
      repeatWindowStart(Date.now(), await policyOn(db, countyId, localDateOf(Date.now()))),
    ),
  };
  const members = application.members.map((member) => ({
    id: randomUUID(),
    member,
    facts: idCardFacts(member.idNumber),
  }));
  // 疑似重复 reads other cases only: before the transaction, one statement for all members.
  const possibleDuplicates = await possibleDuplicatesOf(
    db,
    { programme: application.programme, countyId },
    members.map(({ member, facts }) => ({
      name: member.name,
      idNumber: member.idNumber,
      birthDate: facts.birthDate,
    })),
  );
  try {
    const numbered = await db.$transaction(async (tx) => {
      // The number is issued last (below): its counter stays locked only from then to commit.
      const provisional = `pending/${randomUUID()}`;
      const household = await tx.household.create({
        data: {
          countyId,
          townshipId,
          villageId: village.id,
          address: application.address,
          phone: application.phone ?? null,
          singleParentFamily: application.singleParentFamily,
        },
        select: { id: true },
      });
      // Every member in one statement, their ids made here so the flags below can name them.
      await tx.householdMember.createMany({
        data: members.map(({ id, member, facts }) => ({
          id,
          householdId: household.id,
          name: member.name,
          idNumber: member.idNumber,
          relation: member.relation,
          birthDate: new Date(`${facts.birthDate}T00:00:00Z`),
          sex: facts.sex,
          disabilityGrade: member.disabilityGrade ?? null,
          disabilityKind: member.disabilityKind ?? null,
          labourCapacity: member.labourCapacity,
          health: member.health,
          inSchool: member.inSchool ?? null,
          livesTogether: member.livesTogether,
          canLiveIndependently: member.canLiveIndependently ?? null,
          legalDutyOfSupport: member.legalDutyOfSupport ?? null,
          exclusion: member.exclusion ?? null,
          exclusionSince: member.exclusionSince ? new Date(`${member.exclusionSince}T00:00:00Z`) : null,
        })),
      });
      const created = await tx.case.create({
        data: {
          caseNo: provisional,
          programmeCode: application.programme,
          householdId: household.id,
          countyId,
          townshipId,
          villageId: village.id,
          applicantName: applicant.name,
          relativeOfStaff: application.relativeOfStaff,
          status: 'SUBMITTED',
          workflowId: provisional,
          idempotencyKey: idempotencyKey ?? null,
          requestHash: hash,
          createdById: actor.userId,
          lastEventSeq: 1,
          ...(temporary && { programmeFacts: temporaryFactsAtFiling(temporary) }),
        },
        select: { id: true },
      });
      if (application.bankAccount)
        await tx.householdBankAccount.create({
          data: {
            householdId: household.id,
            holderName: application.bankAccount.holderName ?? applicant.name,
            bankName: application.bankAccount.bankName,
            accountNo: application.bankAccount.accountNo,
            updatedBy: actor.username,
          },
        });
      const idNumbers = application.members.map((m) => m.idNumber);
      const held = await claimPeople(tx, created.id, application.programme, idNumbers, repeat);
      if (held.length > 0) {
        throw duplicateApplication(
          held,
          application.members.map((m) => m.name),
          temporary && TEMPORARY_CAUSES[temporary.cause],
        );
      }
      await flagPossibleDuplicates(
        tx,
        created.id,
        members.map((m) => m.id),
        possibleDuplicates,
      );
      await tx.caseEvent.create({
        data: {
          caseId: created.id,
          seq: 1,
          type: 'applicationReceived',
          actorId: actor.userId,
          actorRole: actor.role,
          actorName: actor.displayName,
          payload: {
            channel: application.channel,
            relativeOfStaff: application.relativeOfStaff,
            members: application.members.length,
            ...(application.bankAccount && {
              bankAccount: {
                bankName: application.bankAccount.bankName,
                accountNo: maskedAccount(application.bankAccount.accountNo),
              },
            }),
          },
          idempotencyKey: `intake/${created.id}`,
        },
      });
      const caseNo = await numberCase(
        tx,
        created.id,
        application.programme,
        countyId,
        new Date(),
        caseWorkflowId,
      );
      return { caseId: created.id, caseNo };
    });
    return {
      caseId: numbered.caseId,
      created: true,
      workflow: {
        workflowId: caseWorkflowId(numbered.caseNo),
        caseId: numbered.caseId,
        caseNo: numbered.caseNo,
        programme: application.programme,
        countyId,
        townshipId,
        villageId: village.id,
        villagePath: village.path,
        relativeOfStaff: application.relativeOfStaff,
        ...(temporary && { temporary: temporaryFactsSchema.parse(temporaryFactsAtFiling(temporary)) }),
      },
    };
  } catch (error) {
    // Two requests with one key at the same moment: the loser answers with the winner's case,
    // whether the key's index or the winner's claims on the same people stopped it.
    const raced =
      (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') ||
      (error instanceof HttpError && error.code === 'duplicate_application');
    if (idempotencyKey && raced) {
      const existing = await caseForKey(db, idempotencyKey, hash);
      if (existing) return existing;
    }
    throw error;
  }
}
