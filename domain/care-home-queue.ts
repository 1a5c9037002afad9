import { cannotLookAfterThemselves, type CareLevel } from './care-level';

/**
 * The county's waiting list for a care-home bed (集中供养轮候) and who a bed goes to. Pure:
 * activities/care-homes.ts reads the rows under the county's lock and asks these rules.
 *
 * Order: those who cannot look after themselves (partial or full loss) first, then by their
 * place in line (the request time; a declined offer sends a person to the back), then by id
 * so that two requests of the same millisecond still have one order.
 */

/** Care levels from least to most care: a bed is staffed for one of them. */
export const CARE_LEVEL_ORDER: readonly CareLevel[] = ['selfCare', 'partialLoss', 'fullLoss'];

/** Why a placement ends (CarePlacement.endReason; the migration checks the same strings). */
export const PLACEMENT_END_REASONS = {
  discharged: '出院/离院',
  transferred: '转院',
  died: '死亡',
  returnedToDispersed: '转为分散供养',
} as const;

export type PlacementEndReason = keyof typeof PLACEMENT_END_REASONS;

/**
 * Which beds a person may take:
 * - `exact`: only a bed staffed for the person's own level;
 * - `higherCareMayTakeLower`: also a bed staffed for more care, but only while nobody who
 *   needs that level waits for it (the bed goes to them first, see nextEntryForBed).
 */
export type BedFitRule = 'exact' | 'higherCareMayTakeLower';

/**
 * The rule in force: exact level. A nursing bed given to someone who can look after
 * themselves is a bed the next person with full loss cannot have, and moving a resident
 * out of it later is a transfer nobody wants; counties that run short of self-care beds
 * can switch to higherCareMayTakeLower here.
 */
export const BED_FIT_RULE: BedFitRule = 'exact';

const rank = (level: CareLevel) => CARE_LEVEL_ORDER.indexOf(level);

export function bedFits(bedLevel: CareLevel, need: CareLevel, rule: BedFitRule = BED_FIT_RULE): boolean {
  return rule === 'exact' ? bedLevel === need : rank(bedLevel) >= rank(need);
}

/** The bed levels a person may take, the one that fits best first. */
export function bedLevelsFor(need: CareLevel, rule: BedFitRule = BED_FIT_RULE): CareLevel[] {
  return CARE_LEVEL_ORDER.filter((level) => bedFits(level, need, rule)).sort((a, b) => rank(a) - rank(b));
}

/** A waiting-list entry as the rules see it. */
export interface QueueEntry {
  id: string;
  countyId: string;
  /** Null: any home of the county. */
  preferredHomeId: string | null;
  careLevel: CareLevel;
  /** The place in line: the request time, or the time of the last declined offer. */
  queuedAt: Date;
}

/** The waiting list's order: negative when a is ahead of b. */
export function compareWaiting(a: QueueEntry, b: QueueEntry): number {
  const priority =
    Number(cannotLookAfterThemselves(b.careLevel)) - Number(cannotLookAfterThemselves(a.careLevel));
  if (priority !== 0) return priority;
  const time = a.queuedAt.getTime() - b.queuedAt.getTime();
  if (time !== 0) return time;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function waitingOrder<T extends QueueEntry>(entries: readonly T[]): T[] {
  return [...entries].sort(compareWaiting);
}

/**
 * A person's place on the list as told to them: 1 + those waiting ahead of them for a bed
 * of their own level in their county. Others wait for other beds, so they are not counted.
 */
export function positionOf(entry: QueueEntry, waiting: readonly QueueEntry[]): number {
  return (
    1 +
    waiting.filter(
      (other) =>
        other.id !== entry.id &&
        other.countyId === entry.countyId &&
        other.careLevel === entry.careLevel &&
        compareWaiting(other, entry) < 0,
    ).length
  );
}

/** A bed as the rules see it. */
export interface QueueBed {
  id: string;
  homeId: string;
  countyId: string;
  careLevel: CareLevel;
  label: string;
}

/**
 * The waiting entry a free bed goes to: of the bed's county, wanting its home or any home,
 * whose level the bed fits, not among `excluded` (who declined this bed or let its offer
 * expire since it became free). Those who need exactly the bed's level come first; only
 * when none waits does the bed go, under higherCareMayTakeLower, to someone who needs less.
 * `waiting` must hold only entries that wait (not offered, placed or withdrawn).
 */
export function nextEntryForBed<T extends QueueEntry>(
  bed: Pick<QueueBed, 'homeId' | 'countyId' | 'careLevel'>,
  waiting: readonly T[],
  options: { rule?: BedFitRule; excluded?: ReadonlySet<string> } = {},
): T | null {
  const rule = options.rule ?? BED_FIT_RULE;
  const candidates = waitingOrder(
    waiting.filter(
      (entry) =>
        entry.countyId === bed.countyId &&
        (entry.preferredHomeId === null || entry.preferredHomeId === bed.homeId) &&
        bedFits(bed.careLevel, entry.careLevel, rule) &&
        !options.excluded?.has(entry.id),
    ),
  );
  return candidates.find((entry) => entry.careLevel === bed.careLevel) ?? candidates[0] ?? null;
}

/**
 * The free bed a new request takes, or null (the person joins the list): in the preferred
 * home if one is named, else in any home of the county; the best-fitting level first, then
 * home and label so the choice is the same every time. `freeBeds` must hold only beds that
 * are neither occupied nor held for an offer.
 */
export function chooseBed<T extends QueueBed>(
  freeBeds: readonly T[],
  request: { countyId: string; careLevel: CareLevel; preferredHomeId: string | null },
  rule: BedFitRule = BED_FIT_RULE,
): T | null {
  const levels = bedLevelsFor(request.careLevel, rule);
  const fitting = freeBeds.filter(
    (bed) =>
      bed.countyId === request.countyId &&
      (request.preferredHomeId === null || bed.homeId === request.preferredHomeId) &&
      levels.includes(bed.careLevel),
  );
  fitting.sort(
    (a, b) =>
      levels.indexOf(a.careLevel) - levels.indexOf(b.careLevel) ||
      a.homeId.localeCompare(b.homeId) ||
      a.label.localeCompare(b.label, undefined, { numeric: true }),
  );
  return fitting[0] ?? null;
}
