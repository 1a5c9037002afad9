import type { Database } from '../platform/database';
import type { Mailer } from '../platform/mailer';
import { recordTransition, type TransitionInput } from './case-records';
import { loadCountyRules } from './county-rules';
import { loadHouseholdFacts } from './household-facts';
import { deliverPendingMail } from './mail-delivery';

export interface ActivityDeps {
  db: Database;
  mailer: Mailer;
}

/** Every side effect a workflow may ask for, bound to the worker's connections. */
export function createActivities({ db, mailer }: ActivityDeps) {
  return {
    recordTransition: (input: TransitionInput) => recordTransition(db, input),
    loadCountyRules: ({ countyId }: { countyId: string }) => loadCountyRules(db, countyId),
    loadHouseholdFacts: ({ caseId }: { caseId: string }) => loadHouseholdFacts(db, caseId),
    deliverPendingMail: ({ caseId }: { caseId: string }) => deliverPendingMail(db, mailer, caseId),
  };
}
