import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { CareLevel } from '../domain/care-level';
import type { SupportMode } from '../domain/tekun-decisions';
import type { TerminationReason } from '../domain/tekun-termination';
import type { Actor } from '../domain/staff-roles';
import type { CaseWorkflowInput } from './definitions';
import type { ServiceCycle, ServiceState } from './service-run';
import type { TekunAssessment } from './tekun-assessment';

/** A bed in a care home, held for the person or theirs. */
export interface BedHeld {
  homeId: string;
  homeName: string;
  bedLabel: string;
}

export interface Placement extends BedHeld {
  placementId: string;
}

/** A freed bed offered to the person next in line (信号 from the workflow that freed it). */
export interface BedOffer extends BedHeld {
  offerId: string;
}

/** What one year of support hands the next through continue-as-new. */
export interface TekunCycle extends ServiceCycle {
  personId: string;
  benefitStartMonth: string;
  basicLivingYuan: number;
  careLevel: CareLevel;
  /** Support granted as a minor's: the birthday (epoch ms) at which it is checked, and that age. */
  minorCheck: { age: number; at: number } | null;
  /** What the last investigation or review found, for the referrals proposed at termination. */
  ownIncomeMonthlyYuan: number;
  dibaoStandardYuan: number;
  supportMode: SupportMode;
  placement: Placement | null;
  /** On the waiting list for a care home, since this entry. */
  waitingEntryId: string | null;
  /** Offers and reported changes not yet dealt with. */
  bedOffers: BedOffer[];
  careChanges: string[];
}

export interface TekunSupportInput {
  case: CaseWorkflowInput;
  /** The county's confirmation: the amount, the first month, the assessment and the chosen mode. */
  confirmed?: {
    monthlyAmountYuan: number;
    benefitStartMonth: string;
    assessment: TekunAssessment;
    supportMode: SupportMode;
  };
  carried?: TekunCycle;
}

/** A termination decided: by staff through `requestExit`, or by the rules (a review, a minor's age). */
export interface TerminationOrder {
  reason: TerminationReason;
  details: string;
  actor?: Actor;
}

export type TekunSupportState = ServiceState<TekunCycle, TerminationReason>;

export const tekunSupportStateQuery = defineQuery<TekunSupportState>('tekunSupportState');

/** A bed freed for this person: sent by the workflow of whoever left it, or declined it. */
export const bedOfferedSignal = defineSignal<[BedOffer]>('bedOffered');
