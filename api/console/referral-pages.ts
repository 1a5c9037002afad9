import { medicalCaseKey } from '../../activities/medical-referrals';
import { Router } from 'express';
import { REFERRAL_NO_PATTERN } from '../../domain/programmes';
import { audit } from '../audit';
import { z } from 'zod';
import { CASE_EVENT_TYPES } from '../../domain/case-steps';
import { chineseDate } from '../../domain/chinese-date';
import { maskIdCard } from '../../domain/id-card';
import { REFERRAL_RESULTS } from '../../domain/referral-decisions';
import { receivedByTownship, REFERRAL_KINDS, type ReferralKind } from '../../domain/referral-needs';
import { TEMPORARY_CAUSES, TEMPORARY_PATHS } from '../../domain/temporary-assistance';
import { VAGRANT_SEXES, type VagrantSex } from '../../domain/vagrant';
import type { Database } from '../../platform/database';
import { REFERRAL_ACTIONS, REFERRAL_STATUSES, type ReferralStatus } from '../../domain/referral-steps';
import { canSeeCase } from '../../domain/staff-roles';
import { localDateSchema } from '../../domain/step-decisions';
import { localDateOf } from '../../domain/working-days';
import { HttpError } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import { visibleReferrals } from '../referral-access';
import { loadReferralInbox } from '../referral-inbox';
import { referralSummaryByBureau } from '../referral-summaries';
import type { ConsoleDeps } from './console-routes';
import { daysLeftCounter } from './county-calendars';
import { availableReferralActions } from './referral-actions-available';

/** The same numbers the API takes: the case's number and the referral's counter. */
const referralParamsSchema = z.object({
  referralNo: z.string().regex(REFERRAL_NO_PATTERN, '转介编号格式不正确'),
});

/** A blank field of the filter form (the "all" option, an empty date) is no filter. */
const blankIsAbsent = (value: unknown) => (value === '' ? undefined : value);

const STATUS_VALUES = Object.keys(REFERRAL_STATUSES) as [ReferralStatus, ...ReferralStatus[]];

/** The inbox's filters as the page's GET form sends them. */
const inboxFilterSchema = z.object({
  status: z.preprocess(blankIsAbsent, z.enum(STATUS_VALUES, { error: '没有这个转介状态' }).optional()),
  overdue: z.preprocess(
    blankIsAbsent,
    z
      .enum(['true', 'false'], { error: '应为 true 或 false' })
      .transform((v) => v === 'true')
      .optional(),
  ),
  dueBefore: z.preprocess(blankIsAbsent, localDateSchema.optional()),
});

const FILTER_LABELS: Record<string, string> = { status: '状态', overdue: '仅看超期', dueBefore: '期限早于' };

/** The inbox shows this many at most; filters narrow it. */
const INBOX_LIMIT = 200;

const SOURCES: Record<string, string> = { proposed: '系统建议，乡镇确认', manual: '工作人员手动转介' };

const OUTCOME_NAMES: Record<string, string> = { ...REFERRAL_RESULTS, declined: '部门退回' };

/** 2027年1月5日 14:30, in the prefecture's time. */
const dateTime = (d: Date) =>
  `${chineseDate(d)} ${new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(11, 16)}`;

const kindName = (kind: string) => REFERRAL_KINDS[kind as ReferralKind]?.name ?? kind;

/** An event of the referral's timeline as staff read it: for 返乡转介, the township receives it. */
function eventName(type: string, kind: string): string {
  const name = CASE_EVENT_TYPES[type as keyof typeof CASE_EVENT_TYPES] ?? type;
  if (!receivedByTownship(kind)) return name;
  return type === 'referralSent' ? '转介至户籍地乡镇' : name.replace('部门', '乡镇');
}

/** Thrown, not rendered, so the refusal reaches the security log like every other. */
const notFound = () => new HttpError(404, 'not_found', '转介不存在：没有这个转介，或它不在您的办理范围内。');

/** What the department wrote as the outcome (or its reasons for declining), labelled. */
function presentOutcome(outcome: unknown) {
  if (!outcome || typeof outcome !== 'object') return null;
  const o = outcome as Record<string, unknown>;
  return { ...o, resultName: OUTCOME_NAMES[String(o.result)] ?? o.result };
}

/**
 * 返乡转介: who the station referred (name, masked ID number, sex, birth date or apparent age,
 * home address as told) and, while the township may complete it, its villages and the 临时救助
 * options for the forms that open a case.
 */
async function returnHomeFacts(db: Database, caseId: string, townshipId: string, forms: boolean) {
  const stay = await db.vagrantStay.findUnique({ where: { caseId }, include: { station: true } });
  if (!stay) return null;
  const villages = forms
    ? await db.orgUnit.findMany({
        where: { parentId: townshipId, level: 'VILLAGE' },
        select: { id: true, name: true },
        orderBy: { id: 'asc' },
      })
    : [];
  return {
    stationName: stay.station.name,
    personName: stay.personName,
    maskedId: stay.idNumber ? maskIdCard(stay.idNumber) : null,
    needsName: stay.personName === null,
    needsId: stay.idNumber === null,
    sexName: VAGRANT_SEXES[stay.sex as VagrantSex] ?? stay.sex,
    birthDate: stay.birthDate ? stay.birthDate.toISOString().slice(0, 10) : null,
    apparentAge: stay.apparentAge,
    homeAddress: stay.homeAddress ?? '',
    exitedAt: stay.exitedAt,
    villages,
    temporaryPaths: Object.entries(TEMPORARY_PATHS).map(([value, label]) => ({ value, label })),
    temporaryCauses: Object.entries(TEMPORARY_CAUSES).map(([value, label]) => ({ value, label })),
  };
}

/** 转介: the inbox with its per-bureau summary, and one referral with the forms the user may submit now. */
export function referralPageRoutes({ db }: ConsoleDeps): Router {
  const router = Router();

  router.get('/referrals', async (req, res) => {
    const actor = requireActor(req.actor);
    const parsed = inboxFilterSchema.safeParse(req.query);
    const raw = req.query as Record<string, unknown>;
    const statusOptions = (selected: unknown) =>
      STATUS_VALUES.map((value) => ({
        value,
        label: REFERRAL_STATUSES[value],
        selected: value === selected,
      }));
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => {
        const field = i.path.map(String).join('.') || '(query)';
        return { field, label: FILTER_LABELS[field.split('.')[0]!] ?? field, message: i.message };
      });
      return res.status(400).render('referrals', {
        title: '转介',
        problems,
        errors: Object.fromEntries(problems.map((p) => [p.field.split('.')[0], p.message])),
        filters: {
          statuses: statusOptions(raw.status),
          overdue: raw.overdue === 'true',
          dueBefore: typeof raw.dueBefore === 'string' ? raw.dueBefore : '',
        },
      });
    }
    const q = parsed.data;
    const [{ total, rows }, received] = await Promise.all([
      loadReferralInbox(
        db,
        actor,
        { statuses: q.status && [q.status], overdue: q.overdue, dueBefore: q.dueBefore },
        { take: INBOX_LIMIT },
      ),
      // The summary counts what the bureaus received, within the same visibility, unfiltered.
      referralSummaryByBureau(db, actor),
    ]);
    const daysLeft = daysLeftCounter(db);
    res.render('referrals', {
      title: '转介',
      filters: {
        statuses: statusOptions(q.status),
        overdue: q.overdue === true,
        dueBefore: q.dueBefore ?? '',
      },
      summary: received,
      total,
      truncated: total > rows.length,
      shown: rows.length,
      referrals: await Promise.all(
        rows.map(async (r) => ({
          referralNo: r.referralNo,
          caseNo: r.case.caseNo,
          applicantName: r.case.applicantName,
          memberName: r.memberName,
          kind: r.kind,
          receivingUnit: r.receivingUnit.name,
          status: r.status,
          dueAt: r.dueAt,
          overdue: r.overdue,
          daysLeft: await daysLeft(r.countyId, r.dueAt),
        })),
      ),
    });
  });

  router.get('/referrals/:referralNo', async (req, res) => {
    const actor = requireActor(req.actor);
    const params = referralParamsSchema.safeParse(req.params);
    if (!params.success) throw notFound();
    const { referralNo } = params.data;
    const found = await db.referral.findFirst({
      where: { AND: [{ referralNo }, visibleReferrals(actor)] },
      include: {
        receivingUnit: { select: { name: true, path: true } },
        case: {
          select: {
            caseNo: true,
            applicantName: true,
            household: { select: { address: true, village: { select: { name: true } }, members: true } },
          },
        },
        letters: { select: { id: true, title: true, createdAt: true }, orderBy: { createdAt: 'asc' } },
      },
    });
    // Out of jurisdiction answers exactly like "no such referral".
    if (!found) throw notFound();
    const events = await db.caseEvent.findMany({
      where: { caseId: found.caseId, payload: { path: ['referralNo'], equals: referralNo } },
      orderBy: { seq: 'asc' },
    });
    // 医疗救助: the case a serious-illness referral opened (activities/medical-referrals.ts).
    const medicalCase =
      found.kind === 'medicalAssistance'
        ? await db.case.findUnique({
            where: { idempotencyKey: medicalCaseKey(referralNo) },
            select: { caseNo: true },
          })
        : null;
    await audit(db, actor, 'read', 'referral', found.id);
    const member = found.case.household.members.find((m) => m.id === found.memberId);
    const { actions, completions } = availableReferralActions(actor, {
      status: found.status,
      kind: found.kind,
      department: found.department,
      memberId: found.memberId,
      villagePath: found.villagePath,
      receivingUnitPath: found.receivingUnit.path,
    });
    // 返乡转介: the person as the station recorded them, and the township's villages to open a case in.
    const returnHome = receivedByTownship(found.kind)
      ? await returnHomeFacts(db, found.caseId, found.receivingUnitId, completions.length > 0)
      : null;
    const openedCaseNo =
      found.outcome && typeof found.outcome === 'object' && 'caseNo' in found.outcome
        ? String((found.outcome as { caseNo: unknown }).caseNo)
        : null;
    res.render('referral', {
      title: `转介 ${found.referralNo}`,
      returnHome,
      openedCaseNo,
      openedCaseLink: openedCaseNo !== null && actor.role !== 'DEPARTMENT_OFFICER',
      r: {
        referralNo: found.referralNo,
        kind: found.kind,
        kindName: kindName(found.kind),
        department: found.department,
        receivingUnit: found.receivingUnit.name,
        status: found.status,
        reason: found.reason,
        sourceName: SOURCES[found.source] ?? found.source,
        dueAt: found.dueAt,
        acceptDueAt: found.acceptDueAt,
        completeDueAt: found.completeDueAt,
        overdue: found.overdue,
        handler: found.handler,
        proposedAt: found.proposedAt,
        sentAt: found.sentAt,
        acceptedAt: found.acceptedAt,
        endedAt: found.endedAt,
        outcome: presentOutcome(found.outcome),
      },
      caseNo: found.case.caseNo,
      caseLink: canSeeCase(actor, found.villagePath),
      medicalCaseNo: medicalCase?.caseNo ?? null,
      applicantName: found.case.applicantName,
      village: found.case.household.village.name,
      address: found.case.household.address,
      member: member && {
        name: member.name,
        maskedId: maskIdCard(member.idNumber),
        relation: member.relation,
      },
      memberName: found.memberName,
      letters: found.letters,
      timeline: events.map((e) => ({
        when: dateTime(e.occurredAt),
        typeName: eventName(e.type, found.kind),
        actorName: e.actorName,
        decision: e.decision && (OUTCOME_NAMES[e.decision] ?? e.decision),
        reasons: e.reasons,
      })),
      can: Object.fromEntries(actions.map((a) => [a, true])),
      hasForms: actions.length > 0,
      actionLabels: Object.fromEntries(Object.entries(REFERRAL_ACTIONS).map(([a, spec]) => [a, spec.label])),
      completions: Object.fromEntries(completions.map((c) => [c, true])),
      resultNames: REFERRAL_RESULTS,
      today: localDateOf(Date.now()),
    });
  });

  return router;
}
