import type { Prisma } from '@prisma/client';
import { exclusiveWith, type OpenProgrammeCode } from '../domain/programmes';

/** A person matching more open cases than this is flagged against the oldest of them only. */
const MATCHES_PER_MEMBER = 10;

interface FiledMember {
  name: string;
  idNumber: string;
  /** YYYY-MM-DD, from the ID number. */
  birthDate: string;
}

/** A filed member (by its place in the filing) matching a member of another open case. */
export interface PossibleDuplicateMatch {
  memberIndex: number;
  otherCaseId: string;
  otherMemberId: string;
}

/**
 * 疑似重复: a filed member whose name and birth date are those of a member of another open case
 * in the county, of a programme the person could hold only one of, under another ID number
 * (a mistyped or reissued ID slips past 查重). Stored on the new case for the township to
 * confirm or clear; the filing goes ahead.
 *
 * One statement for all members, read before the filing's transaction (it reads other cases
 * only, so it needs none of the filing's rows): up to ten matching people per member, the oldest
 * households first, each against one open case of theirs.
 */
export async function possibleDuplicatesOf(
  db: Prisma.TransactionClient,
  filed: { programme: OpenProgrammeCode; countyId: string },
  members: FiledMember[],
): Promise<PossibleDuplicateMatch[]> {
  const programmes = exclusiveWith(filed.programme);
  if (programmes.length === 0 || members.length === 0) return [];
  return db.$queryRaw<PossibleDuplicateMatch[]>`
    SELECT (f.ord - 1)::int AS "memberIndex", m."otherMemberId", oc.id AS "otherCaseId"
    FROM unnest(${members.map((m) => m.name)}::text[], ${members.map((m) => m.birthDate)}::date[])
      WITH ORDINALITY AS f(name, "birthDate", ord)
    CROSS JOIN LATERAL (
      SELECT hm.id AS "otherMemberId", hm."householdId"
      FROM "HouseholdMember" hm
      JOIN "Household" h ON h.id = hm."householdId"
      WHERE hm.name = f.name
        AND hm."birthDate" = f."birthDate"
        AND hm."idNumber" <> ALL(${members.map((m) => m.idNumber)}::text[])
        AND h."countyId" = ${filed.countyId}
        AND EXISTS (
          SELECT 1 FROM "Case" c
          WHERE c."householdId" = h.id AND c."closedAt" IS NULL
            AND c."programmeCode"::text = ANY(${programmes}::text[])
        )
      ORDER BY h."createdAt" ASC
      LIMIT ${MATCHES_PER_MEMBER}
    ) m
    CROSS JOIN LATERAL (
      SELECT c.id FROM "Case" c
      WHERE c."householdId" = m."householdId" AND c."closedAt" IS NULL
        AND c."programmeCode"::text = ANY(${programmes}::text[])
      LIMIT 1
    ) oc
    ORDER BY f.ord`;
}

/** Stores the matches on the new case, its members' ids in the filing's order. */
export async function flagPossibleDuplicates(
  tx: Prisma.TransactionClient,
  caseId: string,
  memberIds: string[],
  matches: PossibleDuplicateMatch[],
): Promise<number> {
  if (matches.length === 0) return 0;
  const { count } = await tx.possibleDuplicate.createMany({
    data: matches.map((m) => ({
      caseId,
      memberId: memberIds[m.memberIndex]!,
      otherCaseId: m.otherCaseId,
      otherMemberId: m.otherMemberId,
      kind: 'sameNameAndBirthDate',
    })),
    skipDuplicates: true,
  });
  return count;
}

/** What GET /api/cases/:id and the case page read of a case's flags. */
export const possibleDuplicatesInclude = {
  orderBy: { createdAt: 'asc' },
  include: {
    member: { select: { name: true, birthDate: true } },
    otherCase: { select: { caseNo: true, programmeCode: true } },
    otherMember: { select: { household: { select: { village: { select: { name: true } } } } } },
  },
} satisfies Prisma.Case$possibleDuplicatesArgs;

type FlagRow = Prisma.PossibleDuplicateGetPayload<typeof possibleDuplicatesInclude>;

export const POSSIBLE_DUPLICATE_STATUSES = {
  OPEN: '待核实',
  CONFIRMED: '确认重复',
  CLEARED: '已排除',
} as const;

export const POSSIBLE_DUPLICATE_KINDS = {
  sameNameAndBirthDate: '姓名、出生日期相同，身份证号码不同',
  sameIdNumber: '身份证号码相同（系统上线前已有的案件）',
} as const;

export function presentPossibleDuplicate(
  flag: Pick<
    FlagRow,
    'id' | 'kind' | 'status' | 'reasons' | 'resolvedAt' | 'member' | 'otherCase' | 'otherMember'
  >,
) {
  return {
    id: flag.id,
    kind: flag.kind,
    status: flag.status,
    memberName: flag.member.name,
    birthDate: flag.member.birthDate.toISOString().slice(0, 10),
    otherCaseNo: flag.otherCase.caseNo,
    otherProgramme: flag.otherCase.programmeCode,
    otherVillage: flag.otherMember.household.village.name,
    reasons: flag.reasons,
    resolvedAt: flag.resolvedAt,
  };
}
