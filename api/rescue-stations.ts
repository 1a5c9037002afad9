import { createHash, randomUUID } from 'node:crypto';
import { Prisma } from '@prisma/client';
import { z } from 'zod';
import { policyOn } from '../activities/county-rules';
import { idCardFacts, maskIdCard } from '../domain/id-card';
import { isWithinJurisdiction, type Actor, type StaffRole } from '../domain/staff-roles';
import {
  VAGRANT_CONDITIONS,
  VAGRANT_SEXES,
  ageInYears,
  hoursSince,
  isMinor,
  stayDueAt,
  stayNearingEnd,
  tracingNoticeDueAt,
  type VagrantCondition,
  type VagrantSex,
} from '../domain/vagrant';
import { localDateOf } from '../domain/working-days';
import type { Database } from '../platform/database';
import type { VagrantStayInput } from '../workflows/definitions';
import { caseForKey } from './case-intake';
import { issueCaseNumber } from './case-numbers';
import { caseWorkflowId } from './case-workflows';
import { HttpError } from './http-error';
import { idNumberSchema } from './schemas/case-application';
import { storableText } from './schemas/storable-text';

/**
 * 救助管理站 rescue stations and their intake 入站登记. A station belongs to its county's
 * civil-affairs bureau, whose staff (county approvers) take people in and record their exits;
 * supervisors and administrators above read. Township and village staff, department officers
 * and care-home managers do not see the stations (403). A station outside one's unit answers
 * 404 like no station at all.
 *
 * Intake is voluntary and free; identity as far as known: a person who gives no name or ID
 * number is recorded by description (sex, apparent age, features, where found). The place is
 * taken by a conditional update of the station's occupancy (below capacity only), with the
 * database's CHECK as the last word, so two intakes racing for the last place end with one in
 * and one refused 409 `station_full`.
 */

export const STATION_READERS: readonly StaffRole[] = ['COUNTY_APPROVER', 'SUPERVISOR', 'ADMINISTRATOR'];
export const STATION_STAFF: readonly StaffRole[] = ['COUNTY_APPROVER'];

export const stationParamsSchema = z.object({ stationId: z.uuid('not a station id') });

export const vagrantIntakeSchema = z
  .object({
    /** Blank when the person does not or cannot say. */
    name: storableText().min(1).max(50).optional(),
    idNumber: idNumberSchema.optional(),
    sex: z.enum(Object.keys(VAGRANT_SEXES) as [VagrantSex, ...VagrantSex[]]).optional(),
    /** Staff's estimate when there is no ID number. */
    apparentAge: z.number().int().min(0).max(120).optional(),
    features: storableText({ multiline: true }).min(2, '请填写体貌特征').max(1000),
    foundAt: storableText().min(2, '请填写发现地点').max(200),
    homeKnown: z.boolean(),
    homeAddress: storableText().min(2).max(200).optional(),
    /** The township of origin when it lies in the prefecture: the exit refers the person there. */
    homeTownshipId: z
      .string()
      .regex(/^\d{9}$/, '乡镇代码为 9 位数字')
      .optional(),
    condition: z
      .enum(Object.keys(VAGRANT_CONDITIONS) as [VagrantCondition, ...VagrantCondition[]])
      .default('none'),
  })
  .strict()
  .superRefine((intake, ctx) => {
    if (!intake.idNumber && intake.apparentAge === undefined) {
      ctx.addIssue({ code: 'custom', path: ['apparentAge'], message: '无身份证号码时须填写估计年龄' });
    }
    if (!intake.idNumber && !intake.sex) {
      ctx.addIssue({ code: 'custom', path: ['sex'], message: '无身份证号码时须填写性别' });
    }
    if (intake.homeKnown && !intake.homeAddress) {
      ctx.addIssue({ code: 'custom', path: ['homeAddress'], message: '家庭住址已知时须填写住址' });
    }
  });

export type VagrantIntake = z.output<typeof vagrantIntakeSchema>;

type StationRow = Prisma.RescueStationGetPayload<object> & { villagePath: string; countyPath: string };

/** The station if the actor may read it; 403 for a role that reads none, 404 outside the unit. */
export async function findVisibleStation(db: Database, actor: Actor, id: string): Promise<StationRow> {
  assertStationReader(actor);
  const station = await db.rescueStation.findUnique({ where: { id } });
  const units = station
    ? await db.orgUnit.findMany({
        where: { id: { in: [station.villageId, station.countyId] } },
        select: { id: true, path: true },
      })
    : [];
  const villagePath = units.find((u) => u.id === station?.villageId)?.path;
  const countyPath = units.find((u) => u.id === station?.countyId)?.path;
  if (!station || !villagePath || !countyPath || !visibleTo(actor, countyPath)) {
    throw new HttpError(404, 'not_found', '救助管理站不存在 (no such station)');
  }
  return { ...station, villagePath, countyPath };
}

/** Readers at or above the county see its station; a county approver only the own county's. */
function visibleTo(actor: Actor, countyPath: string): boolean {
  return isWithinJurisdiction(actor.unitPath, countyPath);
}

/**
 * A township of origin named at intake or exit must be a township of the prefecture: the referral
 * home goes to its staff. Anything else answers 422 naming the field, before anything is written.
 */
export async function assertHomeTownship(db: Database, body: unknown, field: string): Promise<void> {
  const id = (body as { homeTownshipId?: unknown } | null)?.homeTownshipId;
  if (typeof id !== 'string' || !/^\d{9}$/.test(id)) return;
  const unit = await db.orgUnit.findUnique({ where: { id }, select: { level: true } });
  if (unit?.level !== 'TOWNSHIP') {
    throw new HttpError(422, 'unknown_township', `${field}: 州内没有乡镇（街道）${id} (no such township)`, [
      { field, message: 'unknown township' },
    ]);
  }
}

/** Intake is the station's staff's: the county civil-affairs bureau's approvers of its county. */
export function assertStationStaff(actor: Actor, station: { villagePath: string }): void {
  if (!STATION_STAFF.includes(actor.role) || !isWithinJurisdiction(actor.unitPath, station.villagePath)) {
    throw new HttpError(
      403,
      'forbidden',
      '只有本县民政部门（救助管理站）工作人员可以办理入站登记 (only the station staff take people in)',
    );
  }
}

export function assertStationReader(actor: Actor): void {
  if (!STATION_READERS.includes(actor.role)) {
    throw new HttpError(
      403,
      'forbidden',
      '只有县级民政（救助管理站）、监督和管理人员可以查看救助管理站 (role may not read rescue stations)',
    );
  }
}

/** The stations the actor may read: those of the counties at or below the actor's unit. */
export async function listStations(db: Database, actor: Actor) {
  assertStationReader(actor);
  // A county's station is read at or above the county, never from a bureau below it.
  const counties = await db.orgUnit.findMany({
    where: { level: 'COUNTY', path: { startsWith: actor.unitPath } },
    select: { id: true },
  });
  return db.rescueStation.findMany({
    where: { countyId: { in: counties.map((c) => c.id) } },
    orderBy: [{ countyId: 'asc' }, { name: 'asc' }],
  });
}

function requestHash(intake: VagrantIntake, stationId: string): string {
  return createHash('sha256').update(JSON.stringify({ stationId, intake })).digest('hex');
}

/** How letters and the station's page name a person: the name, else a description. */
export function personLabel(p: {
  personName: string | null;
  sex: string;
  apparentAge: number | null;
}): string {
  if (p.personName) return p.personName;
  const sex = VAGRANT_SEXES[p.sex as VagrantSex] ?? '不详';
  return `身份不明人员（${sex}${p.apparentAge === null ? '' : `，约 ${p.apparentAge} 岁`}）`;
}

/**
 * 入站登记: the stay, its VAGRANT case (VG-…) with a household of no members at the station's
 * village (the person's facts live on the stay), the case's first event and the place taken, in
 * one transaction. A retried request with the same Idempotency-Key answers with the first case.
 */
export async function admitPerson(
  db: Database,
  actor: Actor,
  station: StationRow,
  intake: VagrantIntake,
  idempotencyKey: string | undefined,
): Promise<{ caseId: string; created: boolean }> {
  assertStationStaff(actor, station);
  const hash = requestHash(intake, station.id);
  if (idempotencyKey) {
    const existing = await caseForKey(db, idempotencyKey, hash, '另一次登记');
    if (existing) return existing;
  }
  const now = new Date();
  const policy = await policyOn(db, station.countyId, localDateOf(now));
  const card = intake.idNumber ? idCardFacts(intake.idNumber) : null;
  const age = card ? ageInYears(card.birthDate, localDateOf(now)) : (intake.apparentAge ?? null);
  const minor = isMinor(age, policy);
  const sex = card ? card.sex : intake.sex!;
  const admittedAt = now.getTime();
  const noticeDue = intake.homeKnown ? null : new Date(tracingNoticeDueAt(admittedAt, policy));
  const stayDue = new Date(stayDueAt(admittedAt, minor, policy));
  const label = personLabel({
    personName: intake.name ?? null,
    sex,
    apparentAge: card ? null : (intake.apparentAge ?? null),
  });
  try {
    const caseId = await db.$transaction(async (tx) => {
      // The place first: a full station refuses before anything is written.
      const taken = await tx.$executeRaw`
        UPDATE "RescueStation" SET occupancy = occupancy + 1
        WHERE id = ${station.id} AND occupancy < capacity`;
      if (taken === 0) {
        throw new HttpError(
          409,
          'station_full',
          `${station.name}已满员（床位 ${station.capacity}），请联系其他救助管理站 (the station is full)`,
        );
      }
      const provisional = `pending/${randomUUID()}`;
      const household = await tx.household.create({
        data: {
          countyId: station.countyId,
          townshipId: station.townshipId,
          villageId: station.villageId,
          address: station.address,
        },
      });
      const created = await tx.case.create({
        data: {
          caseNo: provisional,
          programmeCode: 'VAGRANT',
          householdId: household.id,
          countyId: station.countyId,
          townshipId: station.townshipId,
          villageId: station.villageId,
          applicantName: label,
          status: 'ACCEPTED',
          workflowId: provisional,
          idempotencyKey: idempotencyKey ?? null,
          requestHash: hash,
          createdById: actor.userId,
          lastEventSeq: 1,
          appliedAt: now,
        },
      });
      await tx.vagrantStay.create({
        data: {
          caseId: created.id,
          stationId: station.id,
          countyId: station.countyId,
          personName: intake.name ?? null,
          idNumber: intake.idNumber ?? null,
          sex,
          birthDate: card ? new Date(`${card.birthDate}T00:00:00Z`) : null,
          apparentAge: card ? null : (intake.apparentAge ?? null),
          minor,
          features: intake.features,
          foundAt: intake.foundAt,
          homeKnown: intake.homeKnown,
          homeAddress: intake.homeAddress ?? null,
          homeTownshipId: intake.homeTownshipId ?? null,
          condition: intake.condition,
          admittedAt: now,
          tracingNoticeDueAt: noticeDue,
          stayDueAt: stayDue,
          recordedById: actor.userId,
        },
      });
      await tx.caseEvent.create({
        data: {
          caseId: created.id,
          seq: 1,
          type: 'vagrantAdmitted',
          actorId: actor.userId,
          actorRole: actor.role,
          actorName: actor.displayName,
          // Never the ID number: the event log is read in lists.
          payload: {
            stationId: station.id,
            stationName: station.name,
            identityKnown: Boolean(intake.idNumber),
            minor,
            homeKnown: intake.homeKnown,
            condition: intake.condition,
            foundAt: intake.foundAt,
          },
          idempotencyKey: `intake/${created.id}`,
        },
      });
      const caseNo = await issueCaseNumber(tx, 'VAGRANT', station.countyId, now);
      await tx.case.update({
        where: { id: created.id },
        data: { caseNo, workflowId: caseWorkflowId(caseNo) },
      });
      return created.id;
    });
    return { caseId, created: true };
  } catch (error) {
    const raced = error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
    if (idempotencyKey && raced) {
      const existing = await caseForKey(db, idempotencyKey, hash, '另一次登记');
      if (existing) return existing;
    }
    // The CHECK stopped a write past the capacity: the same answer as the conditional update's.
    if (
      error instanceof Prisma.PrismaClientKnownRequestError &&
      String(error.message).includes('occupancy')
    ) {
      throw new HttpError(409, 'station_full', `${station.name}已满员 (the station is full)`);
    }
    throw error;
  }
}

/** What the stay's workflow starts with, read from the stay the intake wrote. */
export async function vagrantStayInput(db: Database, caseId: string): Promise<VagrantStayInput> {
  const stay = await db.vagrantStay.findUniqueOrThrow({ where: { caseId }, include: { station: true } });
  return {
    stationId: stay.stationId,
    stationName: stay.station.name,
    personLabel: personLabel(stay),
    admittedAt: stay.admittedAt.toISOString(),
    minor: stay.minor,
    homeKnown: stay.homeKnown,
    homeTownshipId: stay.homeTownshipId,
    condition: stay.condition as VagrantCondition,
    description: describe(stay),
    stayDueAt: stay.stayDueAt!.toISOString(),
    tracingNoticeDueAt: stay.tracingNoticeDueAt?.toISOString() ?? null,
  };
}

/** The tracing notice's description: sex, age, features, where found (never an ID number). */
function describe(stay: {
  sex: string;
  apparentAge: number | null;
  birthDate: Date | null;
  features: string;
  foundAt: string;
}): string {
  const sex = VAGRANT_SEXES[stay.sex as VagrantSex] ?? '不详';
  const age =
    stay.apparentAge !== null
      ? `约 ${stay.apparentAge} 岁`
      : stay.birthDate
        ? `${ageInYears(localDateOf(stay.birthDate), localDateOf(new Date()))} 岁`
        : '年龄不详';
  return `${sex}，${age}，${stay.features}；发现地点：${stay.foundAt}`;
}

/** The station's page and API answer: the station and the people present, with their clocks. */
export async function stationOverview(db: Database, station: StationRow, now = Date.now()) {
  const policy = await policyOn(db, station.countyId, localDateOf(now));
  const stays = await db.vagrantStay.findMany({
    where: { stationId: station.id, exitedAt: null },
    orderBy: { admittedAt: 'asc' },
  });
  const cases = await db.case.findMany({
    where: { id: { in: stays.map((s) => s.caseId) } },
    select: { id: true, caseNo: true, overdue: true, dueAt: true, currentStep: true },
  });
  const caseOf = new Map(cases.map((c) => [c.id, c]));
  const present = stays.map((s) => {
    const found = caseOf.get(s.caseId);
    const noticeDue = s.tracingNoticeDueAt && !s.tracingNoticeAt ? s.tracingNoticeDueAt : null;
    const stayDue = s.inHospitalSince ? null : (s.stayDueAt?.getTime() ?? null);
    return {
      caseNo: found?.caseNo ?? null,
      person: personLabel(s),
      idNumber: s.idNumber ? maskIdCard(s.idNumber) : null,
      sex: s.sex,
      minor: s.minor,
      condition: s.condition,
      admittedAt: s.admittedAt.toISOString(),
      hoursSinceIntake: hoursSince(s.admittedAt.getTime(), now),
      tracingNoticeDueAt: noticeDue?.toISOString() ?? null,
      tracingNoticeLate: noticeDue !== null && noticeDue.getTime() <= now,
      tracingNoticePublishedAt: s.tracingNoticeAt?.toISOString() ?? null,
      stayDueAt: s.stayDueAt?.toISOString() ?? null,
      stayNearingEnd: !s.minor && stayNearingEnd(stayDue, now, policy),
      extendedDays: s.extendedDays,
      inHospital: s.inHospitalSince !== null,
      hospital: s.inHospitalSince ? s.hospital : null,
      overdue: found?.overdue ?? false,
      description: describe(s),
    };
  });
  return {
    station: {
      id: station.id,
      name: station.name,
      countyId: station.countyId,
      address: station.address,
      capacity: station.capacity,
      occupancy: station.occupancy,
    },
    stayDays: policy.vagrant.stayDays,
    present,
  };
}
