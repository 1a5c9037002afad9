import type { Prisma } from '@prisma/client';
import { Router } from 'express';
import { z } from 'zod';
import {
  AGEING_BUCKETS,
  AGEING_BUCKET_KEYS,
  PROCESSING_BUCKETS,
  bucketOf,
  countByBucket,
  horizontalBars,
  processingDays,
  supportSplit,
  verticalBars,
  workingDaysOverdue,
} from '../../domain/case-ageing';
import { ENROLMENT_STATUSES, PROCEDURE_STEPS, type ProcedureStep } from '../../domain/case-steps';
import { calendarYearRows } from '../../domain/calendar-years';
import { chineseDate } from '../../domain/chinese-date';
import {
  OPEN_PROGRAMME_CODES,
  PROGRAMMES,
  type OpenProgrammeCode,
  type ProgrammeDefinition,
} from '../../domain/programmes';
import { median } from '../../domain/referral-summary';
import type { Actor } from '../../domain/staff-roles';
import { localDateOf } from '../../domain/working-days';
import type { Database } from '../../platform/database';
import { calendarYearCounts } from '../calendar-years';
import { HttpError } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import { referralSummaryByBureau } from '../referral-summaries';
import { stepLabel } from './case-forms';
import type { ConsoleDeps } from './console-routes';
import { daysLeftCounter } from './county-calendars';

/** Who may open the dashboard; only supervisors may also approve extensions (ACTION_ROLES). */
const DASHBOARD_ROLES: readonly Actor['role'][] = ['SUPERVISOR', 'ADMINISTRATOR'];

/** The longest-overdue steps offered for extension on the dashboard itself; the drill-down has all. */
const EXTENSIONS_ON_DASHBOARD = 20;

/** The drill-down lists this many cases at most; its filters narrow it. */
const DRILL_DOWN_LIMIT = 300;

/** Cases of households below the user's unit. */
const inScope = (actor: Actor): Prisma.CaseWhereInput => ({
  household: { village: { path: { startsWith: actor.unitPath } } },
});

/** The cases of one programme, or of all when none is chosen. */
const ofProgramme = (programme: OpenProgrammeCode | undefined): Prisma.CaseWhereInput =>
  programme ? { programmeCode: programme } : {};

const STEP_KEYS = Object.keys(PROCEDURE_STEPS) as [ProcedureStep, ...ProcedureStep[]];

const definitionOf = (code: string): ProgrammeDefinition | undefined =>
  (PROGRAMMES as Record<string, ProgrammeDefinition>)[code];

/** A step's name in its programme's words (特困 names some shared steps its own way). */
const stepText = (programmeCode: string, step: string | null, status?: string): string | null =>
  definitionOf(programmeCode)
    ? stepLabel(programmeCode, step, status)
    : step && (PROCEDURE_STEPS[step as ProcedureStep] ?? step);

/** A blank field of a filter form is no filter. */
const blankIsAbsent = (value: unknown) => (value === '' ? undefined : value);

/** 救助项目: one whose procedure exists; blank or `all` is every programme. */
const programmeFilter = z.preprocess(
  (value) => (value === '' || value === 'all' ? undefined : value),
  z
    .enum(OPEN_PROGRAMME_CODES, { error: `救助项目应为 all、${OPEN_PROGRAMME_CODES.join('、')} 之一` })
    .optional(),
);

const unknownKeys = {
  error: (issue: { code?: string }) => (issue.code === 'unrecognized_keys' ? '不认识的查询参数' : undefined),
};

/** The dashboard's own filter: the programme every figure is counted for. */
export const dashboardQuerySchema = z.strictObject({ programme: programmeFilter }, unknownKeys);

const flag = z.preprocess(
  blankIsAbsent,
  z
    .enum(['true', 'false'], { error: '应为 true 或 false' })
    .transform((v) => v === 'true')
    .optional(),
);

/** The drill-down's filters, as the dashboard's links send them. */
export const drillDownQuerySchema = z.strictObject(
  {
    step: z.preprocess(blankIsAbsent, z.enum(STEP_KEYS, { error: '没有这个环节' }).optional()),
    townshipId: z.preprocess(
      blankIsAbsent,
      z
        .string({ error: '乡镇代码应为 9 位数字' })
        .regex(/^\d{9}$/, '乡镇代码应为 9 位数字')
        .optional(),
    ),
    countyId: z.preprocess(
      blankIsAbsent,
      z
        .string({ error: '县（市）代码应为 6 位数字' })
        .regex(/^\d{6}$/, '县（市）代码应为 6 位数字')
        .optional(),
    ),
    programme: programmeFilter,
    overdue: flag,
    overallOverdue: flag,
    ageing: z.preprocess(
      blankIsAbsent,
      z.enum(AGEING_BUCKET_KEYS, { error: `超期时长应为 ${AGEING_BUCKET_KEYS.join('、')} 之一` }).optional(),
    ),
  },
  unknownKeys,
);

type DrillDownQuery = z.infer<typeof drillDownQuerySchema>;

const FILTER_LABELS: Record<string, string> = {
  step: '环节',
  townshipId: '乡镇',
  countyId: '县（市）',
  programme: '救助项目',
  overdue: '环节超期',
  overallOverdue: '超过办理总时限',
  ageing: '超期时长',
};

/** The drill-down's address for a set of filters. */
export function drillDownHref(filters: Partial<Record<keyof DrillDownQuery, string | boolean>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `/dashboard/cases?${query}` : '/dashboard/cases';
}

/** Names of the units with these ids. */
async function unitNames(db: Database, ids: Iterable<string>): Promise<Map<string, string>> {
  const units = await db.orgUnit.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: { id: true, name: true },
  });
  return new Map(units.map((u) => [u.id, u.name]));
}

/** Counts by a key, most first, then by key. */
function tally<K extends string>(keys: readonly K[]): { key: K; count: number }[] {
  const counts = new Map<K, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts.entries()]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** Thrown, not rendered, so the refusal reaches the security log like every other. */
const forbidden = () => new HttpError(403, 'forbidden', '督办看板仅供监督人员和系统管理员使用。');

/** A query's problems as the pages list them: the field (and its zh-CN name) and what is wrong. */
function problemsOf(error: z.ZodError) {
  return error.issues.map((i) => {
    const field =
      i.code === 'unrecognized_keys' ? i.keys.join('、') : i.path.map(String).join('.') || 'query';
    return { field, label: FILTER_LABELS[field] ?? null, message: i.message };
  });
}

/** An open case as the lists show it, with its working days left and overdue. */
async function presentCases(
  db: Database,
  rows: {
    caseNo: string;
    programmeCode: string;
    status: string;
    applicantName: string;
    countyId: string;
    townshipId: string;
    currentStep: string | null;
    dueAt: Date | null;
    overdue: boolean;
    overallOverdue: boolean;
    overallDueAt: Date | null;
    household: { village: { name: string } };
  }[],
) {
  const daysLeft = daysLeftCounter(db);
  return Promise.all(
    rows.map(async (c) => {
      const left = await daysLeft(c.countyId, c.dueAt);
      const overdueDays = c.overdue ? workingDaysOverdue(left, true) : 0;
      return {
        caseNo: c.caseNo,
        programme: c.programmeCode,
        programmeName: definitionOf(c.programmeCode)?.name ?? c.programmeCode,
        applicantName: c.applicantName,
        village: c.household.village.name,
        countyId: c.countyId,
        townshipId: c.townshipId,
        step: c.currentStep,
        stepText: stepText(c.programmeCode, c.currentStep, c.status),
        dueAt: c.dueAt,
        overallDueAt: c.overallDueAt,
        overdue: c.overdue,
        overallOverdue: c.overallOverdue,
        extendable: c.overdue || c.overallOverdue,
        daysLeft: left,
        overdueDays,
        ageing: (c.overdue ? bucketOf(AGEING_BUCKETS, overdueDays)?.key : undefined) ?? null,
      };
    }),
  );
}

const caseColumns = {
  caseNo: true,
  programmeCode: true,
  status: true,
  applicantName: true,
  countyId: true,
  townshipId: true,
  currentStep: true,
  dueAt: true,
  overdue: true,
  overallOverdue: true,
  overallDueAt: true,
  household: { select: { village: { select: { name: true } } } },
} satisfies Prisma.CaseSelect;

/**
 * 督办看板: overdue steps by step, township and county, how long they are overdue, how long
 * decided applications took, open cases by programme and county, the extensions a supervisor
 * approves, and the referral bureaus' figures. Cases of households below the user's unit only.
 */
export function dashboardRoutes(deps: ConsoleDeps): Router {
  const { db } = deps;
  const router = Router();

  router.get('/dashboard', async (req, res) => {
    const actor = requireActor(req.actor);
    if (!DASHBOARD_ROLES.includes(actor.role)) throw forbidden();
    const parsed = dashboardQuerySchema.safeParse(req.query);
    if (!parsed.success) {
      return res.status(400).render('dashboard', { title: '督办看板', problems: problemsOf(parsed.error) });
    }
    const { programme } = parsed.data;
    /** Every link to the drill-down keeps the programme chosen. */
    const drill = (filters: Parameters<typeof drillDownHref>[0]) => drillDownHref({ programme, ...filters });
    const scope: Prisma.CaseWhereInput = { AND: [inScope(actor), ofProgramme(programme)] };
    const open: Prisma.CaseWhereInput = { AND: [scope, { closedAt: null }] };
    // 特困 people being supported, as the care homes' page counts them (集中供养比例).
    const showsTekun = programme === undefined || programme === 'TEKUN';
    const supportedTekun: Prisma.CaseWhereInput = {
      AND: [open, { programmeCode: 'TEKUN', status: { in: [...ENROLMENT_STATUSES] } }],
    };
    const showsReferrals = programme === undefined || PROGRAMMES[programme].referrals;

    const [
      late,
      decided,
      byProgramme,
      byCounty,
      counties,
      programmes,
      referrals,
      supported,
      placed,
      calendarYears,
    ] = await Promise.all([
      db.case.findMany({
        where: { AND: [open, { OR: [{ overdue: true }, { overallOverdue: true }] }] },
        select: caseColumns,
        orderBy: [{ dueAt: 'asc' }, { caseNo: 'asc' }],
      }),
      db.caseEvent.findMany({
        where: { type: 'caseClosed', case: scope },
        select: { occurredAt: true, case: { select: { appliedAt: true } } },
      }),
      db.case.groupBy({ by: ['programmeCode'], where: open, _count: { _all: true } }),
      db.case.groupBy({ by: ['countyId'], where: open, _count: { _all: true } }),
      db.orgUnit.findMany({
        where: { level: 'COUNTY', path: { startsWith: actor.unitPath } },
        select: { id: true, name: true },
        orderBy: { id: 'asc' },
      }),
      db.programme.findMany({ select: { code: true, name: true } }),
      showsReferrals ? referralSummaryByBureau(db, actor) : [],
      showsTekun
        ? db.householdMember.count({ where: { household: { cases: { some: supportedTekun } } } })
        : 0,
      showsTekun
        ? db.carePlacement.findMany({
            where: { status: 'PLACED', case: supportedTekun },
            distinct: ['personId'],
            select: { personId: true },
          })
        : [],
      calendarYearCounts(db),
    ]);

    const lateCases = await presentCases(db, late);
    const overdue = lateCases.filter((c) => c.overdue);
    const names = await unitNames(db, [
      ...lateCases.flatMap((c) => [c.countyId, c.townshipId]),
      ...byCounty.map((c) => c.countyId),
    ]);
    const nameOf = (id: string) => names.get(id) ?? id;

    // A step shared by programmes may be named differently by each: every name of those counted.
    const overdueByStep = tally(overdue.map((c) => c.step ?? '')).map(({ key, count }) => ({
      key,
      name: key
        ? [...new Set(overdue.filter((c) => c.step === key).map((c) => c.stepText ?? key))]
            .sort((a, b) => a.localeCompare(b))
            .join('／')
        : '—',
      count,
      href: drill({ overdue: true, step: key }),
    }));
    const overdueByTownship = tally(overdue.map((c) => c.townshipId)).map(({ key, count }) => ({
      key,
      name: nameOf(key),
      count,
      href: drill({ overdue: true, townshipId: key }),
    }));
    const overdueByCounty = tally(overdue.map((c) => c.countyId)).map(({ key, count }) => ({
      key,
      name: nameOf(key),
      count,
      href: drill({ overdue: true, countyId: key }),
    }));

    const ageing = countByBucket(
      AGEING_BUCKETS,
      overdue.map((c) => c.overdueDays),
    ).map(({ bucket, count }) => ({
      key: bucket.key,
      name: bucket.label,
      count,
      href: drill({ overdue: true, ageing: bucket.key }),
    }));

    const days = decided.map((e) => processingDays(e.case.appliedAt, e.occurredAt));
    const processing = countByBucket(PROCESSING_BUCKETS, days).map(({ bucket, count }) => ({
      key: bucket.key,
      name: bucket.label,
      count,
    }));

    const programmeName = new Map(programmes.map((p) => [p.code as string, p.name]));
    const openByCounty = new Map(byCounty.map((c) => [c.countyId, c._count._all]));
    const openByProgramme = new Map(byProgramme.map((p) => [p.programmeCode as string, p._count._all]));
    // Every county below the unit, with none open too; a case's county outside them (none) still shows.
    const countyRows = [
      ...counties.map((c) => ({ id: c.id, name: c.name })),
      ...byCounty
        .filter((c) => !counties.some((u) => u.id === c.countyId))
        .map((c) => ({ id: c.countyId, name: nameOf(c.countyId) })),
    ];

    // 未办结案件按救助项目: every programme open for applications (or the one chosen), with 特困's 供养方式.
    const tekunSplit = supportSplit(supported, placed.length);
    const openProgrammes = (programme ? [programme] : OPEN_PROGRAMME_CODES).map((code) => ({
      key: code,
      name: PROGRAMMES[code].name,
      count: openByProgramme.get(code) ?? 0,
      href: drillDownHref({ programme: code }),
      support:
        code === 'TEKUN'
          ? {
              ...tekunSplit,
              share: tekunSplit.share === null ? '—' : `${Math.round(tekunSplit.share * 100)}%`,
            }
          : null,
    }));

    const extensions = [...lateCases]
      .sort((a, b) => b.overdueDays - a.overdueDays || a.caseNo.localeCompare(b.caseNo))
      .slice(0, EXTENSIONS_ON_DASHBOARD);

    res.render('dashboard', {
      title: '督办看板',
      asOf: chineseDate(Date.now()),
      canExtend: actor.role === 'SUPERVISOR',
      programme: programme ?? null,
      programmeName: programme ? PROGRAMMES[programme].name : null,
      programmeOptions: OPEN_PROGRAMME_CODES.map((code) => ({
        code,
        name: PROGRAMMES[code].name,
        selected: code === programme,
      })),
      here: programme ? `/dashboard?${new URLSearchParams({ programme })}` : '/dashboard',
      totals: {
        open: byProgramme.reduce((sum, p) => sum + p._count._all, 0),
        overdue: overdue.length,
        overallOverdue: lateCases.filter((c) => c.overallOverdue).length,
        late: lateCases.length,
        decided: days.length,
        medianDays: median(days) ?? '—',
      },
      links: {
        overdue: drill({ overdue: true }),
        overallOverdue: drill({ overallOverdue: true }),
        open: drill({}),
      },
      overdueByStep,
      overdueByTownship,
      overdueByCounty,
      ageing,
      ageingChart: verticalBars(
        '超期环节的超期时长（工作日）',
        ageing.map((a) => ({ label: a.name, value: a.count, href: a.href })),
      ),
      processing,
      processingChart: verticalBars(
        '已办结申请的办理用时（自然日）',
        processing.map((p) => ({ label: p.name, value: p.count })),
      ),
      openProgrammes,
      programmeChart: horizontalBars(
        '未办结案件（含在保）按救助项目',
        byProgramme
          .map((p) => ({ code: p.programmeCode, count: p._count._all }))
          .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code))
          .map((p) => ({
            label: programmeName.get(p.code) ?? p.code,
            value: p.count,
            href: drillDownHref({ programme: p.code }),
          })),
      ),
      countyChart: horizontalBars(
        '未办结案件（含在保）按县（市）',
        countyRows.map((c) => ({
          label: c.name,
          value: openByCounty.get(c.id) ?? 0,
          href: drill({ countyId: c.id }),
        })),
      ),
      extensions,
      moreLate: lateCases.length > extensions.length,
      showsReferrals,
      calendarYears: calendarYearRows(calendarYears, localDateOf(Date.now())),
      referrals: referrals.map((r) => ({
        ...r,
        hoursToAccept: r.medianHoursToAccept ?? '—',
        hoursToComplete: r.medianHoursToComplete ?? '—',
      })),
    });
  });

  router.get('/dashboard/cases', async (req, res) => {
    const actor = requireActor(req.actor);
    if (!DASHBOARD_ROLES.includes(actor.role)) throw forbidden();
    const parsed = drillDownQuerySchema.safeParse(req.query);
    if (!parsed.success) {
      return res
        .status(400)
        .render('dashboard-cases', { title: '督办明细', problems: problemsOf(parsed.error) });
    }
    const q = parsed.data;
    // An ageing bucket is a range of overdue steps.
    const overdue = q.ageing ? true : q.overdue;
    const where: Prisma.CaseWhereInput = {
      AND: [
        inScope(actor),
        { closedAt: null },
        q.step ? { currentStep: q.step } : {},
        q.townshipId ? { townshipId: q.townshipId } : {},
        q.countyId ? { countyId: q.countyId } : {},
        q.programme ? { programmeCode: q.programme } : {},
        overdue === undefined ? {} : { overdue },
        q.overallOverdue === undefined ? {} : { overallOverdue: q.overallOverdue },
      ],
    };
    const rows = await db.case.findMany({
      where,
      select: caseColumns,
      orderBy: [{ dueAt: { sort: 'asc', nulls: 'last' } }, { caseNo: 'asc' }],
      // The ageing is counted here, not in the database: read every candidate then.
      ...(q.ageing ? {} : { take: DRILL_DOWN_LIMIT + 1 }),
    });
    const [presented, names] = await Promise.all([
      presentCases(db, rows),
      unitNames(
        db,
        [q.townshipId, q.countyId].filter((id): id is string => id !== undefined),
      ),
    ]);
    const matching = presented.filter((c) => !q.ageing || c.ageing === q.ageing);
    const cases = matching.slice(0, DRILL_DOWN_LIMIT);
    const filters = [
      q.step && {
        label: FILTER_LABELS.step,
        value: q.programme ? stepText(q.programme, q.step) : PROCEDURE_STEPS[q.step],
      },
      q.townshipId && { label: FILTER_LABELS.townshipId, value: names.get(q.townshipId) ?? q.townshipId },
      q.countyId && { label: FILTER_LABELS.countyId, value: names.get(q.countyId) ?? q.countyId },
      q.programme && { label: FILTER_LABELS.programme, value: PROGRAMMES[q.programme].name },
      overdue !== undefined && { label: FILTER_LABELS.overdue, value: overdue ? '是' : '否' },
      q.overallOverdue !== undefined && {
        label: FILTER_LABELS.overallOverdue,
        value: q.overallOverdue ? '是' : '否',
      },
      q.ageing && {
        label: FILTER_LABELS.ageing,
        value: AGEING_BUCKETS.find((b) => b.key === q.ageing)?.label ?? q.ageing,
      },
    ].filter(Boolean);
    res.render('dashboard-cases', {
      title: '督办明细',
      filters,
      cases,
      total: matching.length,
      truncated: matching.length > DRILL_DOWN_LIMIT,
      limit: DRILL_DOWN_LIMIT,
      canExtend: actor.role === 'SUPERVISOR',
      here: drillDownHref(q),
    });
  });

  return router;
}
