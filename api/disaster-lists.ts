import { Prisma } from '@prisma/client';
import type { Client } from '@temporalio/client';
import {
  DISASTER_LIST_KINDS,
  disasterListFactsSchema,
  HOUSE_DAMAGE,
  monthOf,
  type DisasterListFacts,
} from '../domain/disaster-lists';
import {
  instalmentDue,
  REBUILDING_STAGES,
  stageProblem,
  type RebuildingStage,
  type StageShares,
} from '../domain/disaster-rebuilding';
import { maskIdCard } from '../domain/id-card';
import { isWithinJurisdiction, type Actor, type StaffRole } from '../domain/staff-roles';
import { localDateOf } from '../domain/working-days';
import type { Database } from '../platform/database';
import { audit } from './audit';
import { startCaseWorkflow } from './case-workflows';
import { eventSeenBy, fieldError, openDisasterCase, villageOfEventHit } from './disaster-relocation';
import { DISASTER_READERS } from './disasters';
import { HttpError } from './http-error';
import { requireRole } from './payment-rolls';
import type { ListProposal } from './schemas/disaster-lists';

/**
 * 名单 village lists after a disaster event: households proposed for 倒损民房恢复重建 house
 * rebuilding or 冬春救助 winter/spring relief. Proposing a list opens its DISASTER case, whose
 * workflow (workflows/disaster-list.ts) takes it through appraisal, notice, township review and
 * county approval through the case's own step routes; approval opens each household's case.
 * The township then records the rebuilding stages here: each stage's instalment is paid once
 * (unique case and stage) and added to that month's row on the roster (unique case and month).
 */

/** Who proposes a list: the village's assistant or the township's officer. */
export const LIST_PROPOSERS: readonly StaffRole[] = ['VILLAGE_ASSISTANT', 'TOWNSHIP_OFFICER'];
export const LIST_READERS: readonly StaffRole[] = [
  ...DISASTER_READERS,
  'TOWNSHIP_OFFICER',
  'VILLAGE_ASSISTANT',
];
/** Rebuilding progress is checked and recorded by the township. */
export const STAGE_RECORDERS: readonly StaffRole[] = ['TOWNSHIP_OFFICER'];

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Proposes a village's list and starts its procedure; a second list of the kind for the village 409. */
export async function proposeList(
  db: Database,
  temporal: { client: Client; taskQueue: string },
  actor: Actor,
  eventId: string,
  body: ListProposal,
) {
  requireRole(actor, LIST_PROPOSERS, '名单由村（居）委会或乡镇提名');
  const event = await eventSeenBy(db, actor, eventId);
  if (event.closedAt) throw new HttpError(409, 'closed', '该灾害事件已结束 (event closed)');
  const { village, countyId } = await villageOfEventHit(db, event, body.villageId, 'body.villageId');
  if (!isWithinJurisdiction(actor.unitPath, village.path))
    throw fieldError(
      403,
      'forbidden',
      'body.villageId',
      '该村不在您的管辖范围内 (outside your jurisdiction)',
    );
  const kindName = DISASTER_LIST_KINDS[body.kind];
  let listId: string;
  let caseId: string;
  try {
    ({ listId, caseId } = await db.$transaction(async (tx) => {
      const listed = await tx.disasterList.create({
        data: {
          eventId,
          kind: body.kind,
          countyId,
          townshipId: village.parentId!,
          villageId: village.id,
          caseId: `pending/${eventId}/${body.kind}/${village.id}`,
          createdBy: actor.username,
          households: {
            create: body.households.map((h) => ({
              name: h.name,
              idNumber: h.idNumber ?? null,
              amountYuan: h.amountYuan,
              reason: h.reason,
              houseDamage: body.kind === 'REBUILDING' ? h.houseDamage! : null,
            })),
          },
        },
      });
      const facts: DisasterListFacts = {
        kind: 'list',
        listId: listed.id,
        eventId,
        listKind: body.kind,
        households: body.households.length,
        removed: [],
      };
      const opened = await openDisasterCase(tx, actor, {
        village,
        countyId,
        name: `${village.name}${kindName}名单`,
        idNumber: null,
        address: village.name,
        facts: null,
        intake: {
          channel: 'disasterList',
          listId: listed.id,
          kind: body.kind,
          households: body.households.length,
        },
      });
      await tx.case.update({ where: { id: opened }, data: { programmeFacts: facts } });
      await tx.disasterList.update({ where: { id: listed.id }, data: { caseId: opened } });
      return { listId: listed.id, caseId: opened };
    }));
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      throw fieldError(
        409,
        'duplicate_list',
        'body.villageId',
        `该村本次灾害已有${kindName}名单 (a list exists)`,
      );
    throw error;
  }
  await audit(db, actor, 'proposeDisasterList', 'DisasterList', listId, {
    kind: body.kind,
    villageId: body.villageId,
    households: body.households.length,
  });
  // Started once the rows are in; a start lost here is made by the left-behind reconciler.
  await startCaseWorkflow(db, temporal.client, temporal.taskQueue, caseId);
  return listView(db, actor, listId);
}

/** The lists of an event in the actor's jurisdiction, each with its case, households and instalments. */
export async function listLists(db: Database, actor: Actor, eventId: string) {
  requireRole(actor, LIST_READERS, '名单仅供村、乡镇、县民政局、监督和管理人员查看');
  await eventSeenBy(db, actor, eventId);
  const lists = await db.disasterList.findMany({ where: { eventId }, orderBy: { createdAt: 'asc' } });
  const villages = await db.orgUnit.findMany({ where: { id: { in: lists.map((l) => l.villageId) } } });
  const within = new Set(
    villages.filter((v) => isWithinJurisdiction(actor.unitPath, v.path)).map((v) => v.id),
  );
  const out = [];
  for (const l of lists) if (within.has(l.villageId)) out.push(await listView(db, actor, l.id));
  return { eventId, lists: out };
}

async function listView(db: Database, _actor: Actor, listId: string) {
  const list = await db.disasterList.findUniqueOrThrow({
    where: { id: listId },
    include: { households: { orderBy: { createdAt: 'asc' } } },
  });
  const caseIds = [list.caseId, ...list.households.flatMap((h) => (h.caseId ? [h.caseId] : []))];
  const [village, cases, instalments, payments] = await Promise.all([
    db.orgUnit.findUniqueOrThrow({ where: { id: list.villageId } }),
    db.case.findMany({
      where: { id: { in: caseIds } },
      select: {
        id: true,
        caseNo: true,
        status: true,
        currentStep: true,
        dueAt: true,
        overdue: true,
        programmeFacts: true,
      },
    }),
    db.rebuildingInstalment.findMany({ where: { caseId: { in: caseIds } }, orderBy: { createdAt: 'asc' } }),
    db.benefitPayment.findMany({ where: { caseId: { in: caseIds } }, orderBy: { month: 'asc' } }),
  ]);
  const caseOf = new Map(cases.map((c) => [c.id, c]));
  const own = caseOf.get(list.caseId);
  // Taken off by a step still under way: in the list case's facts until approval writes it to the row.
  const facts = disasterListFactsSchema.safeParse(own?.programmeFacts);
  const pending = new Map(facts.success ? facts.data.removed.map((r) => [r.householdId, r.why]) : []);
  return {
    listId: list.id,
    eventId: list.eventId,
    kind: list.kind,
    kindName: DISASTER_LIST_KINDS[list.kind as keyof typeof DISASTER_LIST_KINDS],
    villageId: list.villageId,
    villageName: village.name,
    caseNo: own?.caseNo ?? null,
    status: own?.status ?? null,
    currentStep: own?.currentStep ?? null,
    dueAt: own?.dueAt?.toISOString() ?? null,
    overdue: own?.overdue ?? false,
    households: list.households.map((h) => ({
      householdId: h.id,
      name: h.name,
      idNumber: h.idNumber ? maskIdCard(h.idNumber) : null,
      amountYuan: Number(h.amountYuan),
      reason: h.reason,
      houseDamage: h.houseDamage,
      houseDamageName: h.houseDamage ? HOUSE_DAMAGE[h.houseDamage as keyof typeof HOUSE_DAMAGE] : null,
      removedWhy: h.removedWhy ?? pending.get(h.id) ?? null,
      approvedYuan: h.approvedYuan === null ? null : Number(h.approvedYuan),
      caseNo: h.caseId ? (caseOf.get(h.caseId)?.caseNo ?? null) : null,
      stages: instalments
        .filter((i) => i.caseId === h.caseId)
        .map((i) => ({
          stage: i.stage,
          stageName: REBUILDING_STAGES[i.stage as RebuildingStage],
          reachedOn: day(i.reachedOn),
          month: i.month,
          amountYuan: Number(i.amountYuan),
        })),
      payments: payments
        .filter((p) => p.caseId === h.caseId)
        .map((p) => ({ month: p.month, amountYuan: Number(p.amountYuan) })),
    })),
  };
}

/**
 * 重建进度: the township records a stage a rebuilding household reached; its instalment is paid
 * once (the unique case and stage settles a retry or a race: the second 409s and pays nothing)
 * and added to the roster row of the stage's month, so two stages in one month make one row.
 */
export async function recordStage(
  db: Database,
  actor: Actor,
  ids: { eventId: string; listId: string; householdId: string },
  body: { stage: RebuildingStage; reachedOn: string },
) {
  requireRole(actor, STAGE_RECORDERS, '重建进度由乡镇登记');
  await eventSeenBy(db, actor, ids.eventId);
  const list = await db.disasterList.findUnique({ where: { id: ids.listId } });
  const village = list && (await db.orgUnit.findUnique({ where: { id: list.villageId } }));
  if (
    !list ||
    list.eventId !== ids.eventId ||
    !village ||
    !isWithinJurisdiction(actor.unitPath, village.path)
  )
    throw new HttpError(404, 'not_found', '没有这份名单 (no such list)');
  if (list.kind !== 'REBUILDING')
    throw new HttpError(409, 'not_rebuilding', '冬春救助名单没有重建进度 (not a rebuilding list)');
  const household = await db.disasterListHousehold.findUnique({ where: { id: ids.householdId } });
  if (!household || household.listId !== list.id)
    throw new HttpError(404, 'not_found', '名单中没有这户 (no such household)');
  if (!household.caseId || household.approvedYuan === null)
    throw new HttpError(409, 'not_approved', '该户尚未获批 (not approved)');
  const today = localDateOf(Date.now());
  if (body.reachedOn > today)
    throw new HttpError(422, 'future_date', 'body.reachedOn: 日期不能晚于今天 (not in the future)', [
      { field: 'body.reachedOn', message: '日期不能晚于今天 (not in the future)' },
    ]);
  const caseId = household.caseId;
  const grant = Number(household.approvedYuan);
  const shares = household.stageShares as unknown as StageShares;
  // Paid in the month the stage is recorded (the roster being built for it), whatever day it was reached.
  const month = monthOf(today);
  try {
    await db.$transaction(async (tx) => {
      const reached = (await tx.rebuildingInstalment.findMany({ where: { caseId } })).map(
        (i) => i.stage as RebuildingStage,
      );
      const problem = stageProblem(body.stage, reached);
      if (problem)
        throw new HttpError(409, reached.includes(body.stage) ? 'stage_recorded' : 'stage_order', problem, [
          { field: 'body.stage', message: problem },
        ]);
      const amountYuan = instalmentDue(grant, shares, body.stage, reached);
      await tx.rebuildingInstalment.create({
        data: {
          caseId,
          stage: body.stage,
          reachedOn: new Date(`${body.reachedOn}T00:00:00Z`),
          month,
          amountYuan,
          recordedBy: actor.username,
        },
      });
      // One roster row per case and month: a second stage in the month adds to it.
      const added = await tx.$executeRaw`
        INSERT INTO "BenefitPayment" (id, "caseId", month, "amountYuan", "recordedAt")
        VALUES (gen_random_uuid()::text, ${caseId}, ${month}, ${amountYuan}, now())
        ON CONFLICT ("caseId", month) DO UPDATE
        SET "amountYuan" = "BenefitPayment"."amountYuan" + EXCLUDED."amountYuan"
        WHERE "BenefitPayment"."rollLineId" IS NULL`;
      if (added !== 1)
        throw new HttpError(
          409,
          'roll_built',
          `${month} 的发放名册已生成，请下月登记 (this month's roll is built)`,
        );
      if (body.stage === 'inspected')
        await tx.case.update({ where: { id: caseId }, data: { closedAt: new Date() } });
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      throw new HttpError(
        409,
        'stage_recorded',
        `「${REBUILDING_STAGES[body.stage]}」已登记，补助不重复发放`,
        [{ field: 'body.stage', message: '已登记 (recorded already)' }],
      );
    throw error;
  }
  await audit(db, actor, 'recordRebuildingStage', 'DisasterListHousehold', household.id, body);
  return listView(db, actor, list.id);
}

/**
 * The households still on the list a case runs (ID numbers masked), which its step forms may
 * take off with a reason; null for a case that runs no list.
 */
export async function householdsStillListed(db: Database, actor: Actor, caseId: string) {
  const list = await db.disasterList.findUnique({ where: { caseId }, select: { id: true } });
  if (!list) return null;
  return (await listView(db, actor, list.id)).households.filter((h) => h.removedWhy === null);
}
