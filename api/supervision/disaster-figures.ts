import { Prisma } from '@prisma/client';
import { DISASTER_KINDS, responseLevelName, type DisasterKind } from '../../domain/disaster';
import { DISASTER_LIST_KINDS, type DisasterListKind } from '../../domain/disaster-lists';
import type { Database } from '../../platform/database';
import { scopeCondition, type CaseScope } from './case-scope';

/**
 * 灾害救助 on the dashboards: each open event with a county in the reader's scope, its tally, the
 * people still relocated, the supplies left in its counties, its village lists 名单 by kind and
 * phase with the households kept and the amounts approved and put on the roster, and its overdue
 * steps. Each figure is one SQL statement grouped in the database (per event, kind, phase or
 * item), never a loop over cases; every one keeps to the scope (counties, and a township's or a
 * village's own rows).
 */

/** Where a list stands: its open step, or how it ended. */
export const LIST_PHASES = {
  appraisal: '民主评议',
  notice: '公示',
  townshipReview: '乡镇审核',
  countyApproval: '县级审批',
  approved: '已批准',
  refused: '未通过',
} as const;

export type ListPhase = keyof typeof LIST_PHASES;

const IN_PROGRESS: readonly ListPhase[] = ['appraisal', 'notice', 'townshipReview', 'countyApproval'];

export interface EventTally {
  /** Villages reporting (the latest report of each counts). */
  villages: number;
  affected: number;
  relocated: number;
  dead: number;
  missing: number;
  housesCollapsed: number;
  housesDamaged: number;
  directLossYuan: number;
}

export interface EventListFigures {
  kind: DisasterListKind;
  kindName: string;
  /** Lists of the kind in each phase (every phase, 0 included). */
  phases: Record<ListPhase, number>;
  inProgress: number;
  /** Households on the lists not taken off by a step, so far. */
  householdsKept: number;
  approvedYuan: number;
  /** On the roster (BenefitPayment rows, which the payment roll pays). */
  paidYuan: number;
}

export interface DisasterEventFigures {
  eventId: string;
  name: string;
  kind: DisasterKind;
  kindName: string;
  responseLevel: number;
  responseLevelName: string;
  occurredOn: string;
  tally: EventTally;
  /** People at the event's relocation sites now (their occupancy). */
  stillRelocated: number;
  /** The reserves left in the event's counties, by item and unit. */
  supplies: { item: string; unit: string; quantity: number }[];
  /** Per list kind proposed for the event. */
  lists: EventListFigures[];
  listsInProgress: number;
  /** Steps overdue now: of its lists, and of the transitional aid of the people relocated. */
  overdue: { lists: number; aid: number; total: number };
}

const yuan = (text: string | null) => (text === null ? 0 : Math.round(Number(text) * 100) / 100);

/** The scope on a table's county and township columns (a village's reader sees its township's). */
function countyTownship(scope: CaseScope, alias: string): Prisma.Sql {
  return scopeCondition({ countyIds: scope.countyIds, townshipId: scope.townshipId }, alias);
}

/** The figures of every open event hitting a county in the scope, newest first. */
export async function disasterEventFigures(
  db: Database,
  scope: CaseScope | null,
): Promise<DisasterEventFigures[]> {
  if (!scope || scope.countyIds.length === 0) return [];
  const counties = Prisma.join(scope.countyIds);
  const openEvent = Prisma.sql`e."closedAt" IS NULL`;
  // The reports of the scope: its counties, and a township's or village's own villages.
  const reportScope = Prisma.join(
    [
      Prisma.sql`r."countyId" IN (${counties})`,
      scope.townshipId ? Prisma.sql`v."parentId" = ${scope.townshipId}` : null,
      scope.villageId ? Prisma.sql`r."villageId" = ${scope.villageId}` : null,
    ].filter((c): c is Prisma.Sql => c !== null),
    ' AND ',
  );
  const events = await db.$queryRaw<
    { id: string; name: string; kind: string; responseLevel: number; occurredOn: Date }[]
  >`
    SELECT e.id, e.name, e.kind::text AS kind, e."responseLevel", e."occurredOn"
    FROM "DisasterEvent" e
    WHERE ${openEvent}
      AND EXISTS (SELECT 1 FROM "DisasterEventCounty" ec WHERE ec."eventId" = e.id AND ec."countyId" IN (${counties}))
    ORDER BY e."occurredOn" DESC, e."createdAt" DESC`;
  // Most days no event is open: the dashboard then asks nothing more.
  if (events.length === 0) return [];
  const [tallies, relocated, supplies, phases, households, overdue] = await Promise.all([
    db.$queryRaw<(Omit<EventTally, 'directLossYuan'> & { eventId: string; directLossYuan: string | null })[]>`
      SELECT x."eventId", count(*)::int AS villages, sum(x.affected)::int AS affected,
             sum(x.relocated)::int AS relocated, sum(x.dead)::int AS dead, sum(x.missing)::int AS missing,
             sum(x."housesCollapsed")::int AS "housesCollapsed", sum(x."housesDamaged")::int AS "housesDamaged",
             sum(x."directLossYuan")::text AS "directLossYuan"
      FROM (
        SELECT DISTINCT ON (r."eventId", r."villageId") r.*
        FROM "DisasterReport" r
        JOIN "DisasterEvent" e ON e.id = r."eventId" AND ${openEvent}
        JOIN "OrgUnit" v ON v.id = r."villageId"
        WHERE ${reportScope}
        ORDER BY r."eventId", r."villageId", r."reportedOn" DESC, r."createdAt" DESC
      ) x
      GROUP BY 1`,
    db.$queryRaw<{ eventId: string; people: number }[]>`
      SELECT s."eventId", sum(s.occupancy)::int AS people
      FROM "RelocationSite" s JOIN "DisasterEvent" e ON e.id = s."eventId" AND ${openEvent}
      WHERE ${countyTownship(scope, 's')}
      GROUP BY 1`,
    db.$queryRaw<{ eventId: string; item: string; unit: string; quantity: number }[]>`
      SELECT ec."eventId", st.item, st.unit, sum(st.quantity)::int AS quantity
      FROM "ReliefStock" st
      JOIN "DisasterEventCounty" ec ON ec."countyId" = st."countyId"
      JOIN "DisasterEvent" e ON e.id = ec."eventId" AND ${openEvent}
      WHERE st."countyId" IN (${counties})
      GROUP BY 1, 2, 3
      ORDER BY 1, 2, 3`,
    db.$queryRaw<{ eventId: string; kind: string; phase: ListPhase; lists: number }[]>`
      SELECT l."eventId", l.kind,
             CASE WHEN c."closedAt" IS NOT NULL AND c.status = 'GRANTED' THEN 'approved'
                  WHEN c."closedAt" IS NOT NULL THEN 'refused'
                  WHEN c."currentStep" IN ('publicNotice', 'objectionReview') THEN 'notice'
                  WHEN c."currentStep" IN ('townshipReview', 'countyApproval') THEN c."currentStep"
                  ELSE 'appraisal' END AS phase,
             count(*)::int AS lists
      FROM "DisasterList" l
      JOIN "Case" c ON c.id = l."caseId"
      JOIN "DisasterEvent" e ON e.id = l."eventId" AND ${openEvent}
      WHERE ${scopeCondition(scope, 'l')}
      GROUP BY 1, 2, 3`,
    // Kept: not taken off at approval (the row) nor by a step still under way (the list case's facts).
    db.$queryRaw<
      { eventId: string; kind: string; kept: number; approved: string | null; paid: string | null }[]
    >`
      SELECT l."eventId", l.kind,
             (count(*) FILTER (WHERE h."removedWhy" IS NULL AND NOT EXISTS (
                SELECT 1 FROM jsonb_array_elements(coalesce(c."programmeFacts" -> 'removed', '[]'::jsonb)) r
                WHERE r ->> 'householdId' = h.id)))::int AS kept,
             sum(h."approvedYuan")::text AS approved,
             sum(p.paid)::text AS paid
      FROM "DisasterList" l
      JOIN "Case" c ON c.id = l."caseId"
      JOIN "DisasterEvent" e ON e.id = l."eventId" AND ${openEvent}
      JOIN "DisasterListHousehold" h ON h."listId" = l.id
      LEFT JOIN LATERAL (
        SELECT sum(b."amountYuan") AS paid FROM "BenefitPayment" b WHERE b."caseId" = h."caseId"
      ) p ON TRUE
      WHERE ${scopeCondition(scope, 'l')}
      GROUP BY 1, 2`,
    db.$queryRaw<{ eventId: string; source: 'list' | 'aid'; steps: number }[]>`
      SELECT x."eventId", x.source, count(*)::int AS steps
      FROM (
        SELECT l."eventId", 'list' AS source
        FROM "DisasterList" l JOIN "Case" c ON c.id = l."caseId"
        WHERE c.overdue AND c."closedAt" IS NULL AND ${scopeCondition(scope)}
        UNION ALL
        SELECT p."eventId", 'aid' AS source
        FROM "RelocatedPerson" p JOIN "Case" c ON c.id = p."caseId"
        WHERE c.overdue AND c."closedAt" IS NULL AND ${scopeCondition(scope)}
      ) x
      JOIN "DisasterEvent" e ON e.id = x."eventId" AND ${openEvent}
      GROUP BY 1, 2`,
  ]);

  return events.map((e) => {
    const t = tallies.find((r) => r.eventId === e.id);
    const kinds = [
      ...new Set([...phases, ...households].filter((r) => r.eventId === e.id).map((r) => r.kind)),
    ].sort() as DisasterListKind[];
    const lists = kinds.map((kind) => {
      const counted = Object.fromEntries(
        (Object.keys(LIST_PHASES) as ListPhase[]).map((phase) => [
          phase,
          phases.find((p) => p.eventId === e.id && p.kind === kind && p.phase === phase)?.lists ?? 0,
        ]),
      ) as Record<ListPhase, number>;
      const h = households.find((r) => r.eventId === e.id && r.kind === kind);
      return {
        kind,
        kindName: DISASTER_LIST_KINDS[kind],
        phases: counted,
        inProgress: IN_PROGRESS.reduce((n, phase) => n + counted[phase], 0),
        householdsKept: h?.kept ?? 0,
        approvedYuan: yuan(h?.approved ?? null),
        paidYuan: yuan(h?.paid ?? null),
      };
    });
    const overdueOf = (source: 'list' | 'aid') =>
      overdue.find((o) => o.eventId === e.id && o.source === source)?.steps ?? 0;
    return {
      eventId: e.id,
      name: e.name,
      kind: e.kind as DisasterKind,
      kindName: DISASTER_KINDS[e.kind as DisasterKind],
      responseLevel: e.responseLevel,
      responseLevelName: responseLevelName(e.responseLevel),
      occurredOn: e.occurredOn.toISOString().slice(0, 10),
      tally: {
        villages: t?.villages ?? 0,
        affected: t?.affected ?? 0,
        relocated: t?.relocated ?? 0,
        dead: t?.dead ?? 0,
        missing: t?.missing ?? 0,
        housesCollapsed: t?.housesCollapsed ?? 0,
        housesDamaged: t?.housesDamaged ?? 0,
        directLossYuan: yuan(t?.directLossYuan ?? null),
      },
      stillRelocated: relocated.find((r) => r.eventId === e.id)?.people ?? 0,
      supplies: supplies
        .filter((s) => s.eventId === e.id)
        .map(({ item, unit, quantity }) => ({ item, unit, quantity })),
      lists,
      listsInProgress: lists.reduce((n, l) => n + l.inProgress, 0),
      overdue: {
        lists: overdueOf('list'),
        aid: overdueOf('aid'),
        total: overdueOf('list') + overdueOf('aid'),
      },
    };
  });
}
