import type { Prisma } from '@prisma/client';
import { premiumSubsidyFen, type PremiumSubsidyCategory } from '../domain/medical-assistance';
import { ratioInMillionths } from '../domain/money';
import { localDateOf } from '../domain/working-days';
import type { Database } from '../platform/database';
import { policyOn } from './county-rules';

type Tx = Prisma.TransactionClient;

/**
 * 参保资助, kept by the read model: the enrolment's own `enrolmentStarted` write grants the premium
 * subsidy to the people it supports (every counted member of a 低保 household, the 特困 person),
 * and its `enrolmentEnded` write ends it, each in the transaction of that event and once (the
 * event's key is stored with the row). No workflow issues a command for it, so no history
 * changes; each grant and end names the event that caused it.
 */
export async function keepPremiumSubsidies(
  tx: Tx,
  input: { caseId: string; key: string; eventType: string },
): Promise<void> {
  if (input.eventType !== 'enrolmentStarted' && input.eventType !== 'enrolmentEnded') return;
  const found = await tx.case.findUniqueOrThrow({
    where: { id: input.caseId },
    select: {
      countyId: true,
      programmeCode: true,
      household: { select: { members: true } },
    },
  });
  const category = subsidyCategory(found.programmeCode);
  if (!category) return;
  const today = new Date(`${localDateOf(Date.now())}T00:00:00Z`);
  if (input.eventType === 'enrolmentEnded') {
    await tx.premiumSubsidy.updateMany({
      where: { caseId: input.caseId, endedOn: null },
      data: { endedOn: today, endEventKey: input.key },
    });
    return;
  }
  const counted = found.household.members.filter((m) => !m.exclusion);
  const people = category === 'extremePoverty' ? counted.filter((m) => m.relation === 'APPLICANT') : counted;
  await tx.premiumSubsidy.createMany({
    data: people.map((m) => ({
      caseId: input.caseId,
      countyId: found.countyId,
      programmeCode: found.programmeCode,
      category,
      memberId: m.id,
      name: m.name,
      idNumber: m.idNumber,
      startedOn: today,
      startEventKey: input.key,
    })),
    skipDuplicates: true,
  });
}

function subsidyCategory(programme: string): PremiumSubsidyCategory | null {
  if (programme === 'TEKUN') return 'extremePoverty';
  if (programme === 'DIBAO_URBAN' || programme === 'DIBAO_RURAL') return 'dibao';
  return null;
}

export const SUBSIDY_CATEGORY_NAMES: Record<PremiumSubsidyCategory, string> = {
  extremePoverty: '特困人员',
  dibao: '低保对象',
};

export interface InsurerListRow {
  name: string;
  idNumber: string;
  category: PremiumSubsidyCategory;
  caseNo: string;
  startedOn: string;
  endedOn: string | null;
  premiumFen: number;
  sharePercent: number;
  subsidyFen: number;
}

/**
 * The insurer's list for one county and year: everyone whose subsidy ran on any day of the
 * year, with the premium and the subsidy on the county's figures in force on 1 January.
 */
export async function insurerList(db: Database, countyId: string, year: number): Promise<InsurerListRow[]> {
  const policy = await policyOn(db, countyId, `${year}-01-01`);
  const premiumFen = Math.round(policy.medicalAssistance.residentPremiumYuan * 100);
  const rows = await db.premiumSubsidy.findMany({
    where: {
      countyId,
      startedOn: { lte: new Date(`${year}-12-31T00:00:00Z`) },
      OR: [{ endedOn: null }, { endedOn: { gte: new Date(`${year}-01-01T00:00:00Z`) } }],
    },
    orderBy: [{ startedOn: 'asc' }, { idNumber: 'asc' }],
  });
  const caseNos = new Map(
    (
      await db.case.findMany({
        where: { id: { in: [...new Set(rows.map((r) => r.caseId))] } },
        select: { id: true, caseNo: true },
      })
    ).map((c) => [c.id, c.caseNo]),
  );
  return rows.map((r) => {
    const category = r.category as PremiumSubsidyCategory;
    const share = policy.medicalAssistance.premiumSubsidyShare[category];
    return {
      name: r.name,
      idNumber: r.idNumber,
      category,
      caseNo: caseNos.get(r.caseId) ?? '',
      startedOn: r.startedOn.toISOString().slice(0, 10),
      endedOn: r.endedOn ? r.endedOn.toISOString().slice(0, 10) : null,
      premiumFen,
      sharePercent: ratioInMillionths(share) / 10_000,
      subsidyFen: premiumSubsidyFen(policy, category, premiumFen),
    };
  });
}
