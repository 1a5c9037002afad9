import { Router } from 'express';
import { z } from 'zod';
import { careHomesOverview } from '../../activities/care-homes';
import { CARE_LEVEL_ORDER } from '../../domain/care-home-queue';
import { CARE_LEVELS, type CareLevel } from '../../domain/care-level';
import { canSeeCase } from '../../domain/staff-roles';
import { audit } from '../audit';
import { parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import {
  countyIdSchema,
  loadCareHomeDetail,
  loadCareHomesView,
  ownCounty,
  readableCounty,
  readableHome,
  requireCareHomeReader,
  type CareHomeBedLine,
} from '../routes/care-homes';
import type { ConsoleDeps } from './console-routes';

/** A blank choice of the county form is no choice. */
const blankIsAbsent = (value: unknown) => (value === '' ? undefined : value);

/** The page's query: the county, as the API takes it. */
const pageQuerySchema = z.object({ countyId: z.preprocess(blankIsAbsent, countyIdSchema.optional()) });

const BED_STATES: Record<CareHomeBedLine['state'], string> = {
  occupied: '已入住',
  held: '已预留（待确认）',
  free: '空闲',
};

const SCOPE_NOTES = {
  county: null,
  township: '仅显示本乡镇的供养机构；轮候名单仅含本乡镇人员。',
  home: '仅显示本机构的床位、入住人员和选择本机构的轮候人员。',
} as const;

const levelName = (level: CareLevel) => CARE_LEVELS[level] ?? level;

/** 0.6667 → 66.7%; a home without beds has no occupancy. */
const percent = (share: number | null) =>
  share === null ? '—' : `${(Math.round(share * 1000) / 10).toFixed(1)}%`;

/**
 * 供养机构: the county's care homes (beds free by care level, staff, occupancy, each bed's
 * occupant), its waiting list in line order with priority marked, and its centralised share
 * of 特困 people — each reader's part of it, as the API gives it (api/routes/care-homes.ts).
 */
export function careHomePageRoutes({ db }: ConsoleDeps): Router {
  const router = Router();

  router.get('/care-homes', async (req, res) => {
    const actor = requireActor(req.actor);
    requireCareHomeReader(actor);
    const q = parseInput(pageQuerySchema, req.query, 'query');
    const own = await ownCounty(db, actor);
    // Above county level (the prefecture's supervisors and administrators): pick a county.
    const counties = own
      ? []
      : await db.orgUnit.findMany({
          where: { level: 'COUNTY', path: { startsWith: actor.unitPath } },
          select: { id: true, name: true },
          orderBy: { id: 'asc' },
        });
    const picker = counties.map((c) => ({ ...c, selected: c.id === q.countyId }));
    if (!own && q.countyId === undefined)
      return res.render('care-homes', { title: '供养机构', counties: picker, needCounty: true });

    const county = await readableCounty(db, actor, q.countyId);
    const overview = await careHomesOverview(db, county.id);
    const view = await loadCareHomesView(db, actor, county, overview);
    const homes = await Promise.all(
      view.homes.map(async (home) =>
        loadCareHomeDetail(db, actor, await readableHome(db, actor, home.id), overview),
      ),
    );
    const villagePathOf = new Map([
      ...view.villagePathOf,
      ...homes.flatMap((home) => [...home.villagePathOf]),
    ]);
    // A case number links to the case for whoever may open it (not a care home's manager).
    const person = ({ name, caseNo }: { name: string; caseNo: string }) => {
      const path = villagePathOf.get(caseNo);
      return { name, caseNo, caseLink: path !== undefined && canSeeCase(actor, path) };
    };

    await audit(db, actor, 'read', 'careHomes', county.id, {
      homeIds: homes.map((home) => home.id),
      caseNos: [...villagePathOf.keys()],
    });
    res.render('care-homes', {
      title: `供养机构 · ${county.name}`,
      countyName: county.name,
      counties: picker,
      scopeNote: SCOPE_NOTES[view.scope],
      centralised: view.centralised && {
        ...view.centralised,
        share: percent(view.centralised.share),
      },
      homes: homes.map((home) => ({
        id: home.id,
        name: home.name,
        address: home.address,
        townshipName: home.townshipName,
        staffCount: home.staffCount,
        beds: home.beds,
        occupancy: percent(home.occupancy),
        levels: CARE_LEVEL_ORDER.map((level) => ({
          level,
          name: levelName(level),
          ...home.bedsByLevel[level],
        })),
        bedList: home.bedList.map((bed) => ({
          label: bed.label,
          careLevelName: levelName(bed.careLevel),
          state: bed.state,
          stateName: BED_STATES[bed.state],
          occupant: bed.occupant && person(bed.occupant),
        })),
      })),
      waiting: view.waitingList.map((line) => ({
        ...person(line),
        careLevelName: levelName(line.careLevel),
        priority: line.cannotLookAfterSelf,
        offered: line.status === 'OFFERED',
        position: line.position,
        preferredHomeName: line.preferredHomeName,
        requestedAt: line.requestedAt,
      })),
    });
  });

  return router;
}
