import { maskedAccount } from '../../domain/bank-accounts';
import { ageOn } from '../../domain/household';
import { localDateOf } from '../../domain/working-days';
import { Router } from 'express';
import { audit } from '../audit';
import { loadedCalendarYears } from '../calendar-years';
import { householdsStillListed } from '../disaster-lists';
import { householdCases } from '../household-cases';
import { mayReviewPossibleDuplicates } from '../possible-duplicate-review';
import {
  POSSIBLE_DUPLICATE_KINDS,
  POSSIBLE_DUPLICATE_STATUSES,
  presentPossibleDuplicate,
} from '../possible-duplicates';
import { z } from 'zod';
import { PLACEMENT_END_REASONS } from '../../domain/care-home-queue';
import {
  CARE_LEVELS,
  DAILY_LIVING_ITEMS,
  type CareLevel,
  type DailyLivingItem,
} from '../../domain/care-level';
import { CASE_EVENT_TYPES, CASE_STATUSES, type CaseStatus } from '../../domain/case-steps';
import { DECISION_NAMES } from '../../domain/decision-names';
import { maskIdCard } from '../../domain/id-card';
import { INCOME_KINDS } from '../../domain/income';
import { CHANGE_KINDS } from '../../domain/enrolment-decisions';
import { programmeOf, statusLabel } from '../../domain/programmes';
import { REFERRAL_KINDS } from '../../domain/referral-needs';
import { canSeeCase, type Actor } from '../../domain/staff-roles';
import type { SupportMode } from '../../domain/tekun-decisions';
import { SUPPORTER_RELATIONS, UNABLE_REASONS, type Supporter } from '../../domain/tekun-eligibility';
import { TERMINATION_REASONS, terminationRequestSchema } from '../../domain/tekun-termination';
import type { Database } from '../../platform/database';
import { HttpError, parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import { visibleReferrals } from '../referral-access';
import { findVisibleCase } from '../routes/cases';
import { caseRefSchema } from '../schemas/case-application';
import { actionLabel, availableForms, formPartial, stepLabel } from './case-forms';
import { deadlinesWithoutCalendar } from '../../domain/deadline-calendar';
import { TEMPORARY_CAUSES, TEMPORARY_PATHS } from '../../domain/temporary-assistance';
import { assertPendingDibao } from '../temporary-from-case';
import { economicCheckSection } from './economic-check-pages';

const options = (table: Record<string, string | { name: string }>) =>
  Object.entries(table).map(([value, label]) => ({
    value,
    label: typeof label === 'string' ? label : label.name,
  }));

type CaseEvent = {
  type: string;
  step: string | null;
  decision: string | null;
  payload: unknown;
};

/** Whether the investigation open now has its start recorded (开始入户调查); events in order. */
function investigationStarted(events: CaseEvent[]): boolean {
  const opened = events.map((e) => e.type === 'stepOpened' && e.step === 'investigation').lastIndexOf(true);
  return opened >= 0 && events.slice(opened).some((e) => e.type === 'investigationStarted');
}

/** Refused, and its letter not yet recorded as served (送达); events in order. */
function refusalLetterOwed(status: string, events: CaseEvent[]): boolean {
  return status === 'REFUSED' && !events.some((e) => e.type === 'refusalLetterServed');
}

/** The decision event of a step, latest first: its payload is the record staff filed. */
function lastDecision<T>(events: CaseEvent[], steps: string[]) {
  const found = [...events]
    .reverse()
    .find((e) => e.type === 'stepDecided' && e.step && steps.includes(e.step));
  return (found?.payload ?? null) as T | null;
}

interface InvestigationRecord {
  outcome?: string;
  incomes?: { memberId: string; kind: keyof typeof INCOME_KINDS; amountYuan: number; period: string }[];
  assets?: { depositsYuan: number; vehicles: number; homes: number; registeredBusiness: boolean };
  circumstances?: { housing: string; legalNeed: string | null; medicalCostsYuan: number };
  dataCheck?: { reportNo: string; result: string };
  homeVisit?: { visitedOn: string; visitors: string[] };
}

// ── 特困 ────────────────────────────────────────────────────────────────────

const SUPPORT_MODES = { centralised: '集中供养', dispersed: '分散供养' } as const;

/** Decision codes the 特困 procedure writes, in zh-CN; by step where a code means another thing elsewhere. */
const TEKUN_DECISIONS: Record<string, string> = {
  ...SUPPORT_MODES,
  ...CARE_LEVELS,
  ...TERMINATION_REASONS,
  ...PLACEMENT_END_REASONS,
  care: '生活自理能力变化',
  transferRefused: '未能转院',
  declined: '放弃床位',
  lapsed: '逾期未确认',
  refuse: '不予认定',
  confirm: '审核确认',
  enrolled: '认定为特困人员',
};
const TEKUN_STEP_DECISIONS: Record<string, Record<string, string>> = {
  bedOfferAnswer: { accept: '接受床位', decline: '放弃床位' },
  terminationObjectionReview: { dismiss: '异议不成立，继续终止', uphold: '异议成立，撤销终止' },
};

function decisionText(family: string, e: CaseEvent): string | null {
  const code = e.decision;
  if (!code) return null;
  if (family === 'tekun') {
    if (e.type === 'placed') return '入住';
    if (e.type === 'waitingListed') return `轮候第 ${code} 位`;
    if (e.type === 'referralOnExitProposed')
      return code
        .split(',')
        .map((k) => (k === 'dibao' ? '最低生活保障' : k === 'temporary' ? '临时救助' : k))
        .join('、');
    const byStep = e.step ? TEKUN_STEP_DECISIONS[e.step]?.[code] : undefined;
    if (byStep) return byStep;
    if (code in TEKUN_DECISIONS) return TEKUN_DECISIONS[code]!;
  }
  return DECISION_NAMES[code] ?? code;
}

interface TekunAssessmentRecord {
  eligible: boolean;
  reasons: { code: string; text: string }[];
  labourCapacityReason: { code: string; text: string } | null;
  careLevel: CareLevel;
  support: { basicLivingYuan: number; careYuan: number; totalYuan: number } | null;
}

interface TekunInvestigationRecord {
  homeVisit?: { visitedOn: string; visitors: string[] };
  ownIncomeMonthlyYuan?: number;
  assets?: { depositsYuan: number; vehicles: number; homes: number };
  supporters?: Supporter[];
  careAssessment?: {
    items: Record<DailyLivingItem, 'able' | 'unable'>;
    assessedOn: string;
    assessors: string[];
  };
  supportMode?: SupportMode;
  note?: string;
}

interface Placement {
  homeId: string;
  homeName: string;
  bedLabel: string;
}

/**
 * What a 特困 case page shows of the person's support, read from the event log in order: the
 * care level and the amount's breakdown (investigation, annual review, reassessment), the
 * support mode and the carer (investigation, enrolment, 变更供养方式), the care home and bed or
 * the place in line (入住 / 轮候 / 离院).
 */
function tekunSummary(events: CaseEvent[], homeNames: Map<string, string>) {
  let assessment: TekunAssessmentRecord | null = null;
  let careLevel: CareLevel | null = null;
  let support: TekunAssessmentRecord['support'] = null;
  let report: TekunInvestigationRecord | null = null;
  let mode: SupportMode | null = null;
  let placement: Placement | null = null;
  let waitingPosition: string | null = null;
  for (const e of events) {
    const payload = (e.payload ?? {}) as Record<string, unknown>;
    switch (e.type) {
      case 'assessmentComputed': {
        assessment = payload as unknown as TekunAssessmentRecord;
        careLevel = assessment.careLevel ?? careLevel;
        support = assessment.support ?? support;
        break;
      }
      case 'stepDecided':
        if (e.step === 'tekunInvestigation' || e.step === 'tekunReview') {
          const filed = payload as TekunInvestigationRecord;
          report = { ...(report ?? {}), ...filed };
          if (filed.supportMode) mode = filed.supportMode;
        }
        if (e.step === 'careReassessment') {
          if (e.decision && e.decision in CARE_LEVELS) careLevel = e.decision as CareLevel;
          const reassessed = payload as NonNullable<TekunInvestigationRecord['careAssessment']>;
          if (reassessed.items) report = { ...(report ?? {}), careAssessment: reassessed };
        }
        break;
      case 'reviewCompleted':
        if (payload.support) support = payload.support as TekunAssessmentRecord['support'];
        break;
      case 'enrolmentStarted':
        if (payload.supportMode && typeof payload.supportMode === 'object')
          mode = payload.supportMode as SupportMode;
        break;
      case 'supportArranged':
        if (e.decision === 'centralised' || e.decision === 'dispersed') {
          mode = payload as unknown as SupportMode;
          if (mode.mode === 'dispersed') waitingPosition = null;
        }
        break;
      case 'placed':
        placement = payload as unknown as Placement;
        waitingPosition = null;
        break;
      case 'waitingListed':
        waitingPosition = e.decision;
        break;
      case 'placementEnded':
        placement = null;
        break;
    }
  }
  const items = report?.careAssessment?.items;
  return {
    careLevel: careLevel && CARE_LEVELS[careLevel],
    support,
    eligibility: assessment && {
      eligible: assessment.eligible,
      ground: assessment.labourCapacityReason?.text ?? null,
      reasons: (assessment.reasons ?? []).map((r) => r.text),
    },
    mode: mode && {
      mode: mode.mode,
      label: SUPPORT_MODES[mode.mode],
      carer: mode.mode === 'dispersed' ? mode.careAgreement : null,
      preferredHome:
        mode.mode === 'centralised' && mode.preferredHomeId
          ? (homeNames.get(mode.preferredHomeId) ?? mode.preferredHomeId)
          : null,
      placement,
      waitingPosition,
    },
    investigation: report && {
      ...report,
      supporters: (report.supporters ?? []).map((s) => ({
        ...s,
        relationText: SUPPORTER_RELATIONS[s.relation] ?? s.relation,
        unableReasonText: s.unableReason ? UNABLE_REASONS[s.unableReason] : null,
      })),
      careItems: items
        ? (Object.keys(DAILY_LIVING_ITEMS) as DailyLivingItem[]).map((item) => ({
            label: DAILY_LIVING_ITEMS[item],
            able: items[item] === 'able',
          }))
        : [],
    },
  };
}

/** Field names of the termination variants, in zh-CN; dates are the fields ending in On (or of death). */
const TERMINATION_FIELD_LABELS: Record<string, string> = {
  dateOfDeath: '死亡日期',
  declaredMissingOn: '宣告失踪日期',
  imprisonedOn: '收监服刑日期',
  occurredOn: '发生日期',
  supporterName: '具备能力的义务人姓名',
};

/** One form per 终止 reason, with exactly the fields its variant of terminationRequestSchema takes. */
const EXIT_REASON_FORMS = terminationRequestSchema.unwrap().options.map((variant) => {
  const reason = variant.shape.reason.value;
  return {
    reason,
    label: TERMINATION_REASONS[reason],
    fields: Object.keys(variant.shape)
      .filter((name) => name !== 'reason' && name !== 'details')
      .map((name) => ({
        name,
        label: TERMINATION_FIELD_LABELS[name] ?? name,
        isDate: name.endsWith('On') || name === 'dateOfDeath',
      })),
  };
});

/** 案件页: the household, the records of each step, letters, referrals, the timeline, and the forms the user may submit now. */
export function casePageRoutes(db: Database): Router {
  const router = Router();

  router.get('/cases/:id', async (req, res) => {
    const actor = requireActor(req.actor);
    const { id } = parseInput(caseRefSchema, req.params, 'params');
    const found = await findVisibleCase(db, actor, id);
    const programme = programmeOf(found.programmeCode);
    const tekun = programme.family === 'tekun';
    const [letters, referrals, careHomes, otherCases, bedOffer, loadedYears] = await Promise.all([
      db.letter.findMany({
        where: { caseId: found.id },
        select: { id: true, title: true, kind: true, createdAt: true, referralId: true },
        orderBy: { createdAt: 'asc' },
      }),
      db.referral.findMany({ where: { caseId: found.id }, orderBy: { referralNo: 'asc' } }),
      tekun
        ? db.careHome.findMany({
            where: { countyId: found.countyId },
            select: { id: true, name: true },
            orderBy: { id: 'asc' },
          })
        : [],
      householdCases(
        db,
        actor,
        found.id,
        found.household.members.map((m) => m.idNumber),
      ).then((others) =>
        others.map((o) => ({
          caseNo: o.caseNo,
          programmeName: o.programmeName,
          statusText: o.statusLabel,
          village: o.village,
          appliedAt: o.appliedAt,
          closed: o.closedAt !== null,
          sharedMembers: o.sharedMembers.join('、'),
        })),
      ),
      // The freed bed held for the person while the township asks them (床位安排确认).
      found.currentStep === 'bedOfferAnswer'
        ? db.careBedOffer.findFirst({
            where: { status: 'OPEN', entry: { caseId: found.id } },
            orderBy: { offeredAt: 'desc' },
            select: { bed: { select: { label: true, home: { select: { name: true } } } } },
          })
        : null,
      loadedCalendarYears(db),
    ]);
    const economicChecks = await economicCheckSection(db, actor, found);
    await audit(db, actor, 'read', 'case', found.id);
    // 银行账户: shown by its last four digits; changed (audited) by the township or the county.
    const account = await db.householdBankAccount.findUnique({ where: { householdId: found.householdId } });
    const bankAccount = {
      householdId: found.householdId,
      holderName: account?.holderName ?? null,
      bankName: account?.bankName ?? null,
      accountNo: maskedAccount(account?.accountNo),
      changeable: actor.role === 'TOWNSHIP_OFFICER' || actor.role === 'COUNTY_APPROVER',
    };
    const names = new Map(found.household.members.map((m) => [m.id, m.name]));
    const investigation = lastDecision<InvestigationRecord>(found.events, [
      'investigation',
      'recertInvestigation',
    ]);
    const forms = availableForms(actor, {
      ...found,
      investigationStarted: investigationStarted(found.events),
      refusalLetterOwed: refusalLetterOwed(found.status, found.events),
    });
    // 救助名单: the households a list step's form may take off.
    const listHouseholds =
      programme.family === 'disaster' && forms.step ? await householdsStillListed(db, actor, found.id) : null;
    const uncalendared = deadlinesWithoutCalendar(found, loadedYears);
    const code = found.programmeCode;
    const status = found.status as CaseStatus;
    res.render('case', {
      title: `案件 ${found.caseNo}`,
      c: found,
      programme,
      statusText: statusLabel(code, status, CASE_STATUSES[status] ?? found.status),
      currentStepText: stepLabel(code, found.currentStep, found.status),
      dueUncalendared: uncalendared.step.join('、'),
      overallDueUncalendared: uncalendared.overall.join('、'),
      bankAccount,
      members: found.household.members.map((m) => ({
        id: m.id,
        name: m.name,
        maskedId: maskIdCard(m.idNumber),
        relation: m.relation,
        age: ageOn(m.birthDate.toISOString().slice(0, 10), localDateOf(new Date())),
        labourCapacity: m.labourCapacity,
        health: m.health,
        disabilityGrade: m.disabilityGrade,
        inSchool: m.inSchool,
      })),
      investigation: investigation && {
        ...investigation,
        incomes: (investigation.incomes ?? []).map((i) => ({
          ...i,
          memberName: names.get(i.memberId) ?? i.memberId,
          kindName: INCOME_KINDS[i.kind] ?? i.kind,
        })),
      },
      appraisal: lastDecision(found.events, ['appraisal']),
      tekun: tekun ? tekunSummary(found.events, new Map(careHomes.map((h) => [h.id, h.name]))) : null,
      decisions: found.events
        .filter((e) => e.type === 'stepDecided')
        .map((e) => ({
          ...e,
          stepLabel: stepLabel(code, e.step) ?? e.step,
          decisionText: decisionText(programme.family, e),
        })),
      notices: letters.filter((l) => l.kind === 'publicNotice'),
      letters,
      referrals,
      householdCases: otherCases,
      possibleDuplicates: found.possibleDuplicates.map((row) => {
        const flag = presentPossibleDuplicate(row);
        return {
          ...flag,
          kindText: POSSIBLE_DUPLICATE_KINDS[flag.kind as keyof typeof POSSIBLE_DUPLICATE_KINDS] ?? flag.kind,
          statusText:
            POSSIBLE_DUPLICATE_STATUSES[flag.status as keyof typeof POSSIBLE_DUPLICATE_STATUSES] ??
            flag.status,
          reviewable: flag.status === 'OPEN' && mayReviewPossibleDuplicates(actor),
        };
      }),
      timeline: found.events.map((e) => ({
        ...e,
        typeName: CASE_EVENT_TYPES[e.type as keyof typeof CASE_EVENT_TYPES] ?? e.type,
        stepText: stepLabel(code, e.step),
        decisionText: decisionText(programme.family, e),
      })),
      stepForm: forms.step,
      stepPartial: forms.step && formPartial(code, 'step', forms.step),
      listHouseholds,
      actionForms: forms.actions.map((name) => ({
        name,
        label: actionLabel(code, name, found.status),
        partial: formPartial(code, 'action', name),
      })),
      economicChecks,
      incomeKinds: options(INCOME_KINDS),
      changeKinds: options(CHANGE_KINDS),
      referralKinds: options(REFERRAL_KINDS),
      // 特困 forms
      dailyLivingItems: options(DAILY_LIVING_ITEMS),
      supporterRows: [0, 1, 2, 3],
      supporterRelations: options(SUPPORTER_RELATIONS),
      unableReasons: options(UNABLE_REASONS),
      careHomes,
      bedOffer: bedOffer && { homeName: bedOffer.bed.home.name, bedLabel: bedOffer.bed.label },
      exitReasonForms: EXIT_REASON_FORMS,
      // 申请期间给予临时救助: offered on a pending 低保 application to those who file.
      temporaryFromCase: offersTemporaryAssistance(found, actor) && {
        paths: options(TEMPORARY_PATHS),
        causes: options(TEMPORARY_CAUSES),
      },
    });
  });

  const letterParams = z.object({ id: z.uuid('not a letter id') });

  /** Every letter printable word for word, as stored; visible with its case, or to the bureau it was sent to. */
  router.get('/letters/:id', async (req, res) => {
    const actor = requireActor(req.actor);
    const { id } = parseInput(letterParams, req.params, 'params');
    const letter = await db.letter.findUnique({
      where: { id },
      include: { case: { select: { household: { select: { village: { select: { path: true } } } } } } },
    });
    const visible =
      letter &&
      (canSeeCase(actor, letter.case.household.village.path) ||
        (letter.referralId !== null &&
          (await db.referral.count({
            where: { AND: [{ id: letter.referralId }, visibleReferrals(actor)] },
          })) > 0));
    if (!letter || !visible) throw new HttpError(404, 'not_found', '文书不存在 (no such letter)');
    await audit(db, actor, 'read', 'letter', letter.id);
    res.type('html').send(letter.html);
  });

  return router;
}

/** Whether the case page offers 给予临时救助: a pending 低保 application, to a user who files. */
function offersTemporaryAssistance(found: Parameters<typeof assertPendingDibao>[0], actor: Actor): boolean {
  try {
    assertPendingDibao(found, actor);
    return true;
  } catch {
    return false;
  }
}
