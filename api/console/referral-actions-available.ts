import type { ReferralCompletion } from '../../domain/referral-decisions';
import { TOWNSHIP_REFERRAL_RESULTS } from '../../domain/referral-decisions';
import { receivedByTownship } from '../../domain/referral-needs';
import {
  REFERRAL_ACTIONS,
  referralPartyRoles,
  type ReferralAction,
  type ReferralStatus,
} from '../../domain/referral-steps';
import { isWithinJurisdiction, type Actor } from '../../domain/staff-roles';

export type CompletionResult = ReferralCompletion['result'];

/** A referral as the forms need it: where it stands now, whose it is. */
export interface ReferralNow {
  status: string;
  /** The kind: a township receives some (返乡转介), its officers answering for the receiving side. */
  kind?: string;
  department: string;
  memberId: string | null;
  /** The household's village: the referring township acts on it from within its jurisdiction. */
  villagePath: string;
  /** The receiving bureau's unit path: its own officers answer it. */
  receivingUnitPath: string;
}

export interface AvailableReferralActions {
  /** The actions the user may take now, in the order of REFERRAL_ACTIONS. */
  actions: ReferralAction[];
  /** With `complete`: which outcomes may be filed (a member's refusal only on a labour referral for a member). */
  completions: CompletionResult[];
}

/**
 * The referral forms a user sees: an action of the party whose role the user has, within that
 * party's jurisdiction (the referrer: the household's village; the department: its own bureau),
 * from a status the action table allows. (The workflow's validators still decide; this only
 * keeps a user from being offered what would be refused.)
 */
export function availableReferralActions(
  actor: Pick<Actor, 'role' | 'unitPath'>,
  referral: ReferralNow,
): AvailableReferralActions {
  const actions = (Object.keys(REFERRAL_ACTIONS) as ReferralAction[]).filter((action) => {
    const spec = REFERRAL_ACTIONS[action];
    if (!referralPartyRoles(spec.by, referral.kind ?? '').includes(actor.role)) return false;
    const path = spec.by === 'referrer' ? referral.villagePath : referral.receivingUnitPath;
    if (!isWithinJurisdiction(actor.unitPath, path)) return false;
    return (spec.from as readonly ReferralStatus[]).includes(referral.status as ReferralStatus);
  });
  const completions: CompletionResult[] = !actions.includes('complete')
    ? []
    : receivedByTownship(referral.kind ?? '')
      ? [...TOWNSHIP_REFERRAL_RESULTS]
      : [
          'served',
          'unableToHelp',
          ...(referral.department === 'LABOUR' && referral.memberId ? (['memberRefused'] as const) : []),
        ];
  return { actions, completions };
}
