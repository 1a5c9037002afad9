import type { Prisma } from '@prisma/client';
import { PROGRAMMES, type OpenProgrammeCode } from '../domain/programmes';
import { HttpError } from './http-error';

/** The members of a filing that another open case holds, with that case's number. */
export interface HeldPerson {
  memberIndex: number;
  caseNo: string;
}

/**
 * 查重: claims every member's ID number for the case in the programme's exclusivity group. The
 * primary key (idNumber, group) lets one open case hold a person: a racing filing waits for the
 * other's transaction and then finds the person held. Claims are inserted in key order, so two
 * filings sharing several people cannot deadlock. Answers the people already held elsewhere.
 */
export async function claimPeople(
  tx: Prisma.TransactionClient,
  caseId: string,
  programme: OpenProgrammeCode,
  idNumbers: string[],
): Promise<HeldPerson[]> {
  const exclusivityGroup: string | null = PROGRAMMES[programme].exclusivityGroup;
  if (exclusivityGroup === null) return [];
  let unclaimed = [...new Set(idNumbers)].sort();
  const holderOf = new Map<string, string>();
  // A holder may close between the insert and the look-up: its people are then claimed again.
  for (let attempt = 0; attempt < 3 && unclaimed.length > 0; attempt++) {
    const claimed = await tx.openClaim.createManyAndReturn({
      data: unclaimed.map((idNumber) => ({ idNumber, exclusivityGroup, caseId })),
      skipDuplicates: true,
      select: { idNumber: true },
    });
    const mine = new Set(claimed.map((c) => c.idNumber));
    const held = unclaimed.filter((id) => !mine.has(id));
    const holders =
      held.length === 0
        ? []
        : await tx.openClaim.findMany({
            where: { exclusivityGroup, idNumber: { in: held } },
            select: { idNumber: true, case: { select: { caseNo: true } } },
          });
    for (const h of holders) holderOf.set(h.idNumber, h.case.caseNo);
    unclaimed = held.filter((id) => !holderOf.has(id));
  }
  if (unclaimed.length > 0) {
    throw new HttpError(503, 'busy', '系统繁忙，请稍后重新提交 (claims kept changing, try again)');
  }
  return idNumbers.flatMap((id, memberIndex) => {
    const caseNo = holderOf.get(id);
    return caseNo ? [{ memberIndex, caseNo }] : [];
  });
}

/** The 409 of a filing whose people another open case holds, naming that case. */
export function duplicateApplication(held: HeldPerson[], names: string[]): HttpError {
  const details = held.map((h) => ({
    field: `body.members.${h.memberIndex}.idNumber`,
    message: `${names[h.memberIndex]}已有未办结的案件 ${h.caseNo}，办结前不能再次申请`,
    caseNo: h.caseNo,
  }));
  const caseNos = [...new Set(held.map((h) => h.caseNo))].join('、');
  return new HttpError(
    409,
    'duplicate_application',
    `查重：家庭成员已有未办结的案件 ${caseNos}，同一人不能重复申请，低保与特困不能同时享受 (an open case holds this person)`,
    details,
  );
}
