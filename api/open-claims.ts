import type { Prisma } from '@prisma/client';
import { PROGRAMMES, type OpenProgrammeCode } from '../domain/programmes';
import { localDateOf } from '../domain/working-days';
import { HttpError } from './http-error';

/** The members of a filing that another open case holds, with that case's number. */
export interface HeldPerson {
  memberIndex: number;
  caseNo: string;
  /** Set when the holder is a closed case whose grant still holds the person (a repeat window). */
  grantedAt: Date | null;
}

/**
 * A claim that outlives its case: a programme granting once per person and cause within a
 * window (临时救助) claims per cause, and its grants hold their people until the window passes.
 */
export interface RepeatWindowClaim {
  /** The claim group of the cause, e.g. temporary:fire. */
  group: string;
  /** Grants made before this instant no longer hold their people. */
  windowStart: Date;
}

/**
 * 查重: claims every member's ID number for the case in the programme's exclusivity group. The
 * primary key (idNumber, group) lets one open case hold a person: a racing filing waits for the
 * other's transaction and then finds the person held. Claims are inserted in key order, so two
 * filings sharing several people cannot deadlock. Answers the people already held elsewhere.
 *
 * With a repeat window, a claim kept by a grant older than the window is released first (its
 * row deleted, so the insert takes its place): a racing filing waits on that row's lock and
 * then finds the person claimed by the winner, as for an open case.
 */
export async function claimPeople(
  tx: Prisma.TransactionClient,
  caseId: string,
  programme: OpenProgrammeCode,
  idNumbers: string[],
  repeat?: RepeatWindowClaim,
): Promise<HeldPerson[]> {
  const exclusivityGroup: string | null = repeat?.group ?? PROGRAMMES[programme].exclusivityGroup;
  if (exclusivityGroup === null) return [];
  let unclaimed = [...new Set(idNumbers)].sort();
  if (repeat) {
    await tx.openClaim.deleteMany({
      where: { exclusivityGroup, idNumber: { in: unclaimed }, grantedAt: { lt: repeat.windowStart } },
    });
  }
  const holderOf = new Map<string, { caseNo: string; grantedAt: Date | null }>();
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
            select: { idNumber: true, grantedAt: true, case: { select: { caseNo: true } } },
          });
    for (const h of holders) holderOf.set(h.idNumber, { caseNo: h.case.caseNo, grantedAt: h.grantedAt });
    unclaimed = held.filter((id) => !holderOf.has(id));
  }
  if (unclaimed.length > 0) {
    throw new HttpError(503, 'busy', '系统繁忙，请稍后重新提交 (claims kept changing, try again)');
  }
  return idNumbers.flatMap((id, memberIndex) => {
    const holder = holderOf.get(id);
    return holder ? [{ memberIndex, ...holder }] : [];
  });
}

/** The 409 of a filing whose people another open case holds, naming that case. */
export function duplicateApplication(
  held: HeldPerson[],
  names: string[],
  /** For a repeat window: the cause's name, e.g. 火灾. */
  cause?: string,
): HttpError {
  const details = held.map((h) => ({
    field: `body.members.${h.memberIndex}.idNumber`,
    message: h.grantedAt
      ? `${names[h.memberIndex]}已于 ${localDateOf(h.grantedAt)} 因${cause ?? '同一原因'}获得救助（案件 ${h.caseNo}），期限内不能再次救助`
      : `${names[h.memberIndex]}已有未办结的案件 ${h.caseNo}，办结前不能再次申请`,
    caseNo: h.caseNo,
  }));
  const caseNos = [...new Set(held.map((h) => h.caseNo))].join('、');
  return new HttpError(
    409,
    'duplicate_application',
    cause
      ? `查重：同一人同一原因（${cause}）在期限内只救助一次，家庭成员已有案件 ${caseNos} (this person and cause are held by ${caseNos})`
      : `查重：家庭成员已有未办结的案件 ${caseNos}，同一人不能重复申请，低保与特困不能同时享受 (an open case holds this person)`,
    details,
  );
}
