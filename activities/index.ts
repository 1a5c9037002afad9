import type { Client } from '@temporalio/client';
import type { Database } from '../platform/database';
import type { Mailer } from '../platform/mailer';
import { loadBenefitPayments, recordBenefitPayment } from './benefit-payments';
import { recordTransition, type TransitionInput } from './case-records';
import { loadCountyRules } from './county-rules';
import { loadHouseholdFacts } from './household-facts';
import type { EnrolmentInput } from '../workflows/enrolment-state';
import { startEnrolment } from './enrolment-start';
import { deliverPendingMail } from './mail-delivery';
import { requestReviewsAfterStandardChange } from './standard-change';

export interface ActivityDeps {
  db: Database;
  mailer: Mailer;
  /** For the one activity that starts a workflow: the enrolment after approval. */
  temporal: Client;
}

/** Every side effect a workflow may ask for, bound to the worker's connections. */
export function createActivities({ db, mailer, temporal }: ActivityDeps) {
  return {
    recordTransition: (input: TransitionInput) => recordTransition(db, input),
    loadCountyRules: ({ countyId }: { countyId: string }) => loadCountyRules(db, countyId),
    loadHouseholdFacts: ({ caseId }: { caseId: string }) => loadHouseholdFacts(db, caseId),
    recordBenefitPayment: (input: { caseId: string; month: string; amountYuan: number }) =>
      recordBenefitPayment(db, input),
    loadBenefitPayments: ({ caseId }: { caseId: string }) => loadBenefitPayments(db, caseId),
    startEnrolment: (input: { workflowId: string; input: EnrolmentInput }) => startEnrolment(temporal, input),
    requestReviewsAfterStandardChange: (input: { standardId: string }) =>
      requestReviewsAfterStandardChange(db, temporal, input),
    deliverPendingMail: ({ caseId }: { caseId: string }) => deliverPendingMail(db, mailer, caseId),
  };
}
