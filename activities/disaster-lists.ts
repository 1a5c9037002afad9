import { Prisma } from '@prisma/client';
import { openDisasterCase } from '../api/disaster-relocation';
import { DISASTER_LIST_KINDS, HOUSE_DAMAGE, monthOf, type DisasterListKind } from '../domain/disaster-lists';
import { maskName } from '../domain/public-notice';
import type { Actor } from '../domain/staff-roles';
import type { Database } from '../platform/database';
import { policyOn } from './county-rules';

/**
 * The village list's side effects (workflows/disaster-list.ts): read once as its procedure
 * starts, and, on approval, a 受灾人员救助 case per household kept with its grant on the roster.
 */

export interface ListedHousehold {
  householdId: string;
  maskedName: string;
  amountYuan: number;
  reason: string;
  damage: string | null;
}

export interface ListSummary {
  listKind: DisasterListKind;
  kindName: string;
  eventName: string;
  villageName: string;
  households: ListedHousehold[];
}

/** The list as proposed: what the notice shows of each household (names masked). */
export async function loadDisasterList(db: Database, { listId }: { listId: string }): Promise<ListSummary> {
  const list = await db.disasterList.findUniqueOrThrow({
    where: { id: listId },
    include: { households: { orderBy: { createdAt: 'asc' } } },
  });
  const [event, village] = await Promise.all([
    db.disasterEvent.findUniqueOrThrow({ where: { id: list.eventId } }),
    db.orgUnit.findUniqueOrThrow({ where: { id: list.villageId } }),
  ]);
  const listKind = list.kind as DisasterListKind;
  return {
    listKind,
    kindName: DISASTER_LIST_KINDS[listKind],
    eventName: event.name,
    villageName: village.name,
    households: list.households.map((h) => ({
      householdId: h.id,
      maskedName: maskName(h.name),
      amountYuan: Number(h.amountYuan),
      reason: h.reason,
      damage: h.houseDamage ? HOUSE_DAMAGE[h.houseDamage as keyof typeof HOUSE_DAMAGE] : null,
    })),
  };
}

export interface ApproveListInput {
  listId: string;
  /** The county approver who decided. */
  actor: Pick<Actor, 'userId' | 'role' | 'displayName'>;
  /** Local date of the approval: winter relief is paid in its month. */
  approvedOn: string;
  removed: { householdId: string; why: string }[];
}

/**
 * Opens a case for each household still on the list, once (a household whose case exists is
 * skipped, so a retried activity opens and pays nothing twice): winter relief granted and put on
 * the roster in the month approved, keyed (case, month); rebuilding granted with the stage shares
 * in force, its instalments paid as the township records the stages (api/disaster-lists.ts).
 */
export async function approveDisasterList(
  db: Database,
  input: ApproveListInput,
): Promise<{ approved: number; totalYuan: number }> {
  const list = await db.disasterList.findUniqueOrThrow({ where: { id: input.listId } });
  const village = await db.orgUnit.findUniqueOrThrow({ where: { id: list.villageId } });
  const policy = await policyOn(db, list.countyId, input.approvedOn);
  const removed = new Map(input.removed.map((r) => [r.householdId, r.why]));
  const households = await db.disasterListHousehold.findMany({
    where: { listId: list.id },
    orderBy: { createdAt: 'asc' },
  });
  let approved = 0;
  let total = 0;
  for (const h of households) {
    const why = removed.get(h.id);
    if (why) {
      await db.disasterListHousehold.updateMany({
        where: { id: h.id, removedAt: null },
        data: { removedAt: input.approvedOn, removedWhy: why },
      });
      continue;
    }
    approved += 1;
    total += Number(h.amountYuan);
    if (h.caseId) continue;
    await db.$transaction(async (tx) => {
      const winter = list.kind === 'WINTER_RELIEF';
      const caseId = await openDisasterCase(tx, input.actor, {
        village,
        countyId: list.countyId,
        name: h.name,
        idNumber: h.idNumber,
        address: `${village.name}`,
        facts: null,
        intake: {
          channel: 'disasterList',
          listId: list.id,
          kind: list.kind,
          amountYuan: Number(h.amountYuan),
        },
        status: 'GRANTED',
        closed: winter,
      });
      // Conditional: a retry racing this one finds the household taken and rolls back.
      const taken = await tx.disasterListHousehold.updateMany({
        where: { id: h.id, caseId: null },
        data: {
          caseId,
          approvedYuan: h.amountYuan,
          ...(!winter && {
            stageShares: policy.disasterRelief.rebuildingStageShares as unknown as Prisma.InputJsonObject,
          }),
        },
      });
      if (taken.count !== 1) throw new Error(`household ${h.id} already has its case`);
      if (winter)
        await tx.benefitPayment.createMany({
          data: [{ caseId, month: monthOf(input.approvedOn), amountYuan: h.amountYuan }],
          skipDuplicates: true,
        });
    });
  }
  return { approved, totalYuan: Math.round(total * 100) / 100 };
}
