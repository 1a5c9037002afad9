import { Prisma, type ProgrammeCode } from '@prisma/client';
import { isCaseNo } from '../domain/programmes';
import { canSeeCase, type Actor } from '../domain/staff-roles';
import type { Database } from '../platform/database';
import { HttpError } from './http-error';
import { HOUSEHOLD_CASES_LIMIT, presentHouseholdCase, type HouseholdCase } from './household-cases';

/** A case as GET /api/cases/:id answers it, read in one statement (api/routes/cases.ts presents it). */
export interface CaseSnapshot {
  id: string;
  caseNo: string;
  programmeCode: string;
  status: string;
  currentStep: string | null;
  assigneeUnitId: string | null;
  dueAt: Date | null;
  overdue: boolean;
  monthlyAmount: Prisma.Decimal | null;
  nextReviewAt: Date | null;
  appliedAt: Date;
  closedAt: Date | null;
  workflowId: string;
  household: {
    id: string;
    address: string;
    village: { path: string; name: string };
    members: {
      id: string;
      name: string;
      idNumber: string;
      relation: string;
      birthDate: Date;
      sex: string;
      disabilityGrade: number | null;
      labourCapacity: string;
      health: string;
    }[];
  };
  possibleDuplicates: {
    id: string;
    kind: string;
    status: string;
    reasons: string | null;
    resolvedAt: Date | null;
    member: { name: string; birthDate: Date };
    otherCase: { caseNo: string; programmeCode: ProgrammeCode };
    otherMember: { household: { village: { name: string } } };
  }[];
  events: {
    seq: number;
    type: string;
    step: string | null;
    actorName: string | null;
    actorRole: string | null;
    decision: string | null;
    reasons: string | null;
    payload: Prisma.JsonValue;
    occurredAt: Date;
  }[];
}

interface SnapshotRow extends Omit<CaseSnapshot, 'household' | 'possibleDuplicates' | 'events'> {
  householdId: string;
  address: string;
  villagePath: string;
  villageName: string;
  members: (Omit<CaseSnapshot['household']['members'][number], 'birthDate'> & { birthDate: string })[];
  duplicates: {
    id: string;
    kind: string;
    status: string;
    reasons: string | null;
    resolvedAt: string | null;
    memberName: string;
    memberBirthDate: string;
    otherCaseNo: string;
    otherProgramme: ProgrammeCode;
    otherVillage: string;
  }[];
  events: (Omit<CaseSnapshot['events'][number], 'occurredAt'> & { occurredAt: string })[];
  others: {
    caseNo: string;
    programmeCode: string;
    programmeName: string;
    status: string;
    appliedAt: string;
    closedAt: string | null;
    villagePath: string;
    villageName: string;
    sharedMembers: string[];
  }[];
}

/** A timestamp(3) as to_json writes it (UTC, no zone), as the Date Prisma would have read. */
const utc = (timestamp: string) => new Date(`${timestamp}Z`);
const utcOrNull = (timestamp: string | null) => (timestamp === null ? null : utc(timestamp));
/** A date column as to_json writes it (YYYY-MM-DD), as the Date Prisma would have read. */
const day = (date: string) => new Date(`${date}T00:00:00Z`);

/** The snapshot's one statement (EXPLAIN it to see its plan). */
export function caseSnapshotSql(actor: Pick<Actor, 'unitPath'>, ref: string): Prisma.Sql {
  const where = isCaseNo(ref) ? Prisma.sql`c."caseNo" = ${ref}` : Prisma.sql`c."id" = ${ref}`;
  return Prisma.sql`
    SELECT c."id", c."caseNo", c."programmeCode"::text AS "programmeCode", c."status",
      c."currentStep", c."assigneeUnitId", c."dueAt", c."overdue", c."monthlyAmount",
      c."nextReviewAt", c."appliedAt", c."closedAt", c."workflowId",
      h."id" AS "householdId", h."address", v."path" AS "villagePath", v."name" AS "villageName",
      COALESCE((
        SELECT json_agg(json_build_object(
          'id', m."id", 'name', m."name", 'idNumber', m."idNumber", 'relation', m."relation",
          'birthDate', m."birthDate", 'sex', m."sex", 'disabilityGrade', m."disabilityGrade",
          'labourCapacity', m."labourCapacity", 'health', m."health"))
        FROM "HouseholdMember" m WHERE m."householdId" = h."id"
      ), '[]'::json) AS "members",
      COALESCE((
        SELECT json_agg(json_build_object(
          'seq', e."seq", 'type', e."type", 'step', e."step", 'actorName', e."actorName",
          'actorRole', e."actorRole", 'decision', e."decision", 'reasons', e."reasons",
          'payload', e."payload", 'occurredAt', e."occurredAt") ORDER BY e."seq")
        FROM "CaseEvent" e WHERE e."caseId" = c."id"
      ), '[]'::json) AS "events",
      COALESCE((
        SELECT json_agg(json_build_object(
          'id', d."id", 'kind', d."kind", 'status', d."status", 'reasons', d."reasons",
          'resolvedAt', d."resolvedAt", 'memberName', dm."name", 'memberBirthDate', dm."birthDate",
          'otherCaseNo', oc."caseNo", 'otherProgramme', oc."programmeCode",
          'otherVillage', ov."name") ORDER BY d."createdAt")
        FROM "PossibleDuplicate" d
        JOIN "HouseholdMember" dm ON dm."id" = d."memberId"
        JOIN "Case" oc ON oc."id" = d."otherCaseId"
        JOIN "HouseholdMember" om ON om."id" = d."otherMemberId"
        JOIN "Household" oh ON oh."id" = om."householdId"
        JOIN "OrgUnit" ov ON ov."id" = oh."villageId"
        WHERE d."caseId" = c."id"
      ), '[]'::json) AS "duplicates",
      COALESCE((
        SELECT json_agg(json_build_object(
          'caseNo', o."caseNo", 'programmeCode', o."programmeCode", 'programmeName', o."programmeName",
          'status', o."status", 'appliedAt', o."appliedAt", 'closedAt', o."closedAt",
          'villagePath', o."villagePath", 'villageName', o."villageName",
          'sharedMembers', o."sharedMembers") ORDER BY o."appliedAt" DESC, o."caseNo" DESC)
        FROM (
          SELECT oc."caseNo", oc."programmeCode", p."name" AS "programmeName", oc."status",
            oc."appliedAt", oc."closedAt", ov."path" AS "villagePath", ov."name" AS "villageName",
            (SELECT COALESCE(json_agg(sm."name"), '[]'::json) FROM "HouseholdMember" sm
              WHERE sm."householdId" = oh."id" AND sm."idNumber" IN (
                SELECT x."idNumber" FROM "HouseholdMember" x WHERE x."householdId" = h."id")
            ) AS "sharedMembers"
          -- From the ID numbers of this household through their index to the households sharing one.
          FROM (
            SELECT DISTINCT om."householdId" FROM "HouseholdMember" x
            JOIN "HouseholdMember" om ON om."idNumber" = x."idNumber"
            WHERE x."householdId" = h."id"
          ) shared
          JOIN "Household" oh ON oh."id" = shared."householdId"
          JOIN "Case" oc ON oc."householdId" = oh."id"
          JOIN "Programme" p ON p."code" = oc."programmeCode"
          JOIN "OrgUnit" ov ON ov."id" = oh."villageId"
          WHERE oc."id" <> c."id" AND starts_with(ov."path", ${actor.unitPath})
          ORDER BY oc."appliedAt" DESC, oc."caseNo" DESC
          LIMIT ${HOUSEHOLD_CASES_LIMIT}
        ) o
      ), '[]'::json) AS "others"
    FROM "Case" c
    JOIN "Household" h ON h."id" = c."householdId"
    JOIN "OrgUnit" v ON v."id" = h."villageId"
    WHERE ${where}`;
}

/**
 * GET /api/cases/:id's read: the case with its household, village, members, events, possible
 * duplicates (疑似重复) and the household's other cases (一户一档) in ONE statement, where Prisma's
 * nested reads took a repeatable-read transaction of about ten statements and a query of its
 * own for the other cases. One statement reads one snapshot, so the case row and its events
 * are still seen as one transaction wrote them. Jurisdiction is decided here exactly as
 * findVisibleCase decides it (out of sight answers like no such case), and the other cases
 * are filtered by jurisdiction in the query and again by canSeeCase, as householdCases does.
 */
export async function readCaseSnapshot(
  db: Database,
  actor: Actor,
  ref: string,
): Promise<{ found: CaseSnapshot; householdCases: HouseholdCase[] }> {
  const rows = await db.$queryRaw<SnapshotRow[]>(caseSnapshotSql(actor, ref));
  const row = rows[0];
  // Out of jurisdiction answers exactly like "no such case": existence is not disclosed.
  if (!row || !canSeeCase(actor, row.villagePath)) {
    throw new HttpError(404, 'not_found', '案件不存在 (no such case)');
  }
  const found: CaseSnapshot = {
    id: row.id,
    caseNo: row.caseNo,
    programmeCode: row.programmeCode,
    status: row.status,
    currentStep: row.currentStep,
    assigneeUnitId: row.assigneeUnitId,
    dueAt: row.dueAt,
    overdue: row.overdue,
    monthlyAmount: row.monthlyAmount,
    nextReviewAt: row.nextReviewAt,
    appliedAt: row.appliedAt,
    closedAt: row.closedAt,
    workflowId: row.workflowId,
    household: {
      id: row.householdId,
      address: row.address,
      village: { path: row.villagePath, name: row.villageName },
      members: row.members.map((m) => ({ ...m, birthDate: day(m.birthDate) })),
    },
    possibleDuplicates: row.duplicates.map((d) => ({
      id: d.id,
      kind: d.kind,
      status: d.status,
      reasons: d.reasons,
      resolvedAt: utcOrNull(d.resolvedAt),
      member: { name: d.memberName, birthDate: day(d.memberBirthDate) },
      otherCase: { caseNo: d.otherCaseNo, programmeCode: d.otherProgramme },
      otherMember: { household: { village: { name: d.otherVillage } } },
    })),
    events: row.events.map((e) => ({ ...e, occurredAt: utc(e.occurredAt) })),
  };
  const householdCases = row.others
    .filter((o) => canSeeCase(actor, o.villagePath))
    .map((o) =>
      presentHouseholdCase({
        caseNo: o.caseNo,
        programmeCode: o.programmeCode,
        programmeName: o.programmeName,
        status: o.status,
        appliedAt: utc(o.appliedAt),
        closedAt: utcOrNull(o.closedAt),
        villageName: o.villageName,
        sharedMembers: o.sharedMembers,
      }),
    );
  return { found, householdCases };
}
