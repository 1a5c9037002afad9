import { randomUUID } from 'node:crypto';
import { isEnrolled } from '../domain/case-steps';
import { canSeeCase, type Actor, type StaffRole } from '../domain/staff-roles';
import type { Database } from '../platform/database';
import { audit } from './audit';
import { HttpError } from './http-error';
import { requireRole } from './payment-rolls';
import { HELPER_KINDS } from './schemas/pairings';
import { caseScopeOf } from './supervision/case-scope';

/**
 * Pairing assistance 结对帮扶: a unit (or cadre) or a volunteer paired with a household enrolled
 * in a programme; the visits and help given through it (date, what, value if any) and the
 * volunteer's service hours. Township officers and county approvers of the household's place
 * record; they, supervisors and administrators read, within their jurisdiction.
 */

export const PAIRING_READERS: readonly StaffRole[] = [
  'TOWNSHIP_OFFICER',
  'COUNTY_APPROVER',
  'SUPERVISOR',
  'ADMINISTRATOR',
];
export const PAIRING_KEEPERS: readonly StaffRole[] = ['TOWNSHIP_OFFICER', 'COUNTY_APPROVER'];

const money = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const day = (d: Date) => d.toISOString().slice(0, 10);

/** Pairs a helper with the household of an enrolled case; the same pairing again answers the first. */
export async function pairHousehold(
  db: Database,
  actor: Actor,
  body: { caseNo: string; helperKind: 'UNIT' | 'VOLUNTEER'; helperName: string; startedOn: string },
) {
  requireRole(actor, PAIRING_KEEPERS, '结对帮扶由乡镇经办或县民政局审批人员登记');
  const found = await db.case.findUnique({ where: { caseNo: body.caseNo } });
  const village = found && (await db.orgUnit.findUnique({ where: { id: found.villageId } }));
  if (!found || !village || !canSeeCase(actor, village.path)) {
    const message = `案件 ${body.caseNo} 不存在 (no such case)`;
    throw new HttpError(422, 'unknown_case', `body.caseNo: ${message}`, [{ field: 'body.caseNo', message }]);
  }
  if (!isEnrolled(found.status))
    throw new HttpError(409, 'not_enrolled', '只有在保家庭可以结对帮扶 (the case is not enrolled)', [
      { field: 'body.caseNo', message: 'not enrolled' },
    ]);
  const key = { householdId: found.householdId, helperKind: body.helperKind, helperName: body.helperName };
  await db.pairing.createMany({
    data: [
      {
        ...key,
        countyId: found.countyId,
        townshipId: found.townshipId,
        caseId: found.id,
        startedOn: new Date(`${body.startedOn}T00:00:00Z`),
        createdBy: actor.username,
      },
    ],
    skipDuplicates: true,
  });
  const pairing = await db.pairing.findUniqueOrThrow({
    where: { householdId_helperKind_helperName: key },
  });
  await audit(db, actor, 'pairHousehold', 'Pairing', pairing.id, body);
  return { pairingId: pairing.id, ...body, startedOn: day(pairing.startedOn) };
}

/** A pairing the actor may see; another place's answers 404 like none at all. */
async function pairingFor(db: Database, actor: Actor, pairingId: string) {
  const pairing = await db.pairing.findUnique({ where: { id: pairingId } });
  const found = pairing && (await db.case.findUnique({ where: { id: pairing.caseId } }));
  const village = found && (await db.orgUnit.findUnique({ where: { id: found.villageId } }));
  if (!pairing || !village || !canSeeCase(actor, village.path))
    throw new HttpError(404, 'not_found', '没有这条结对记录 (no such pairing)');
  return pairing;
}

/** A pairing the actor may record help on: a keeper's role first, then the place (404 elsewhere). */
export async function keptPairing(db: Database, actor: Actor, pairingId: string) {
  requireRole(actor, PAIRING_KEEPERS, '帮扶记录由乡镇经办或县民政局审批人员登记');
  return pairingFor(db, actor, pairingId);
}

/**
 * Records a visit or help given. The client's Idempotency-Key makes a retried request record
 * it once (the key is unique in the table); without one every request records a visit.
 */
export async function saveVisit(
  db: Database,
  actor: Actor,
  pairingId: string,
  body: { visitedOn: string; help: string; valueYuan?: number; hours: number },
  idempotencyKey: string | undefined,
) {
  const key = `${pairingId}:${idempotencyKey ?? randomUUID()}`;
  await db.pairingVisit.createMany({
    data: [
      {
        pairingId,
        visitedOn: new Date(`${body.visitedOn}T00:00:00Z`),
        help: body.help,
        valueYuan: body.valueYuan ?? null,
        hours: body.hours,
        recordedBy: actor.username,
        idempotencyKey: key,
      },
    ],
    skipDuplicates: true,
  });
  const visit = await db.pairingVisit.findUniqueOrThrow({ where: { idempotencyKey: key } });
  await audit(db, actor, 'recordPairingVisit', 'PairingVisit', visit.id, { pairingId });
  return {
    visitId: visit.id,
    pairingId,
    visitedOn: day(visit.visitedOn),
    help: visit.help,
    valueYuan: money(visit.valueYuan),
    hours: Number(visit.hours),
  };
}

/** The scope of pairings a reader sees: the households below the reader's unit. */
async function scopeWhere(db: Database, actor: Actor) {
  requireRole(actor, PAIRING_READERS, '结对帮扶信息仅供乡镇、县民政局、监督和管理人员查看');
  const scope = await caseScopeOf(db, actor);
  if (!scope) return null;
  return {
    countyId: { in: scope.countyIds },
    ...(scope.townshipId && { townshipId: scope.townshipId }),
  };
}

/** The pairings in the reader's jurisdiction, with their visits, value given and hours served. */
export async function listPairings(db: Database, actor: Actor) {
  const where = await scopeWhere(db, actor);
  if (!where) return { items: [] };
  const pairings = await db.pairing.findMany({
    where,
    include: { visits: { orderBy: { visitedOn: 'asc' } } },
    orderBy: [{ countyId: 'asc' }, { townshipId: 'asc' }, { createdAt: 'asc' }],
    take: 500,
  });
  const cases = await db.case.findMany({
    where: { id: { in: pairings.map((p) => p.caseId) } },
    select: { id: true, caseNo: true, applicantName: true, programmeCode: true },
  });
  const caseOf = new Map(cases.map((c) => [c.id, c]));
  return {
    items: pairings.map((p) => ({
      pairingId: p.id,
      countyId: p.countyId,
      townshipId: p.townshipId,
      caseNo: caseOf.get(p.caseId)?.caseNo ?? null,
      applicantName: caseOf.get(p.caseId)?.applicantName ?? null,
      programmeCode: caseOf.get(p.caseId)?.programmeCode ?? null,
      helperKind: p.helperKind,
      helperKindName: HELPER_KINDS[p.helperKind as keyof typeof HELPER_KINDS] ?? p.helperKind,
      helperName: p.helperName,
      startedOn: day(p.startedOn),
      visits: p.visits.map((v) => ({
        visitId: v.id,
        visitedOn: day(v.visitedOn),
        help: v.help,
        valueYuan: money(v.valueYuan),
        hours: Number(v.hours),
      })),
      valueYuan: Math.round(p.visits.reduce((n, v) => n + (money(v.valueYuan) ?? 0), 0) * 100) / 100,
      hours: Math.round(p.visits.reduce((n, v) => n + Number(v.hours), 0) * 10) / 10,
    })),
  };
}

/** 志愿服务时长: the hours each volunteer (and unit) served in a year, totalled by the database. */
export async function volunteerHours(db: Database, actor: Actor, year: number) {
  const where = await scopeWhere(db, actor);
  if (!where) return { year, items: [] };
  const pairings = await db.pairing.findMany({ where, select: { id: true } });
  const ids = pairings.map((p) => p.id);
  const rows = await db.$queryRaw<
    {
      helperKind: string;
      helperName: string;
      households: number;
      visits: number;
      hours: string;
      value: string;
    }[]
  >`
    SELECT p."helperKind", p."helperName", count(DISTINCT p."householdId")::int AS households,
           count(v.id)::int AS visits, coalesce(sum(v.hours), 0)::text AS hours,
           coalesce(sum(v."valueYuan"), 0)::text AS value
    FROM "Pairing" p JOIN "PairingVisit" v ON v."pairingId" = p.id
    WHERE p.id = ANY(${ids}) AND v."visitedOn" >= ${new Date(`${year}-01-01T00:00:00Z`)}
      AND v."visitedOn" < ${new Date(`${year + 1}-01-01T00:00:00Z`)}
    GROUP BY 1, 2 ORDER BY sum(v.hours) DESC, 2`;
  return {
    year,
    items: rows.map((r) => ({
      helperKind: r.helperKind,
      helperName: r.helperName,
      households: r.households,
      visits: r.visits,
      hours: Number(r.hours),
      valueYuan: Number(r.value),
    })),
  };
}
