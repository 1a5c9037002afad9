import type { Prisma } from '@prisma/client';
import { exclusiveWith, type OpenProgrammeCode } from '../domain/programmes';

/** A person matching more open cases than this is flagged against the oldest of them only. */
const MATCHES_PER_MEMBER = 10;

interface FiledMember {
  id: string;
  name: string;
  idNumber: string;
  birthDate: Date;
}

/**
 * 疑似重复: a filed member whose name and birth date are those of a member of another open case
 * in the county, of a programme the person could hold only one of, under another ID number
 * (a mistyped or reissued ID slips past 查重). Stored on the new case for the township to
 * confirm or clear; the filing goes ahead.
 */
export async function flagPossibleDuplicates(
  tx: Prisma.TransactionClient,
  filed: { caseId: string; programme: OpenProgrammeCode; countyId: string },
  members: FiledMember[],
): Promise<number> {
  const openCase = {
    id: { not: filed.caseId },
    closedAt: null,
    programmeCode: { in: exclusiveWith(filed.programme) },
  };
  const idNumbers = members.map((m) => m.idNumber);
  const flags = [];
  for (const member of members) {
    const matches = await tx.householdMember.findMany({
      where: {
        name: member.name,
        birthDate: member.birthDate,
        idNumber: { notIn: idNumbers },
        household: { countyId: filed.countyId, cases: { some: openCase } },
      },
      select: {
        id: true,
        household: { select: { cases: { where: openCase, select: { id: true }, take: 1 } } },
      },
      orderBy: { household: { createdAt: 'asc' } },
      take: MATCHES_PER_MEMBER,
    });
    for (const other of matches) {
      for (const c of other.household.cases) {
        flags.push({
          caseId: filed.caseId,
          memberId: member.id,
          otherCaseId: c.id,
          otherMemberId: other.id,
          kind: 'sameNameAndBirthDate',
        });
      }
    }
  }
  if (flags.length === 0) return 0;
  const { count } = await tx.possibleDuplicate.createMany({ data: flags, skipDuplicates: true });
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
