import { Router } from 'express';
import { z } from 'zod';
import { careHomesOverview, type CareHomeSummary, type WaitingListLine } from '../../activities/care-homes';
import { waitingOrder } from '../../domain/care-home-queue';
import type { CareLevel } from '../../domain/care-level';
import { canSeeCase, isWithinJurisdiction, type Actor, type StaffRole } from '../../domain/staff-roles';
import type { Database } from '../../platform/database';
import { audit } from '../audit';
import { HttpError, parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';

/**
 * 供养机构 (care homes) as staff read them: a county's homes with their beds, the waiting list
 * and the county's centralised share of 特困 people; one home with its beds, residents and
 * waiting list. Only reads; placements, offers and transfers are the 特困 workflows'.
 *
 * Who reads what:
 * - County approvers, supervisors and administrators: the homes within their unit, and
 *   everyone on the waiting list whose case they may see (for a county-level user, the
 *   whole county).
 * - A township officer: the homes of the own township (all their beds and residents: the
 *   township runs them), the county's waiting list restricted to the township's people,
 *   and the county's centralised share.
 * - A care home's manager: the own home only (beds, residents, and those waiting for that
 *   home by choice); not the county's share or anyone else on the list.
 * - Village assistants and department officers: 403 on every route, whatever the id.
 *
 * Out of jurisdiction, consistently with the rest of the API:
 * - a specific home answers 404, exactly like "no such home" (as a case or a referral does);
 * - a county named in the query is a referenced id, not the resource: like a village outside
 *   one's jurisdiction when filing (api/case-intake.ts) it answers 403, and an unknown county
 *   422 naming `query.countyId`. Never an empty answer, which would pass for "no homes".
 *
 * People are shown by name and case number, never by ID number. Every answer that names
 * people is audited as a read, like a case read, with the case numbers it showed.
 */

export const CARE_HOME_READERS: readonly StaffRole[] = [
  'COUNTY_APPROVER',
  'TOWNSHIP_OFFICER',
  'SUPERVISOR',
  'ADMINISTRATOR',
  'CARE_HOME_MANAGER',
];

/** Roles whose unit lies below a county and who read that county in part. */
const READS_OWN_COUNTY_IN_PART: readonly StaffRole[] = ['TOWNSHIP_OFFICER', 'CARE_HOME_MANAGER'];

/** A care home's org-unit id: the township's (or county's) code and a short suffix, e.g. 532901003-JLY. */
export const CARE_HOME_ID_PATTERN = /^\d{6,12}-[A-Z0-9]{1,10}$/;

export const countyIdSchema = z.string().regex(/^\d{6}$/, '县市代码应为 6 位数字 (a 6-digit county code)');

/** GET /api/care-homes: the county, by default the reader's own. */
export const careHomesQuerySchema = z.object({ countyId: countyIdSchema.optional() });

/** GET /api/care-homes/:homeId */
export const careHomeParamsSchema = z.object({
  homeId: z.string().regex(CARE_HOME_ID_PATTERN, '供养机构编号格式不正确 (not a care-home id)'),
});

export type CareHomeScope = 'county' | 'township' | 'home';

export interface ReadableCounty {
  id: string;
  name: string;
  path: string;
  /** How much of the county the reader sees. */
  scope: CareHomeScope;
}

/** A waiting-list line as the reader sees it: the home the person chose, by name. */
export interface VisibleWaitingLine extends WaitingListLine {
  preferredHomeName: string | null;
}

export interface CareHomesView {
  countyId: string;
  countyName: string;
  scope: CareHomeScope;
  /** The homes the reader sees, each with those waiting for it whom the reader may see. */
  homes: (Omit<CareHomeSummary, 'waiting'> & { waiting: VisibleWaitingLine[] })[];
  waitingAnyHome: VisibleWaitingLine[];
  /** Everyone on the county's list the reader may see, in line order, whichever home they chose. */
  waitingList: VisibleWaitingLine[];
  /** 集中供养率: null for a care home's manager, who reads the own home only. */
  centralised: { placed: number; supported: number; share: number | null } | null;
}

export interface CareHomePerson {
  placementId: string;
  name: string;
  caseNo: string;
  careLevel: CareLevel;
  placedAt: string;
}

export interface CareHomeBedLine {
  id: string;
  label: string;
  careLevel: CareLevel;
  state: 'occupied' | 'held' | 'free';
  occupant: CareHomePerson | null;
}

/** One home: its overview figures, and the beds, residents and waiting list behind them. */
export interface CareHomeDetail extends Omit<CareHomeSummary, 'waiting'> {
  countyId: string;
  /** Every bed in label order: its occupant, or held for an open offer, or free. */
  bedList: CareHomeBedLine[];
  residents: (CareHomePerson & { bedLabel: string })[];
  /** Those waiting for this home by choice whom the reader may see, in line order. */
  waiting: VisibleWaitingLine[];
}

/**
 * What the loaders hand the console besides the answer: the village of each case shown, so
 * a page links a case number only for whoever may open the case.
 */
export interface CaseVillages {
  villagePathOf: Map<string, string>;
}

export function requireCareHomeReader(actor: Actor): void {
  if (!CARE_HOME_READERS.includes(actor.role))
    throw new HttpError(
      403,
      'forbidden',
      '供养机构信息仅供县民政局、乡镇、监督、管理人员和供养机构负责人查看 (role may not read care homes)',
    );
}

/** The county the reader's unit lies in (none for a prefecture-level user). */
export async function ownCounty(db: Database, actor: Actor) {
  const ids = actor.unitPath.split('/').filter(Boolean);
  return db.orgUnit.findFirst({ where: { id: { in: ids }, level: 'COUNTY' } });
}

function scopeOf(actor: Actor, countyPath: string): CareHomeScope | null {
  if (isWithinJurisdiction(actor.unitPath, countyPath)) return 'county';
  if (READS_OWN_COUNTY_IN_PART.includes(actor.role) && actor.unitPath.startsWith(countyPath))
    return actor.role === 'CARE_HOME_MANAGER' ? 'home' : 'township';
  return null;
}

/**
 * The county asked for (or the reader's own): unknown → 422 and outside the reader's
 * jurisdiction → 403, each naming `query.countyId`; none given above county level → 400.
 */
export async function readableCounty(
  db: Database,
  actor: Actor,
  countyId: string | undefined,
): Promise<ReadableCounty> {
  requireCareHomeReader(actor);
  const field = 'query.countyId';
  const county =
    countyId === undefined
      ? await ownCounty(db, actor)
      : await db.orgUnit.findUnique({ where: { id: countyId } });
  if (countyId === undefined && !county) {
    const message = '请指定县（市）(countyId is required above county level)';
    throw new HttpError(400, 'invalid_input', `${field}: ${message}`, [{ field, message }]);
  }
  if (!county || county.level !== 'COUNTY') {
    const message = `县（市）${countyId} 不存在 (no such county)`;
    throw new HttpError(422, 'unknown_county', `${field}: ${message}`, [{ field, message }]);
  }
  const scope = scopeOf(actor, county.path);
  if (!scope)
    throw new HttpError(403, 'forbidden', '该县（市）不在您的管辖范围内 (county outside your jurisdiction)', [
      { field, message: 'outside your jurisdiction' },
    ]);
  return { id: county.id, name: county.name, path: county.path, scope };
}

/**
 * A waiting line the reader may see: one of a case the reader may see, or, for a care home's
 * manager, one of someone waiting for the own home.
 */
function seesLine(actor: Actor, villagePath: string | undefined, preferredHomePath: string | undefined) {
  if (villagePath !== undefined && canSeeCase(actor, villagePath)) return true;
  return (
    actor.role === 'CARE_HOME_MANAGER' &&
    preferredHomePath !== undefined &&
    isWithinJurisdiction(actor.unitPath, preferredHomePath)
  );
}

type Overview = Awaited<ReturnType<typeof careHomesOverview>>;

/** Waiting entry id → its case's village path and place in line. */
async function entriesOf(db: Database, entryIds: string[]) {
  const rows = await db.careWaitingEntry.findMany({
    where: { id: { in: entryIds } },
    select: {
      id: true,
      queuedAt: true,
      case: { select: { household: { select: { village: { select: { path: true } } } } } },
    },
  });
  return new Map(
    rows.map((row) => [row.id, { villagePath: row.case.household.village.path, queuedAt: row.queuedAt }]),
  );
}

/**
 * The county's overview cut to what the reader may see. `overview` lets a page that also
 * shows each home's beds read the county once.
 */
export async function loadCareHomesView(
  db: Database,
  actor: Actor,
  county: ReadableCounty,
  overview?: Overview,
): Promise<CareHomesView & CaseVillages> {
  const all = overview ?? (await careHomesOverview(db, county.id));
  const lines = [...all.homes.flatMap((home) => home.waiting), ...all.waitingAnyHome];
  const [entries, homeUnits] = await Promise.all([
    entriesOf(
      db,
      lines.map((line) => line.entryId),
    ),
    db.orgUnit.findMany({
      where: { id: { in: all.homes.map((home) => home.id) } },
      select: { id: true, path: true },
    }),
  ]);
  const homePathOf = new Map(homeUnits.map((unit) => [unit.id, unit.path]));
  const homeNameOf = new Map(all.homes.map((home) => [home.id, home.name]));
  const shown = (part: WaitingListLine[]) =>
    part
      .filter((line) =>
        seesLine(
          actor,
          entries.get(line.entryId)?.villagePath,
          line.preferredHomeId === null ? undefined : homePathOf.get(line.preferredHomeId),
        ),
      )
      .map((line): VisibleWaitingLine => ({
        ...line,
        preferredHomeName:
          line.preferredHomeId === null ? null : (homeNameOf.get(line.preferredHomeId) ?? null),
      }));
  // The overview hands the list out per home; merged again in the county's line order.
  const inOrder = waitingOrder(
    lines.map((line) => ({
      id: line.entryId,
      countyId: county.id,
      preferredHomeId: line.preferredHomeId,
      careLevel: line.careLevel,
      queuedAt: entries.get(line.entryId)?.queuedAt ?? new Date(line.requestedAt),
      line,
    })),
  ).map(({ line }) => line);
  const waitingList = shown(inOrder);
  const homes = all.homes
    .filter((home) => {
      const path = homePathOf.get(home.id);
      return path !== undefined && isWithinJurisdiction(actor.unitPath, path);
    })
    .map((home) => ({ ...home, waiting: shown(home.waiting) }));
  const villagePathOf = new Map<string, string>();
  for (const line of waitingList) {
    const path = entries.get(line.entryId)?.villagePath;
    if (path !== undefined) villagePathOf.set(line.caseNo, path);
  }
  return {
    countyId: county.id,
    countyName: county.name,
    scope: county.scope,
    homes,
    waitingAnyHome: shown(all.waitingAnyHome),
    waitingList,
    centralised: county.scope === 'home' ? null : all.centralised,
    villagePathOf,
  };
}

export interface ReadableHome {
  id: string;
  countyId: string;
  path: string;
}

/** A home within the reader's jurisdiction; any other answers exactly like "no such home". */
export async function readableHome(db: Database, actor: Actor, homeId: string): Promise<ReadableHome> {
  requireCareHomeReader(actor);
  const home = await db.careHome.findUnique({
    where: { id: homeId },
    select: { id: true, countyId: true, unit: { select: { path: true } } },
  });
  if (!home || !isWithinJurisdiction(actor.unitPath, home.unit.path))
    throw new HttpError(404, 'not_found', '供养机构不存在 (no such care home)');
  return { id: home.id, countyId: home.countyId, path: home.unit.path };
}

const byLabel = (a: { label: string }, b: { label: string }) =>
  a.label.localeCompare(b.label, undefined, { numeric: true });

/** One home: its figures, every bed with its occupant, its residents and those waiting for it. */
export async function loadCareHomeDetail(
  db: Database,
  actor: Actor,
  home: ReadableHome,
  overview?: Overview,
): Promise<CareHomeDetail & CaseVillages> {
  const [all, beds, placements] = await Promise.all([
    overview ?? careHomesOverview(db, home.countyId),
    db.careHomeBed.findMany({
      where: { homeId: home.id },
      select: { id: true, label: true, careLevel: true, occupantPlacementId: true, heldByOfferId: true },
    }),
    db.carePlacement.findMany({
      where: { homeId: home.id, status: 'PLACED' },
      select: {
        id: true,
        bedId: true,
        careLevel: true,
        placedAt: true,
        person: { select: { name: true } },
        case: { select: { caseNo: true, household: { select: { village: { select: { path: true } } } } } },
      },
    }),
  ]);
  const summary = all.homes.find((h) => h.id === home.id);
  if (!summary) throw new HttpError(404, 'not_found', '供养机构不存在 (no such care home)');
  const entries = await entriesOf(
    db,
    summary.waiting.map((line) => line.entryId),
  );
  const waiting = summary.waiting
    .filter((line) => seesLine(actor, entries.get(line.entryId)?.villagePath, home.path))
    .map((line) => ({ ...line, preferredHomeName: summary.name }));

  const villagePathOf = new Map<string, string>();
  const person = (p: (typeof placements)[number]): CareHomePerson => ({
    placementId: p.id,
    name: p.person.name,
    caseNo: p.case.caseNo,
    careLevel: p.careLevel as CareLevel,
    placedAt: p.placedAt.toISOString(),
  });
  const byPlacement = new Map(placements.map((p) => [p.id, p]));
  const bedList = [...beds].sort(byLabel).map((bed): CareHomeBedLine => {
    const occupant = bed.occupantPlacementId === null ? undefined : byPlacement.get(bed.occupantPlacementId);
    return {
      id: bed.id,
      label: bed.label,
      careLevel: bed.careLevel as CareLevel,
      state: bed.occupantPlacementId !== null ? 'occupied' : bed.heldByOfferId !== null ? 'held' : 'free',
      occupant: occupant ? person(occupant) : null,
    };
  });
  const labelOf = new Map(beds.map((bed) => [bed.id, bed.label]));
  const residents = placements
    .map((p) => ({ ...person(p), bedLabel: labelOf.get(p.bedId) ?? '' }))
    .sort(byBedLabel);
  for (const p of placements) villagePathOf.set(p.case.caseNo, p.case.household.village.path);
  for (const line of waiting) {
    const path = entries.get(line.entryId)?.villagePath;
    if (path !== undefined) villagePathOf.set(line.caseNo, path);
  }
  const { waiting: _forEveryone, ...figures } = summary;
  return {
    ...figures,
    countyId: home.countyId,
    bedList,
    residents,
    waiting,
    villagePathOf,
  };
}

const byBedLabel = (a: { bedLabel: string }, b: { bedLabel: string }) =>
  a.bedLabel.localeCompare(b.bedLabel, undefined, { numeric: true });

/** The case numbers an answer shows, for its audit entry. */
const caseNosOf = (...groups: { caseNo: string }[][]) => [
  ...new Set(groups.flat().map((item) => item.caseNo)),
];

/** 供养机构: a county's homes and waiting list, and one home. Reads only. */
export function careHomeRoutes({ db }: { db: Database }): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const actor = requireActor(req.actor);
    requireCareHomeReader(actor);
    const q = parseInput(careHomesQuerySchema, req.query, 'query');
    const county = await readableCounty(db, actor, q.countyId);
    const { villagePathOf: _villages, ...view } = await loadCareHomesView(db, actor, county);
    await audit(db, actor, 'read', 'careHomes', county.id, {
      homeIds: view.homes.map((home) => home.id),
      caseNos: caseNosOf(view.waitingList),
    });
    res.json(view);
  });

  router.get('/:homeId', async (req, res) => {
    const actor = requireActor(req.actor);
    requireCareHomeReader(actor);
    const { homeId } = parseInput(careHomeParamsSchema, req.params, 'params');
    const home = await readableHome(db, actor, homeId);
    const { villagePathOf: _villages, ...detail } = await loadCareHomeDetail(db, actor, home);
    await audit(db, actor, 'read', 'careHome', home.id, {
      caseNos: caseNosOf(detail.residents, detail.waiting),
    });
    res.json(detail);
  });

  return router;
}
