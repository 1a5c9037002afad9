import type { Database } from '../platform/database';
import { recordTransition, type TransitionInput } from './case-records';
import { loadCountyRules } from './county-rules';

export interface ActivityDeps {
  db: Database;
}

/** Every side effect a workflow may ask for, bound to the worker's connections. */
export function createActivities({ db }: ActivityDeps) {
  return {
    recordTransition: (input: TransitionInput) => recordTransition(db, input),
    loadCountyRules: ({ countyId }: { countyId: string }) => loadCountyRules(db, countyId),
  };
}
