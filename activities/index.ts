import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { Database } from '../platform/database';
import type { Mailer } from '../platform/mailer';
import { loadBenefitPayments, recordBenefitPayment } from './benefit-payments';
import { approveDisasterList, loadDisasterList, type ApproveListInput } from './disaster-lists';
import {
  answerOffer,
  releaseBed,
  requestPlacement,
  transferPlacement,
  withdrawFromWaitingList,
  type AnswerOfferInput,
  type ReleaseBedInput,
  type RequestPlacementInput,
  type TransferPlacementInput,
  type WithdrawFromWaitingListInput,
} from './care-homes';
import { recordTransition, recordTransitions, type TransitionInput } from './case-records';
import { loadCountyRules, refreshCountyRules } from './county-rules';
import { loadHouseholdFacts } from './household-facts';
import type { EnrolmentInput } from '../workflows/enrolment-state';
import { dibaoEnrolment } from '../workflows/dibao-enrolment';
import { referral } from '../workflows/referral';
import type { ReferralInput } from '../workflows/referral-definitions';
import { tekunSupport, type TekunSupportInput } from '../workflows/tekun-support';
import { deliverPendingMail } from './mail-delivery';
import {
  compileEconomicCheck,
  deliverEconomicCheckMail,
  markCheckRequestOverdue,
  openEconomicCheck,
} from './economic-checks';
import {
  closeTipOff,
  deliverTipOffMail,
  markTipOffOverdue,
  openTipOffVerification,
  type CloseTipOffInput,
} from './tip-offs';
import {
  findReceivingUnit,
  recordReferralTransition,
  type ReferralTransitionInput,
} from './referral-records';
import { startWorkflowOnce } from './workflow-start';
import {
  grantMedicalAssistance,
  previewMedicalAssistance,
  settleMedicalAdvance,
  type MedicalGrantInput,
} from './medical-ledger';
import { openMedicalCaseForReferral, type MedicalCaseFromReferralInput } from './medical-referrals';
import { openCaseForReturnHome, type ReturnHomeCaseInput } from './return-home-cases';
import type { ReferralDepartment } from '../domain/referral-needs';
import {
  finishStandardChangeReviews,
  openStandardChangeReviews,
  requestReviewsAfterStandardChange,
  requestStandardChangeReviewPage,
  type ReviewPageInput,
} from './standard-change';
import { approvePaymentRoll } from './funds';
import {
  buildRollChunk,
  finishRollBuild,
  listRollCounties,
  markRollOverdue,
  openPaymentRoll,
  startRollBuild,
} from './payment-roll';
import { paymentRoll, type PaymentRollInput } from '../workflows/payment-roll';
import {
  closeRandomCheckVisit,
  deliverRandomCheckMail,
  drawQuarter,
  listDrawCounties,
  markRandomCheckVisitOverdue,
  openRandomCheckVisit,
  startVisitWorkflows,
  type CloseVisitInput,
} from './random-checks';
import type { FundSource } from '../domain/funds';

export interface ActivityDeps {
  db: Database;
  mailer: Mailer;
  /** For the activities that start a workflow: the enrolment after approval, a referral. */
  temporal: Client;
}

/** Every side effect a workflow may ask for, bound to the worker's connections. */
export function createActivities({ db, mailer, temporal }: ActivityDeps) {
  return {
    recordTransition: (input: TransitionInput) => recordTransition(db, input),
    recordTransitions: (input: { countyId: string; writes: TransitionInput[] }) =>
      recordTransitions(db, input),
    loadCountyRules: ({ countyId }: { countyId: string }) => loadCountyRules(db, countyId),
    refreshCountyRules: (input: { countyId: string; knownVersion: string | null }) =>
      refreshCountyRules(db, input),
    loadHouseholdFacts: ({ caseId }: { caseId: string }) => loadHouseholdFacts(db, caseId),
    recordBenefitPayment: (input: { caseId: string; month: string; amountYuan: number }) =>
      recordBenefitPayment(db, input),
    loadBenefitPayments: ({ caseId }: { caseId: string }) => loadBenefitPayments(db, caseId),
    loadDisasterList: (input: { listId: string }) => loadDisasterList(db, input),
    approveDisasterList: (input: ApproveListInput) => approveDisasterList(db, input),
    startEnrolment: (input: { workflowId: string; input: EnrolmentInput }) =>
      startWorkflowOnce(temporal, dibaoEnrolment, input),
    startTekunSupport: (input: { workflowId: string; input: TekunSupportInput }) =>
      startWorkflowOnce(temporal, tekunSupport, input),
    startReferral: (input: { workflowId: string; input: ReferralInput }) =>
      startWorkflowOnce(temporal, referral, input),
    recordReferralTransition: (input: ReferralTransitionInput) => recordReferralTransition(db, input),
    findReceivingUnit: (input: {
      countyId: string;
      department: ReferralDepartment;
      unitId?: string | null;
    }) => findReceivingUnit(db, input),
    openCaseForReturnHome: (input: ReturnHomeCaseInput) => openCaseForReturnHome(db, temporal, input),
    requestReviewsAfterStandardChange: (input: { standardId: string }) =>
      requestReviewsAfterStandardChange(db, temporal, input),
    openStandardChangeReviews: (input: { standardId: string }) => openStandardChangeReviews(db, input),
    requestStandardChangeReviewPage: (input: ReviewPageInput) =>
      requestStandardChangeReviewPage(db, temporal, input),
    finishStandardChangeReviews: (input: { standardId: string }) => finishStandardChangeReviews(db, input),
    requestPlacement: (input: RequestPlacementInput) => requestPlacement(db, input),
    releaseBed: (input: ReleaseBedInput) => releaseBed(db, input),
    answerOffer: (input: AnswerOfferInput) => answerOffer(db, input),
    transferPlacement: (input: TransferPlacementInput) => transferPlacement(db, input),
    withdrawFromWaitingList: (input: WithdrawFromWaitingListInput) => withdrawFromWaitingList(db, input),
    previewMedicalAssistance: (input: MedicalGrantInput) => previewMedicalAssistance(db, input),
    grantMedicalAssistance: (input: MedicalGrantInput & { stage: 'claim' | 'advance' }) =>
      grantMedicalAssistance(db, input),
    settleMedicalAdvance: (input: Omit<MedicalGrantInput, 'year'>) => settleMedicalAdvance(db, input),
    openMedicalCaseForReferral: (input: MedicalCaseFromReferralInput) =>
      openMedicalCaseForReferral(db, temporal, input),
    openPaymentRoll: (input: { countyId: string; month: string; workflowId: string }) =>
      openPaymentRoll(db, input),
    startRollBuild: (input: { rollId: string }) => startRollBuild(db, input),
    buildRollChunk: (input: { rollId: string; afterHouseholdId: string | null; households: number }) =>
      buildRollChunk(db, input),
    finishRollBuild: (input: { rollId: string; reviewDueAt: string }) => finishRollBuild(db, input),
    markRollOverdue: (input: { rollId: string }) => markRollOverdue(db, input),
    approvePaymentRoll: (input: {
      rollId: string;
      username: string;
      fundSources: Partial<Record<string, FundSource>>;
    }) => approvePaymentRoll(db, input),
    listRollCounties: () => listRollCounties(db),
    startPaymentRoll: (input: { workflowId: string; input: PaymentRollInput }) =>
      startWorkflowOnce(temporal, paymentRoll, input),
    deliverPendingMail: ({ caseId, referralId }: { caseId: string; referralId?: string | null }) =>
      deliverPendingMail(db, mailer, caseId, referralId ?? null),
    openTipOffVerification: (input: { receiptNo: string }) => openTipOffVerification(db, input),
    markTipOffOverdue: (input: { receiptNo: string; dueAt: string }) => markTipOffOverdue(db, input),
    deliverTipOffMail: (input: { receiptNo: string }) => deliverTipOffMail(db, mailer, input),
    closeTipOff: (input: CloseTipOffInput) => closeTipOff(db, input),
    openEconomicCheck: (input: { checkNo: string }) => openEconomicCheck(db, input),
    markCheckRequestOverdue: (input: { requestNo: string; dueAt: string }) =>
      markCheckRequestOverdue(db, input),
    deliverEconomicCheckMail: (input: { checkNo: string }) => deliverEconomicCheckMail(db, mailer, input),
    compileEconomicCheck: (input: { checkNo: string }) => compileEconomicCheck(db, input),
    listDrawCounties: () => listDrawCounties(db),
    /** The county's draw for the quarter (once) and its visits' workflows (each once). */
    drawRandomChecks: async (input: { countyId: string; quarter: string; drawnBy: string }) => {
      const drawn = await drawQuarter(db, input);
      await startVisitWorkflows(temporal, Context.current().info.taskQueue, drawn.visitIds);
      return drawn;
    },
    openRandomCheckVisit: (input: { visitId: string; openedAt: string }) => openRandomCheckVisit(db, input),
    markRandomCheckVisitOverdue: (input: { visitId: string; dueAt: string }) =>
      markRandomCheckVisitOverdue(db, input),
    deliverRandomCheckMail: (input: { visitId: string }) => deliverRandomCheckMail(db, mailer, input),
    closeRandomCheckVisit: (input: CloseVisitInput) => closeRandomCheckVisit(db, input),
  };
}
