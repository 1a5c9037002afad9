import { createHash } from 'node:crypto';
import type { Prisma } from '@prisma/client';
import { ENROLMENT_STATUSES } from '../domain/case-steps';
import { ApplicationFailure } from '@temporalio/common';
import { CARE_LEVELS, cannotLookAfterThemselves, type CareLevel } from '../domain/care-level';
import {
  BED_FIT_RULE,
  CARE_LEVEL_ORDER,
  PLACEMENT_END_REASONS,
  chooseBed,
  nextEntryForBed,
  positionOf,
  waitingOrder,
  type PlacementEndReason,
  type QueueEntry,
} from '../domain/care-home-queue';
import type { Database } from '../platform/database';

/**
 * Care homes (敬老院/特困供养服务机构): placing a 特困 person in a bed, the county's waiting list,
 * bed offers, transfers, and the console's overview.
 *
 * Each activity is one transaction and idempotent under its `key`: its answer is stored in
 * CareHomeCommand with the key, so a retried activity gets the first answer back and writes
 * nothing more; the same key with another input is refused (IdempotencyKeyReused).
 *
 * Concurrency: each transaction first takes the county's transaction-scoped advisory lock,
 * so the county's beds, waiting list and offers change one transaction at a time. Two
 * requests racing for the last bed queue on the lock: the first takes the bed, the second
 * finds none and joins the list. Row locks alone would not do: a bed freed while a request
 * joins the list would be offered to nobody, since the joiner's row is not yet visible to
 * the release, nor the freed bed to the joiner (it is locked, or still occupied in its
 * snapshot). Underneath, the database refuses what the lock should make impossible: a bed
 * is claimed by a conditional UPDATE (WHERE no occupant AND no hold), and the migration's
 * unique and partial unique indexes allow one PLACED placement per bed and per person, one
 * live waiting entry per person and one OPEN offer per bed and per entry. A county sees a
 * few placements a week, so one lock per county costs nothing.
 *
 * Bad input (an unknown case, a closed offer) fails with a non-retryable ApplicationFailure
 * whose `type` names the problem (CareHomeFailure). A transfer the new home cannot take is
 * an answer, not a failure.
 */

export type CareHomeFailure =
  | 'IdempotencyKeyReused'
  | 'UnknownCase'
  | 'UnknownPerson'
  | 'UnknownHome'
  | 'UnknownPlacement'
  | 'UnknownOffer'
  | 'UnknownEntry'
  | 'InvalidCareLevel'
  | 'InvalidEndReason'
  | 'CountyMismatch'
  | 'AlreadyPlaced'
  | 'AlreadyWaiting'
  | 'PlacementNotActive'
  | 'OfferNotOpen';

/** A person in a bed. */
export interface PlacementSummary {
  placementId: string;
  homeId: string;
  homeName: string;
  bedId: string;
  bedLabel: string;
}

/** A freed bed held for the next in line: the caller signals `workflowId` and sets a deadline. */
export interface BedOffer {
  offerId: string;
  entryId: string;
  workflowId: string;
  caseId: string;
  personId: string;
  homeId: string;
  homeName: string;
  bedId: string;
  bedLabel: string;
}

export interface RequestPlacementInput {
  /** Unique per logical request; a retried activity with the same key changes nothing. */
  key: string;
  caseId: string;
  /** The 特困 person (a member of the case's household). */
  personId: string;
  countyId: string;
  /** The home the person chose; then only its beds, now or when one is freed. */
  preferredHomeId?: string | null;
  careLevel: CareLevel;
  /** The person's support workflow, signalled when a bed is offered. */
  workflowId: string;
}

export type RequestPlacementResult =
  | ({ outcome: 'placed' } & PlacementSummary)
  | {
      outcome: 'waiting';
      entryId: string;
      /** 1 + those waiting ahead for a bed of the same level in the county (domain/care-home-queue.ts). */
      position: number;
    };

export interface ReleaseBedInput {
  key: string;
  placementId: string;
  reason: PlacementEndReason;
}

export interface ReleaseBedResult {
  offer: BedOffer | null;
}

export type OfferAnswer = 'accept' | 'decline' | 'expire';

export interface AnswerOfferInput {
  key: string;
  offerId: string;
  answer: OfferAnswer;
}

/** Accepted: the placement. Declined or expired: the offer of the same bed to the next in line. */
export type AnswerOfferResult = { placed: PlacementSummary } | { nextOffer: BedOffer | null };

export interface TransferPlacementInput {
  key: string;
  placementId: string;
  toHomeId: string;
}

export type TransferRefusal = 'notPlaced' | 'sameHome' | 'unknownHome' | 'otherCounty' | 'noFittingBed';

export type TransferPlacementResult =
  | {
      outcome: 'transferred';
      placed: PlacementSummary;
      /** The bed left behind, offered to the next in line. */
      offer: BedOffer | null;
    }
  | { outcome: 'refused'; reason: TransferRefusal };

export interface WithdrawFromWaitingListInput {
  key: string;
  entryId: string;
}

export interface WithdrawFromWaitingListResult {
  /** False when the entry had already left the list (placed or withdrawn). */
  withdrawn: boolean;
  /** When a bed was held for the person: its offer to the next in line. */
  nextOffer: BedOffer | null;
}

type Tx = Prisma.TransactionClient;

/** Room for a transaction that waits on its county's lock behind a few others. */
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 20_000 };

function fail(type: CareHomeFailure, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

async function lockCounty(tx: Tx, countyId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('jiuzhu.care-homes'), hashtext(${countyId}))`;
}

/** The input without its key, in one spelling whatever the order of its fields. */
function requestHash(input: object): string {
  const fields = Object.entries(input)
    .filter(([name]) => name !== 'key')
    .map(([name, value]) => [name, value ?? null])
    .sort(([a], [b]) => (String(a) < String(b) ? -1 : 1));
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** Runs `work` once per key, under the county's lock, and stores its answer with the key. */
async function once<R extends object>(
  tx: Tx,
  countyId: string,
  kind: string,
  input: { key: string },
  work: (now: Date) => Promise<R>,
): Promise<R> {
  await lockCounty(tx, countyId);
  const hash = requestHash(input);
  const done = await tx.careHomeCommand.findUnique({ where: { idempotencyKey: input.key } });
  if (done) {
    if (done.kind !== kind || done.requestHash !== hash)
      fail('IdempotencyKeyReused', `key ${input.key} was used for another ${done.kind} request`);
    return done.result as R;
  }
  const result = await work(new Date());
  await tx.careHomeCommand.create({
    data: {
      idempotencyKey: input.key,
      kind,
      requestHash: hash,
      result: result as unknown as Prisma.InputJsonValue,
    },
  });
  return result;
}

function checkCareLevel(level: string): asserts level is CareLevel {
  if (!(level in CARE_LEVELS)) fail('InvalidCareLevel', `unknown care level ${level}`);
}

const asCareLevel = (level: string) => level as CareLevel;

function queueEntry(row: {
  id: string;
  countyId: string;
  preferredHomeId: string | null;
  careLevel: string;
  queuedAt: Date;
}): QueueEntry {
  return {
    id: row.id,
    countyId: row.countyId,
    preferredHomeId: row.preferredHomeId,
    careLevel: asCareLevel(row.careLevel),
    queuedAt: row.queuedAt,
  };
}

/** Free beds (neither occupied nor held) of a county, or of one home. */
async function freeBeds(tx: Tx, countyId: string, homeId: string | null) {
  const rows = await tx.careHomeBed.findMany({
    where: {
      occupantPlacementId: null,
      heldByOfferId: null,
      home: { countyId, ...(homeId !== null && { id: homeId }) },
    },
    select: { id: true, label: true, careLevel: true, homeId: true, home: { select: { name: true } } },
  });
  return rows.map((row) => ({
    id: row.id,
    label: row.label,
    careLevel: asCareLevel(row.careLevel),
    homeId: row.homeId,
    homeName: row.home.name,
    countyId,
  }));
}

/**
 * Puts a new placement in a bed: the conditional UPDATE succeeds only while the bed is free
 * (or held by `heldByOfferId`, the offer being accepted). Anything else means the lock was
 * bypassed; the transaction is rolled back and the activity retried.
 */
async function occupyBed(tx: Tx, bedId: string, placementId: string, heldByOfferId: string | null) {
  const { count } = await tx.careHomeBed.updateMany({
    where: { id: bedId, occupantPlacementId: null, heldByOfferId },
    data: { occupantPlacementId: placementId, heldByOfferId: null, vacantSince: null },
  });
  if (count !== 1) throw new Error(`bed ${bedId} is no longer free`);
}

async function endPlacement(
  tx: Tx,
  placement: { id: string; bedId: string },
  reason: PlacementEndReason,
  now: Date,
): Promise<void> {
  await tx.carePlacement.update({
    where: { id: placement.id },
    data: { status: 'ENDED', endedAt: now, endReason: reason },
  });
  const { count } = await tx.careHomeBed.updateMany({
    where: { id: placement.bedId, occupantPlacementId: placement.id },
    data: { occupantPlacementId: null, vacantSince: now },
  });
  if (count !== 1) throw new Error(`bed ${placement.bedId} is not held by placement ${placement.id}`);
}

/**
 * Holds a free bed for the next in line, if anyone waits for it, with an OPEN offer. Who
 * declined this bed or let its offer expire since it became free is not asked again.
 */
async function offerBedToNext(tx: Tx, bedId: string, now: Date): Promise<BedOffer | null> {
  const bed = await tx.careHomeBed.findUniqueOrThrow({
    where: { id: bedId },
    include: { home: { select: { name: true, countyId: true } } },
  });
  if (bed.occupantPlacementId !== null || bed.heldByOfferId !== null) return null;
  const waiting = await tx.careWaitingEntry.findMany({
    where: {
      countyId: bed.home.countyId,
      status: 'WAITING',
      OR: [{ preferredHomeId: null }, { preferredHomeId: bed.homeId }],
    },
  });
  const refused = await tx.careBedOffer.findMany({
    where: {
      bedId,
      status: { in: ['DECLINED', 'EXPIRED'] },
      ...(bed.vacantSince && { offeredAt: { gte: bed.vacantSince } }),
    },
    select: { entryId: true },
  });
  const next = nextEntryForBed(
    { homeId: bed.homeId, countyId: bed.home.countyId, careLevel: asCareLevel(bed.careLevel) },
    waiting.map(queueEntry),
    { excluded: new Set(refused.map((offer) => offer.entryId)) },
  );
  if (!next) return null;
  const entry = waiting.find((row) => row.id === next.id)!;
  const offer = await tx.careBedOffer.create({ data: { entryId: entry.id, bedId, offeredAt: now } });
  const held = await tx.careHomeBed.updateMany({
    where: { id: bedId, occupantPlacementId: null, heldByOfferId: null },
    data: { heldByOfferId: offer.id },
  });
  const offered = await tx.careWaitingEntry.updateMany({
    where: { id: entry.id, status: 'WAITING' },
    data: { status: 'OFFERED' },
  });
  if (held.count !== 1 || offered.count !== 1) throw new Error(`bed ${bedId} changed while being offered`);
  return {
    offerId: offer.id,
    entryId: entry.id,
    workflowId: entry.workflowId,
    caseId: entry.caseId,
    personId: entry.personId,
    homeId: bed.homeId,
    homeName: bed.home.name,
    bedId,
    bedLabel: bed.label,
  };
}

/** The waiting entries that wait (not offered) in a county. */
async function waitingIn(tx: Tx, countyId: string): Promise<QueueEntry[]> {
  const rows = await tx.careWaitingEntry.findMany({ where: { countyId, status: 'WAITING' } });
  return rows.map(queueEntry);
}

/**
 * Places the person in a free fitting bed (of the preferred home, if named, else of any
 * home in the county), or puts them on the county's waiting list.
 */
export async function requestPlacement(
  db: Database,
  input: RequestPlacementInput,
): Promise<RequestPlacementResult> {
  return db.$transaction(
    (tx) =>
      once(tx, input.countyId, 'requestPlacement', input, async (now) => {
        checkCareLevel(input.careLevel);
        const preferredHomeId = input.preferredHomeId ?? null;
        const found = await tx.case.findUnique({
          where: { id: input.caseId },
          select: { householdId: true, countyId: true },
        });
        if (!found) fail('UnknownCase', `no case ${input.caseId}`);
        if (found.countyId !== input.countyId)
          fail(
            'CountyMismatch',
            `case ${input.caseId} is of county ${found.countyId}, not ${input.countyId}`,
          );
        const person = await tx.householdMember.findFirst({
          where: { id: input.personId, householdId: found.householdId },
          select: { id: true },
        });
        if (!person) fail('UnknownPerson', `no member ${input.personId} in the case's household`);
        if (preferredHomeId !== null) {
          const home = await tx.careHome.findUnique({ where: { id: preferredHomeId } });
          if (!home || home.countyId !== input.countyId)
            fail('UnknownHome', `no care home ${preferredHomeId} in county ${input.countyId}`);
        }
        const placed = await tx.carePlacement.findFirst({
          where: { personId: input.personId, status: 'PLACED' },
          select: { id: true },
        });
        if (placed) fail('AlreadyPlaced', `person ${input.personId} is placed (${placed.id})`);
        const listed = await tx.careWaitingEntry.findFirst({
          where: { personId: input.personId, status: { in: ['WAITING', 'OFFERED'] } },
          select: { id: true },
        });
        if (listed) fail('AlreadyWaiting', `person ${input.personId} is on the waiting list (${listed.id})`);

        const beds = await freeBeds(tx, input.countyId, preferredHomeId);
        const bed = chooseBed(
          beds,
          { countyId: input.countyId, careLevel: input.careLevel, preferredHomeId },
          BED_FIT_RULE,
        );
        if (bed) {
          const placement = await tx.carePlacement.create({
            data: {
              caseId: input.caseId,
              personId: input.personId,
              homeId: bed.homeId,
              bedId: bed.id,
              careLevel: input.careLevel,
              placedAt: now,
              idempotencyKey: input.key,
            },
          });
          await occupyBed(tx, bed.id, placement.id, null);
          return {
            outcome: 'placed' as const,
            placementId: placement.id,
            homeId: bed.homeId,
            homeName: bed.homeName,
            bedId: bed.id,
            bedLabel: bed.label,
          };
        }
        const entry = await tx.careWaitingEntry.create({
          data: {
            caseId: input.caseId,
            personId: input.personId,
            countyId: input.countyId,
            preferredHomeId,
            careLevel: input.careLevel,
            cannotLookAfterSelf: cannotLookAfterThemselves(input.careLevel),
            workflowId: input.workflowId,
            requestedAt: now,
            queuedAt: now,
            idempotencyKey: input.key,
          },
        });
        const position = positionOf(queueEntry(entry), await waitingIn(tx, input.countyId));
        return { outcome: 'waiting' as const, entryId: entry.id, position };
      }),
    TRANSACTION_OPTIONS,
  );
}

async function placementOf(tx: Tx, placementId: string) {
  const placement = await tx.carePlacement.findUnique({
    where: { id: placementId },
    include: { home: { select: { countyId: true } } },
  });
  if (!placement) fail('UnknownPlacement', `no placement ${placementId}`);
  return placement;
}

/**
 * Ends a placement (discharge, death, return to dispersed support, transfer elsewhere),
 * frees its bed and, if someone waits for it, holds it for the next in line.
 */
export async function releaseBed(db: Database, input: ReleaseBedInput): Promise<ReleaseBedResult> {
  return db.$transaction(async (tx) => {
    const { home } = await placementOf(tx, input.placementId);
    return once(tx, home.countyId, 'releaseBed', input, async (now) => {
      if (!(input.reason in PLACEMENT_END_REASONS))
        fail('InvalidEndReason', `unknown end reason ${input.reason}`);
      const placement = await placementOf(tx, input.placementId);
      if (placement.status !== 'PLACED')
        fail('PlacementNotActive', `placement ${input.placementId} has ended (${placement.endReason})`);
      await endPlacement(tx, placement, input.reason, now);
      return { offer: await offerBedToNext(tx, placement.bedId, now) };
    });
  }, TRANSACTION_OPTIONS);
}

/**
 * The answer to a bed offer. Accept: the person is placed in the held bed. Decline: the
 * person stays on the list, behind those now waiting in their priority group (queuedAt is
 * reset), so a declined bed does not keep its place in line for the next one. Expire (no
 * answer by the caller's deadline): the person stays on the list in the same place, since
 * silence is often a hospital stay, not a choice. Either way the bed goes to the next in
 * line, and is not offered again to this person while it stays free.
 */
export async function answerOffer(db: Database, input: AnswerOfferInput): Promise<AnswerOfferResult> {
  return db.$transaction(async (tx) => {
    const located = await tx.careBedOffer.findUnique({
      where: { id: input.offerId },
      select: { bed: { select: { home: { select: { countyId: true } } } } },
    });
    if (!located) fail('UnknownOffer', `no bed offer ${input.offerId}`);
    return once(tx, located.bed.home.countyId, 'answerOffer', input, async (now) => {
      const offer = await tx.careBedOffer.findUniqueOrThrow({
        where: { id: input.offerId },
        include: { entry: true, bed: { include: { home: { select: { name: true } } } } },
      });
      if (offer.status !== 'OPEN') fail('OfferNotOpen', `offer ${offer.id} is ${offer.status}`);
      const { entry, bed } = offer;
      if (input.answer === 'accept') {
        await tx.careBedOffer.update({
          where: { id: offer.id },
          data: { status: 'ACCEPTED', answeredAt: now },
        });
        const placement = await tx.carePlacement.create({
          data: {
            caseId: entry.caseId,
            personId: entry.personId,
            homeId: bed.homeId,
            bedId: bed.id,
            careLevel: entry.careLevel,
            placedAt: now,
            idempotencyKey: input.key,
          },
        });
        await occupyBed(tx, bed.id, placement.id, offer.id);
        await tx.careWaitingEntry.update({ where: { id: entry.id }, data: { status: 'PLACED' } });
        const placed: PlacementSummary = {
          placementId: placement.id,
          homeId: bed.homeId,
          homeName: bed.home.name,
          bedId: bed.id,
          bedLabel: bed.label,
        };
        return { placed };
      }
      await tx.careBedOffer.update({
        where: { id: offer.id },
        data: { status: input.answer === 'decline' ? 'DECLINED' : 'EXPIRED', answeredAt: now },
      });
      await releaseHold(tx, bed.id, offer.id);
      await tx.careWaitingEntry.update({
        where: { id: entry.id },
        data: { status: 'WAITING', ...(input.answer === 'decline' && { queuedAt: now }) },
      });
      return { nextOffer: await offerBedToNext(tx, bed.id, now) };
    });
  }, TRANSACTION_OPTIONS);
}

async function releaseHold(tx: Tx, bedId: string, offerId: string): Promise<void> {
  const { count } = await tx.careHomeBed.updateMany({
    where: { id: bedId, heldByOfferId: offerId },
    data: { heldByOfferId: null },
  });
  if (count !== 1) throw new Error(`bed ${bedId} is not held by offer ${offerId}`);
}

/**
 * Moves a placed person to a free fitting bed of another home of the same county: the old
 * placement ends ('transferred'), a new one starts, and the bed left behind is offered to
 * the next in line. A home without a fitting free bed refuses; the person is not queued for
 * it (a transfer is asked again when a bed is free).
 */
export async function transferPlacement(
  db: Database,
  input: TransferPlacementInput,
): Promise<TransferPlacementResult> {
  return db.$transaction(async (tx) => {
    const { home } = await placementOf(tx, input.placementId);
    return once(
      tx,
      home.countyId,
      'transferPlacement',
      input,
      async (now): Promise<TransferPlacementResult> => {
        const placement = await placementOf(tx, input.placementId);
        const refused = (reason: TransferRefusal) => ({ outcome: 'refused' as const, reason });
        if (placement.status !== 'PLACED') return refused('notPlaced');
        if (placement.homeId === input.toHomeId) return refused('sameHome');
        const target = await tx.careHome.findUnique({ where: { id: input.toHomeId } });
        if (!target) return refused('unknownHome');
        if (target.countyId !== placement.home.countyId) return refused('otherCounty');
        const bed = chooseBed(
          await freeBeds(tx, target.countyId, target.id),
          {
            countyId: target.countyId,
            careLevel: asCareLevel(placement.careLevel),
            preferredHomeId: target.id,
          },
          BED_FIT_RULE,
        );
        if (!bed) return refused('noFittingBed');

        await endPlacement(tx, placement, 'transferred', now);
        const moved = await tx.carePlacement.create({
          data: {
            caseId: placement.caseId,
            personId: placement.personId,
            homeId: target.id,
            bedId: bed.id,
            careLevel: placement.careLevel,
            placedAt: now,
            idempotencyKey: input.key,
          },
        });
        await occupyBed(tx, bed.id, moved.id, null);
        return {
          outcome: 'transferred',
          placed: {
            placementId: moved.id,
            homeId: target.id,
            homeName: target.name,
            bedId: bed.id,
            bedLabel: bed.label,
          },
          offer: await offerBedToNext(tx, placement.bedId, now),
        };
      },
    );
  }, TRANSACTION_OPTIONS);
}

/**
 * Takes a person off the waiting list (they chose dispersed support, died, left the
 * programme). A bed held for them goes to the next in line.
 */
export async function withdrawFromWaitingList(
  db: Database,
  input: WithdrawFromWaitingListInput,
): Promise<WithdrawFromWaitingListResult> {
  return db.$transaction(async (tx) => {
    const located = await tx.careWaitingEntry.findUnique({
      where: { id: input.entryId },
      select: { countyId: true },
    });
    if (!located) fail('UnknownEntry', `no waiting entry ${input.entryId}`);
    return once(tx, located.countyId, 'withdrawFromWaitingList', input, async (now) => {
      const entry = await tx.careWaitingEntry.findUniqueOrThrow({ where: { id: input.entryId } });
      if (entry.status === 'PLACED' || entry.status === 'WITHDRAWN')
        return { withdrawn: false, nextOffer: null };
      await tx.careWaitingEntry.update({ where: { id: entry.id }, data: { status: 'WITHDRAWN' } });
      if (entry.status === 'WAITING') return { withdrawn: true, nextOffer: null };
      const offer = await tx.careBedOffer.findFirstOrThrow({ where: { entryId: entry.id, status: 'OPEN' } });
      await tx.careBedOffer.update({
        where: { id: offer.id },
        data: { status: 'DECLINED', answeredAt: now },
      });
      await releaseHold(tx, offer.bedId, offer.id);
      return { withdrawn: true, nextOffer: await offerBedToNext(tx, offer.bedId, now) };
    });
  }, TRANSACTION_OPTIONS);
}

// ── The console's overview ─────────────────────────────────────────────────────────

export interface BedCounts {
  total: number;
  occupied: number;
  /** Held for an open offer. */
  held: number;
  free: number;
}

/** One person on the waiting list: name and case number, never an ID number. */
export interface WaitingListLine {
  entryId: string;
  caseNo: string;
  name: string;
  careLevel: CareLevel;
  cannotLookAfterSelf: boolean;
  status: 'WAITING' | 'OFFERED';
  /** As told to the person (positionOf); null while a bed is offered to them. */
  position: number | null;
  preferredHomeId: string | null;
  requestedAt: string;
}

export interface CareHomeSummary {
  id: string;
  name: string;
  address: string;
  townshipId: string;
  townshipName: string;
  staffCount: number;
  beds: BedCounts;
  bedsByLevel: Record<CareLevel, BedCounts>;
  /** Occupied beds / beds; null for a home without beds. */
  occupancy: number | null;
  /** Those waiting for this home by choice, in line order. */
  waiting: WaitingListLine[];
}

export interface CareHomesOverview {
  countyId: string;
  homes: CareHomeSummary[];
  /** Those waiting for a bed in any home of the county, in line order. */
  waitingAnyHome: WaitingListLine[];
  /** 集中供养比例: people placed / people in supported 特困 cases of the county. */
  centralised: { placed: number; supported: number; share: number | null };
}

const noBeds = (): BedCounts => ({ total: 0, occupied: 0, held: 0, free: 0 });

function countBed(
  counts: BedCounts,
  bed: { occupantPlacementId: string | null; heldByOfferId: string | null },
) {
  counts.total += 1;
  if (bed.occupantPlacementId !== null) counts.occupied += 1;
  else if (bed.heldByOfferId !== null) counts.held += 1;
  else counts.free += 1;
}

/** A county's homes, beds, waiting list and centralised share, for the console. */
export async function careHomesOverview(db: Database, countyId: string): Promise<CareHomesOverview> {
  const supportedCase = {
    countyId,
    programmeCode: 'TEKUN' as const,
    status: { in: [...ENROLMENT_STATUSES] },
  };
  const [homes, entries, placed, supported] = await Promise.all([
    db.careHome.findMany({
      where: { countyId },
      include: {
        township: { select: { name: true } },
        beds: { select: { careLevel: true, occupantPlacementId: true, heldByOfferId: true } },
      },
      orderBy: { id: 'asc' },
    }),
    db.careWaitingEntry.findMany({
      where: { countyId, status: { in: ['WAITING', 'OFFERED'] } },
      include: { person: { select: { name: true } }, case: { select: { caseNo: true } } },
    }),
    db.carePlacement.count({ where: { status: 'PLACED', case: supportedCase } }),
    db.householdMember.count({ where: { household: { cases: { some: supportedCase } } } }),
  ]);

  const waiting = entries.filter((entry) => entry.status === 'WAITING').map(queueEntry);
  const lines = waitingOrder(entries.map((entry) => ({ ...queueEntry(entry), row: entry }))).map(
    ({ row }): WaitingListLine => ({
      entryId: row.id,
      caseNo: row.case.caseNo,
      name: row.person.name,
      careLevel: asCareLevel(row.careLevel),
      cannotLookAfterSelf: row.cannotLookAfterSelf,
      status: row.status === 'OFFERED' ? 'OFFERED' : 'WAITING',
      position: row.status === 'WAITING' ? positionOf(queueEntry(row), waiting) : null,
      preferredHomeId: row.preferredHomeId,
      requestedAt: row.requestedAt.toISOString(),
    }),
  );

  return {
    countyId,
    homes: homes.map((home) => {
      const beds = noBeds();
      const bedsByLevel = Object.fromEntries(CARE_LEVEL_ORDER.map((level) => [level, noBeds()])) as Record<
        CareLevel,
        BedCounts
      >;
      for (const bed of home.beds) {
        countBed(beds, bed);
        countBed(bedsByLevel[asCareLevel(bed.careLevel)], bed);
      }
      return {
        id: home.id,
        name: home.name,
        address: home.address,
        townshipId: home.townshipId,
        townshipName: home.township.name,
        staffCount: home.staffCount,
        beds,
        bedsByLevel,
        occupancy: beds.total === 0 ? null : beds.occupied / beds.total,
        waiting: lines.filter((line) => line.preferredHomeId === home.id),
      };
    }),
    waitingAnyHome: lines.filter((line) => line.preferredHomeId === null),
    centralised: { placed, supported, share: supported === 0 ? null : placed / supported },
  };
}
