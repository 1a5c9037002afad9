import {
  AGEING_BUCKETS,
  PROCESSING_BUCKETS,
  medianOfCounts,
  supportSplit,
  tallyByBucket,
  type AgeingBucketKey,
  type ProcessingBucketKey,
  type SupportSplit,
  type ValueCount,
} from '../../domain/case-ageing';
import { PROCEDURE_STEPS, type ProcedureStep } from '../../domain/case-steps';
import { OPEN_PROGRAMME_CODES, PROGRAMMES, type OpenProgrammeCode } from '../../domain/programmes';
import type { Actor } from '../../domain/staff-roles';
import { localDateOf } from '../../domain/working-days';
import type { Database } from '../../platform/database';
import { stepLabel } from '../console/case-forms';
import { referralSummaryByBureau, type BureauSummary } from '../referral-summaries';
import { scopedUnitOf, type CaseScope } from './case-scope';
import { decisionDays, lateGroups, openCases, tekunSupport } from './dashboard-figures';
import { disasterEventFigures, type DisasterEventFigures } from './disaster-figures';

export interface Counted<K extends string = string> {
  key: K;
  name: string;
  count: number;
}

/** 督办看板's figures, named in zh-CN: what the console page draws and GET /api/dashboard answers. */
export interface Dashboard {
  /** The local (UTC+8) date counted on. */
  asOf: string;
  programme: OpenProgrammeCode | null;
  totals: {
    open: number;
    overdue: number;
    overallOverdue: number;
    late: number;
    decided: number;
    medianProcessingDays: number | null;
  };
  /** Steps overdue, by step (a step shared by programmes under each of its names), township, county. */
  overdueByStep: Counted[];
  overdueByTownship: Counted[];
  overdueByCounty: Counted[];
  /** Steps overdue by working days overdue, on each county's calendar. */
  ageing: Counted<AgeingBucketKey>[];
  /** Decided applications by calendar days from application to decision. */
  processing: Counted<ProcessingBucketKey>[];
  /** Open cases (enrolled included) of every programme taking applications, or the one chosen. */
  openByProgramme: (Counted<OpenProgrammeCode> & { support: SupportSplit | null })[];
  /** Every county below the user's unit, with none open too. */
  openByCounty: Counted[];
  /** Per receiving bureau; null for a programme that does not refer. */
  referrals: BureauSummary[] | null;
  /**
   * 灾害救助: each open event with a county below the user's unit (none when another programme
   * is chosen): tally, people still relocated, supplies left, lists in progress, overdue steps.
   */
  disasterEvents: DisasterEventFigures[];
}

/** A step's name in each programme's words, every name of those counted. */
function stepNames(step: string, programmes: string[]): string {
  if (!step) return '—';
  const names = programmes.map((p) =>
    p in PROGRAMMES ? stepLabel(p, step) : (PROCEDURE_STEPS[step as ProcedureStep] ?? step),
  );
  return [...new Set(names.filter((n): n is string => n !== null))]
    .sort((a, b) => a.localeCompare(b))
    .join('／');
}

/** Most first, then by key. */
const byCount = (a: Counted, b: Counted) => b.count - a.count || a.key.localeCompare(b.key);

/**
 * The dashboard of the cases below the user's unit, for one programme or all, counted on the
 * local date of `now`; with the scope and the overdue steps by days, which the page's extension
 * list reads on from (GET /api/dashboard answers the rest).
 */
export async function loadDashboard(
  db: Database,
  actor: Actor,
  programme: OpenProgrammeCode | undefined,
  now = Date.now(),
): Promise<Dashboard & { scope: CaseScope | null; overdueByDays: ValueCount[] }> {
  const today = localDateOf(now);
  const { scope, countiesBelow } = await scopedUnitOf(db, actor);
  const q = { scope, programme, today };
  const showsTekun = programme === undefined || programme === 'TEKUN';
  const showsReferrals = programme === undefined || PROGRAMMES[programme].referrals;
  const showsDisasters = programme === undefined || programme === 'DISASTER';
  const [open, { groups: late, overdueByDays }, decided, support, referrals, disasterEvents] =
    await Promise.all([
      openCases(db, q),
      lateGroups(db, q),
      decisionDays(db, q),
      showsTekun ? tekunSupport(db, q) : null,
      showsReferrals ? referralSummaryByBureau(db, actor) : null,
      showsDisasters ? disasterEventFigures(db, scope) : [],
    ]);

  const overdueBy = (by: 'township' | 'county') =>
    late
      .filter((g) => g.by === by && g.overdue > 0)
      .map((g) => {
        const key = (by === 'township' ? g.townshipId : g.countyId) ?? '';
        return { key, name: g.unitName ?? key, count: g.overdue };
      })
      .sort(byCount);

  const stepGroups = new Map<string, { count: number; programmes: string[] }>();
  for (const g of late.filter((g) => g.by === 'step' && g.overdue > 0)) {
    const key = g.step ?? '';
    const group = stepGroups.get(key) ?? { count: 0, programmes: [] };
    group.count += g.overdue;
    group.programmes.push(g.programme!);
    stepGroups.set(key, group);
  }
  const total = late.find((g) => g.by === 'total');

  const sum = (rows: { cases: number }[]) => rows.reduce((n, r) => n + r.cases, 0);
  const openOf = (keep: (o: (typeof open)[number]) => boolean) => sum(open.filter(keep));
  const countyIds = new Set(countiesBelow.map((c) => c.id));

  return {
    scope,
    overdueByDays,
    asOf: today,
    programme: programme ?? null,
    totals: {
      open: sum(open),
      overdue: total?.overdue ?? 0,
      overallOverdue: total?.overallOverdue ?? 0,
      late: total?.late ?? 0,
      decided: decided.reduce((n, d) => n + d.decisions, 0),
      medianProcessingDays: medianOfCounts(decided.map((d) => ({ value: d.days, count: d.decisions }))),
    },
    overdueByStep: [...stepGroups.entries()]
      .map(([key, g]) => ({ key, name: stepNames(key, g.programmes), count: g.count }))
      .sort(byCount),
    overdueByTownship: overdueBy('township'),
    overdueByCounty: overdueBy('county'),
    ageing: tallyByBucket(AGEING_BUCKETS, overdueByDays).map(({ bucket, count }) => ({
      key: bucket.key,
      name: bucket.label,
      count,
    })),
    processing: tallyByBucket(
      PROCESSING_BUCKETS,
      decided.map((d) => ({ value: d.days, count: d.decisions })),
    ).map(({ bucket, count }) => ({ key: bucket.key, name: bucket.label, count })),
    openByProgramme: (programme ? [programme] : OPEN_PROGRAMME_CODES).map((code) => ({
      key: code,
      name: PROGRAMMES[code].name,
      count: openOf((o) => o.programme === code),
      support: code === 'TEKUN' && support ? supportSplit(support.supported, support.placed) : null,
    })),
    openByCounty: [
      ...countiesBelow.map((c) => ({ key: c.id, name: c.name, count: openOf((o) => o.countyId === c.id) })),
      // A case's county outside them (none) still shows.
      ...[...new Set(open.map((o) => o.countyId))]
        .filter((id) => !countyIds.has(id))
        .map((id) => ({ key: id, name: id, count: openOf((o) => o.countyId === id) })),
    ],
    referrals,
    disasterEvents,
  };
}
