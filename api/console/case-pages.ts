import { Router } from 'express';
import { audit } from '../audit';
import { z } from 'zod';
import { CASE_EVENT_TYPES, HUMAN_STEPS } from '../../domain/case-steps';
import { maskIdCard } from '../../domain/id-card';
import { INCOME_KINDS } from '../../domain/income';
import { CHANGE_KINDS } from '../../domain/enrolment-decisions';
import { REFERRAL_KINDS } from '../../domain/referral-needs';
import { ACTION_ROLES } from '../../domain/step-roles';
import { canSeeCase } from '../../domain/staff-roles';
import type { Database } from '../../platform/database';
import { HttpError, parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import { visibleReferrals } from '../referral-access';
import { findVisibleCase } from '../routes/cases';
import { caseRefSchema } from '../schemas/case-application';
import { availableForms } from './case-forms';

const ACTION_LABELS: Record<keyof typeof ACTION_ROLES, string> = {
  extendStepDeadline: '延长环节时限',
  extendOverallLimit: '延长办理总时限',
  recordObjection: '登记公示异议',
  recordCountyHomeVisit: '登记县级入户核查',
  reportChange: '登记家庭情况变化',
  requestExit: '办理退出',
  recordJobReferralRefusal: '登记拒绝就业推荐',
  referByHand: '手动转介',
};

const options = (table: Record<string, string | { name: string }>) =>
  Object.entries(table).map(([value, label]) => ({
    value,
    label: typeof label === 'string' ? label : label.name,
  }));

/** The decision event of a step, latest first: its payload is the record staff filed. */
function lastDecision<T>(events: { type: string; step: string | null; payload: unknown }[], steps: string[]) {
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

/** 案件页: the household, the records of each step, letters, referrals, the timeline, and the forms the user may submit now. */
export function casePageRoutes(db: Database): Router {
  const router = Router();

  router.get('/cases/:id', async (req, res) => {
    const actor = requireActor(req.actor);
    const { id } = parseInput(caseRefSchema, req.params, 'params');
    const found = await findVisibleCase(db, actor, id);
    const [letters, referrals] = await Promise.all([
      db.letter.findMany({
        where: { caseId: found.id },
        select: { id: true, title: true, kind: true, createdAt: true, referralId: true },
        orderBy: { createdAt: 'asc' },
      }),
      db.referral.findMany({ where: { caseId: found.id }, orderBy: { referralNo: 'asc' } }),
    ]);
    await audit(db, actor, 'read', 'case', found.id);
    const names = new Map(found.household.members.map((m) => [m.id, m.name]));
    const investigation = lastDecision<InvestigationRecord>(found.events, [
      'investigation',
      'recertInvestigation',
    ]);
    const forms = availableForms(actor, found);
    res.render('case', {
      title: `案件 ${found.caseNo}`,
      c: found,
      members: found.household.members.map((m) => ({
        id: m.id,
        name: m.name,
        maskedId: maskIdCard(m.idNumber),
        relation: m.relation,
        birthDate: m.birthDate.toISOString().slice(0, 10),
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
      decisions: found.events
        .filter((e) => e.type === 'stepDecided')
        .map((e) => ({ ...e, stepLabel: HUMAN_STEPS[e.step as keyof typeof HUMAN_STEPS] ?? e.step })),
      notices: letters.filter((l) => l.kind === 'publicNotice'),
      letters,
      referrals,
      timeline: found.events.map((e) => ({
        ...e,
        typeName: CASE_EVENT_TYPES[e.type as keyof typeof CASE_EVENT_TYPES] ?? e.type,
      })),
      stepForm: forms.step,
      stepPartial: forms.step && `step-${forms.step}`,
      actionForms: forms.actions.map((name) => ({
        name,
        label: ACTION_LABELS[name],
        partial: `action-${name}`,
      })),
      incomeKinds: options(INCOME_KINDS),
      changeKinds: options(CHANGE_KINDS),
      referralKinds: options(REFERRAL_KINDS),
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
