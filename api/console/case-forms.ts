import { isEnrolled, type HumanStepName } from '../../domain/case-steps';
import { STEP_ROLES, ACTION_ROLES, type ActionName } from '../../domain/step-roles';
import type { Actor } from '../../domain/staff-roles';

/** A case as the forms need it: what it is at now. */
export interface CaseNow {
  status: string;
  currentStep: string | null;
  closedAt: Date | null;
  relativeOfStaff: boolean;
  overallOverdue: boolean;
}

const allowed = (roles: readonly string[], actor: Actor) => roles.includes(actor.role);

/**
 * The forms a user sees on a case: the open step's decision if the user's role decides it, and
 * the actions the role may take in the case's status. (The workflow's validators still decide;
 * this only keeps a user from being offered what would be refused.)
 */
export function availableForms(
  actor: Actor,
  c: CaseNow,
): { step: HumanStepName | null; actions: ActionName[] } {
  if (c.closedAt) return { step: null, actions: [] };
  const step =
    c.currentStep && c.currentStep in STEP_ROLES && allowed(STEP_ROLES[c.currentStep as HumanStepName], actor)
      ? (c.currentStep as HumanStepName)
      : null;
  const candidates: [ActionName, boolean][] = isEnrolled(c.status)
    ? [
        ['extendStepDeadline', c.currentStep !== null],
        ['reportChange', c.status !== 'EXIT_NOTIFIED'],
        ['requestExit', c.status !== 'EXIT_NOTIFIED'],
        ['recordJobReferralRefusal', c.status !== 'EXIT_NOTIFIED'],
        ['referByHand', c.status !== 'EXIT_NOTIFIED'],
      ]
    : [
        ['extendStepDeadline', c.currentStep !== null && c.currentStep !== 'publicNotice'],
        ['extendOverallLimit', c.overallOverdue],
        ['recordObjection', c.status === 'ON_NOTICE'],
        [
          'recordCountyHomeVisit',
          c.relativeOfStaff && ['ON_NOTICE', 'OBJECTION_REVIEW', 'COUNTY_APPROVAL'].includes(c.status),
        ],
      ];
  const actions = candidates
    .filter(([name, now]) => now && allowed(ACTION_ROLES[name], actor))
    .map(([name]) => name);
  return { step, actions };
}
