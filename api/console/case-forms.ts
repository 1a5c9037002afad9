import { PROCEDURE_STEPS, isEnrolled, type HumanStepName } from '../../domain/case-steps';
import {
  CLOSED_CASE_ACTIONS,
  programmeOf,
  type ProcedureFamily,
  type ProgrammeDefinition,
} from '../../domain/programmes';
import { STEP_ROLES, ACTION_ROLES, type ActionName } from '../../domain/step-roles';
import type { Actor } from '../../domain/staff-roles';

/** A case as the forms need it: which programme, and what it is at now. */
export interface CaseNow {
  /** The case's programme (domain/programmes.ts): which steps and actions its workflows take. */
  programmeCode: string;
  status: string;
  currentStep: string | null;
  closedAt: Date | null;
  relativeOfStaff: boolean;
  overallOverdue: boolean;
  /** The open investigation's start (开始入户调查) is recorded. */
  investigationStarted?: boolean;
  /** Refused, and the refusal letter not yet recorded as served (送达). */
  refusalLetterOwed?: boolean;
}

const allowed = (roles: readonly string[], actor: Actor) => roles.includes(actor.role);

/** A termination is under way: its notice, its objection review, or the decision already sent. */
const ending = (status: string) => status === 'EXIT_NOTIFIED' || status === 'TERMINATION_ON_NOTICE';

/**
 * When each action can be taken, of those the programme's workflows accept in the case's phase
 * (domain/programmes.ts applicationActions / enrolmentActions). `referByHand` is the console's
 * form for the 低保 enrolment's own route (POST /api/cases/:id/referrals).
 */
const NOW: Record<ActionName, (c: CaseNow) => boolean> = {
  // A notice period runs its fixed length: only a human step's deadline moves.
  extendStepDeadline: (c) => c.currentStep !== null && c.currentStep !== 'publicNotice',
  extendOverallLimit: (c) => c.overallOverdue,
  // The application's notice (ON_NOTICE), or while supported the termination's notice itself
  // (its objection review shows the same status but takes no more objections).
  recordObjection: (c) =>
    c.status === 'ON_NOTICE' || (c.status === 'TERMINATION_ON_NOTICE' && c.currentStep === 'publicNotice'),
  recordCountyHomeVisit: (c) =>
    c.relativeOfStaff && ['ON_NOTICE', 'OBJECTION_REVIEW', 'COUNTY_APPROVAL'].includes(c.status),
  recordInvestigationStart: (c) => c.currentStep === 'investigation' && !c.investigationStarted,
  recordLetterServed: (c) => Boolean(c.refusalLetterOwed),
  reportChange: (c) => !ending(c.status),
  requestExit: (c) => !ending(c.status),
  recordJobReferralRefusal: (c) => !ending(c.status),
  referByHand: (c) => !ending(c.status),
  reportCareChange: (c) => !ending(c.status),
  changeSupportMode: (c) => !ending(c.status),
  // 流浪乞讨人员救助: the station's workflow refuses what does not apply now (published, not in hospital).
  recordTracingNotice: (c) => c.currentStep === 'vagrantExit',
  extendStay: (c) => c.currentStep === 'vagrantExit',
  transferToHospital: (c) => c.currentStep === 'vagrantExit',
  returnFromHospital: (c) => c.currentStep === 'vagrantExit',
};

/** The actions a programme's workflows accept in this phase, in the order the page shows them. */
function actionsOf(programme: ProgrammeDefinition, enrolled: boolean): ActionName[] {
  if (!enrolled) return [...programme.applicationActions];
  return [...programme.enrolmentActions, ...(programme.referrals ? (['referByHand'] as const) : [])];
}

/**
 * The forms a user sees on a case: the open step's decision if it is a step of the case's
 * programme and the user's role decides it, and the actions the programme takes in the case's
 * phase that the role may take in its status. (The workflow's validators still decide; this
 * only keeps a user from being offered what would be refused.)
 */
export function availableForms(
  actor: Actor,
  c: CaseNow,
): { step: HumanStepName | null; actions: ActionName[] } {
  const programme = programmeOf(c.programmeCode);
  if (c.closedAt) {
    const taken: readonly string[] = programme.applicationActions;
    const actions = CLOSED_CASE_ACTIONS.filter(
      (name) => taken.includes(name) && NOW[name](c) && allowed(ACTION_ROLES[name], actor),
    );
    return { step: null, actions };
  }
  const steps: readonly string[] = [...programme.applicationSteps, ...programme.enrolmentSteps];
  const step =
    c.currentStep &&
    steps.includes(c.currentStep) &&
    allowed(STEP_ROLES[c.currentStep as HumanStepName], actor)
      ? (c.currentStep as HumanStepName)
      : null;
  const enrolled = isEnrolled(c.status);
  const actions = actionsOf(programme, enrolled).filter(
    (name) => NOW[name](c) && allowed(ACTION_ROLES[name], actor),
  );
  return { step, actions };
}

/**
 * Forms whose body differs by procedure: the family's own partial (`tekun-step-countyApproval`)
 * rather than the shared one. Steps and actions only one family has keep the plain names.
 */
const OWN_FORMS: Record<
  ProcedureFamily,
  { steps: readonly HumanStepName[]; actions: readonly ActionName[] }
> = {
  dibao: { steps: [], actions: [] },
  tekun: { steps: ['objectionReview', 'countyApproval'], actions: ['requestExit'] },
  medical: { steps: [], actions: [] },
  temporary: { steps: ['countyApproval'], actions: [] },
  vagrant: { steps: [], actions: [] },
  disaster: { steps: ['appraisal', 'objectionReview', 'townshipReview', 'countyApproval'], actions: [] },
};

/** The partial (templates/pages/partials) holding a step's or an action's form for a programme. */
export function formPartial(programmeCode: string, kind: 'step' | 'action', name: string): string {
  const { family } = programmeOf(programmeCode);
  const own = OWN_FORMS[family];
  const listed: readonly string[] = kind === 'step' ? own.steps : own.actions;
  return `${listed.includes(name) ? `${family}-` : ''}${kind}-${name}`;
}

/** What a programme calls a step where it differs from the shared name (特困's 县级审核确认). */
const STEP_NAMES: Record<ProcedureFamily, Partial<Record<keyof typeof PROCEDURE_STEPS, string>>> = {
  dibao: {},
  tekun: { countyApproval: '县级审核确认', objectionReview: '公示异议处理' },
  medical: {},
  temporary: { countyApproval: '县级审批（审核确认）' },
  vagrant: {},
  disaster: {},
};

/** A step's name in the programme's words; the notice of a proposed termination is named as such. */
export function stepLabel(programmeCode: string, step: string | null, status?: string): string | null {
  if (!step) return null;
  if (step === 'publicNotice' && status === 'TERMINATION_ON_NOTICE') return '拟终止供养公示';
  const names = STEP_NAMES[programmeOf(programmeCode).family];
  return (
    names[step as keyof typeof PROCEDURE_STEPS] ??
    PROCEDURE_STEPS[step as keyof typeof PROCEDURE_STEPS] ??
    step
  );
}

/** Action names as the page heads their forms, where a programme words them its own way. */
const ACTION_NAMES: Record<ActionName, string> = {
  extendStepDeadline: '延长环节时限',
  extendOverallLimit: '延长办理总时限',
  recordObjection: '登记公示异议',
  recordCountyHomeVisit: '登记县级入户核查',
  recordInvestigationStart: '登记开始入户调查',
  recordLetterServed: '登记不予批准通知书送达',
  reportChange: '登记家庭情况变化',
  requestExit: '办理退出',
  recordJobReferralRefusal: '登记拒绝就业推荐',
  referByHand: '手动转介',
  reportCareChange: '登记生活自理能力变化',
  changeSupportMode: '变更供养方式',
  recordTracingNotice: '发布寻亲公告',
  extendStay: '延长站内救助期限',
  transferToHospital: '送医救治',
  returnFromHospital: '出院返站',
};

const OWN_ACTION_NAMES: Record<ProcedureFamily, Partial<Record<ActionName, string>>> = {
  dibao: {},
  tekun: { requestExit: '终止供养' },
  medical: {},
  temporary: {},
  vagrant: {},
  disaster: {},
};

export function actionLabel(programmeCode: string, name: ActionName, status?: string): string {
  if (name === 'recordObjection' && status === 'TERMINATION_ON_NOTICE') return '登记终止供养公示异议';
  return OWN_ACTION_NAMES[programmeOf(programmeCode).family][name] ?? ACTION_NAMES[name];
}
