import { z } from 'zod';
import { HUMAN_STEPS } from '../../domain/case-steps';
import {
  changeReportSchema,
  exitRequestSchema,
  jobReferralRefusalSchema,
  recertInvestigationSchema,
  recertReviewSchema,
} from '../../domain/enrolment-decisions';
import {
  manualReferralSchema,
  referralAcceptSchema,
  referralCompletionSchema,
  referralConfirmSchema,
  referralDeclineSchema,
  referralDismissSchema,
  referralProgressSchema,
} from '../../domain/referral-decisions';
import { REFERRAL_ACTIONS, REFERRAL_PARTY_ROLES, type ReferralAction } from '../../domain/referral-steps';
import { STAFF_ROLE_LABELS, type StaffRole } from '../../domain/staff-roles';
import { ACTION_ROLES, STEP_ROLES } from '../../domain/step-roles';
import {
  acceptanceDecisionSchema,
  appraisalRecordSchema,
  countyApprovalSchema,
  countyHomeVisitSchema,
  investigationReportSchema,
  objectionReviewSchema,
  objectionSchema,
  overallExtensionSchema,
  stepExtensionSchema,
  townshipReviewSchema,
} from '../../domain/step-decisions';
import type { EnrolmentActionName, CaseActionName, stepUpdates } from '../../workflows/definitions';
import { newStandardSchema } from '../routes/county-policy';
import { caseApplicationSchema } from '../schemas/case-application';
import { inputJsonSchema, type JsonSchema, type OpenApiExample } from './types';

// The submissions of the human steps and actions, each with the schema its validator parses.

/** A documented request body: its schema, who may send it, and an example the schema accepts. */
export interface BodyDoc<S extends z.ZodType = z.ZodType> {
  schema: S;
  /** zh-CN name. */
  name: string;
  /** What it does, in English. */
  summary: string;
  roles: readonly StaffRole[];
  /** Type-checked against the schema's input, and parsed by the test. */
  example: z.input<S>;
}

const body = <S extends z.ZodType>(doc: BodyDoc<S>): BodyDoc<S> => doc;

const EXAMPLE_MEMBER_ID = '5f0c3a3e-8c1b-4d2a-9e57-3b1f6f7d2a10';

const investigationExample = {
  homeVisit: {
    visitedOn: '2026-03-10',
    visitors: ['李明', '王芳'],
    signedByVisitorsAndApplicant: true as const,
  },
  incomes: [
    { memberId: EXAMPLE_MEMBER_ID, kind: 'wages' as const, amountYuan: 800, period: 'monthly' as const },
  ],
  assets: { depositsYuan: 3000, vehicles: 0, homes: 1, registeredBusiness: false },
  dataCheck: { reportNo: 'HD-532901-2026-0001', result: 'consistent' as const },
} satisfies z.input<typeof investigationReportSchema>;

/** Body of `POST /api/cases/{id}/steps/{step}`, by step. A step without its entry does not compile. */
export const STEP_BODIES = {
  acceptance: body({
    schema: acceptanceDecisionSchema,
    name: HUMAN_STEPS.acceptance,
    summary: 'Accept the application, or refuse to accept it with reasons',
    roles: STEP_ROLES.acceptance,
    example: { decision: 'accept', note: '材料齐全' },
  }),
  investigation: body({
    schema: investigationReportSchema,
    name: HUMAN_STEPS.investigation,
    summary: 'Home visit by two staff, incomes, assets and the data-check report',
    roles: STEP_ROLES.investigation,
    example: investigationExample,
  }),
  appraisal: body({
    schema: appraisalRecordSchema,
    name: HUMAN_STEPS.appraisal,
    summary: "The village's democratic appraisal: attendance and votes",
    roles: STEP_ROLES.appraisal,
    example: {
      heldOn: '2026-03-20',
      representativesTotal: 9,
      present: 8,
      votesFor: 7,
      votesAgainst: 1,
      abstentions: 0,
      minutes: '评议代表认为该户家庭困难属实',
    },
  }),
  townshipReview: body({
    schema: townshipReviewSchema,
    name: HUMAN_STEPS.townshipReview,
    summary: 'Propose approval, return to investigation, or refuse',
    roles: STEP_ROLES.townshipReview,
    example: { decision: 'approve', note: '符合条件，报县级审批' },
  }),
  objectionReview: body({
    schema: objectionReviewSchema,
    name: HUMAN_STEPS.objectionReview,
    summary: 'Dismiss the objection (new notice) or uphold it (redo investigation or appraisal)',
    roles: STEP_ROLES.objectionReview,
    example: { decision: 'dismiss', reasons: '经核实，异议内容与事实不符' },
  }),
  countyApproval: body({
    schema: countyApprovalSchema,
    name: HUMAN_STEPS.countyApproval,
    summary: 'Approve with the monthly amount, or refuse with reasons',
    roles: STEP_ROLES.countyApproval,
    example: { decision: 'approve', monthlyAmountYuan: 450 },
  }),
  recertInvestigation: body({
    schema: recertInvestigationSchema,
    name: HUMAN_STEPS.recertInvestigation,
    summary: "The review's new investigation, or the household's refusal to cooperate",
    roles: STEP_ROLES.recertInvestigation,
    example: { outcome: 'investigated', ...investigationExample },
  }),
  recertReview: body({
    schema: recertReviewSchema,
    name: HUMAN_STEPS.recertReview,
    summary: "Confirm the re-assessment's outcome, or return for a new investigation",
    roles: STEP_ROLES.recertReview,
    example: { decision: 'confirm' },
  }),
} satisfies Record<keyof typeof stepUpdates, BodyDoc>;

export type ActionName = CaseActionName | EnrolmentActionName;

/** Body of `POST /api/cases/{id}/actions/{action}`, by action. */
export const ACTION_BODIES = {
  extendStepDeadline: body({
    schema: stepExtensionSchema,
    name: '延长环节时限',
    summary: "Extend the current step's deadline by working days",
    roles: ACTION_ROLES.extendStepDeadline,
    example: { workingDays: 5, reasons: '申请人外出务工，需补充材料' },
  }),
  extendOverallLimit: body({
    schema: overallExtensionSchema,
    name: '延长办理总时限',
    summary: "Extend the procedure's 30 working days to 45, once",
    roles: ACTION_ROLES.extendOverallLimit,
    example: { reasons: '家庭情况复杂，需跨县核对' },
  }),
  recordObjection: body({
    schema: objectionSchema,
    name: '登记异议',
    summary: 'Record an objection received during the public notice',
    roles: ACTION_ROLES.recordObjection,
    example: { receivedOn: '2026-03-25', objector: '匿名', content: '该户有一辆货车未申报' },
  }),
  recordCountyHomeVisit: body({
    schema: countyHomeVisitSchema,
    name: '县级入户核查',
    summary: "The county's home visit a declared relative of staff needs before approval",
    roles: ACTION_ROLES.recordCountyHomeVisit,
    example: { visitedOn: '2026-04-02', visitors: ['赵刚', '孙丽'], findings: '家庭情况与申报一致' },
  }),
  reportChange: body({
    schema: changeReportSchema,
    name: '登记家庭情况变化',
    summary: 'A change the household reports; an out-of-cycle review follows',
    roles: ACTION_ROLES.reportChange,
    example: {
      reportedOn: '2026-06-01',
      kind: 'employment',
      description: '长子在县城务工，月收入约 2000 元',
    },
  }),
  requestExit: body({
    schema: exitRequestSchema,
    name: '办理退出',
    summary: 'End the enrolment: death, moving out, voluntary withdrawal, or fraud (county approver only)',
    roles: ACTION_ROLES.requestExit,
    example: {
      reason: 'movedOut',
      occurredOn: '2026-08-15',
      destination: '昆明市五华区',
      evidence: '户口迁移证明',
    },
  }),
  recordJobReferralRefusal: body({
    schema: jobReferralRefusalSchema,
    name: '登记拒绝就业推荐',
    summary: 'A working-age member refused a job referral without good reason (three end the enrolment)',
    roles: ACTION_ROLES.recordJobReferralRefusal,
    example: {
      memberId: EXAMPLE_MEMBER_ID,
      refusedOn: '2026-07-03',
      referral: '大理市某酒店客房服务员',
      reasons: '无正当理由拒绝',
    },
  }),
} satisfies Record<ActionName, BodyDoc>;

/** Body of `POST /api/referrals/{referralNo}/{action}`, by action. */
export const REFERRAL_ACTION_BODIES = {
  confirm: body({
    schema: referralConfirmSchema,
    name: REFERRAL_ACTIONS.confirm.label,
    summary: "The township confirms the rules' proposal and sends the referral",
    roles: REFERRAL_PARTY_ROLES[REFERRAL_ACTIONS.confirm.by],
    example: { note: '已核实' },
  }),
  dismiss: body({
    schema: referralDismissSchema,
    name: REFERRAL_ACTIONS.dismiss.label,
    summary: 'The township dismisses the proposal with reasons',
    roles: REFERRAL_PARTY_ROLES[REFERRAL_ACTIONS.dismiss.by],
    example: { reasons: '已享受同类帮扶' },
  }),
  accept: body({
    schema: referralAcceptSchema,
    name: REFERRAL_ACTIONS.accept.label,
    summary: 'The receiving department takes the referral on, naming who handles it',
    roles: REFERRAL_PARTY_ROLES[REFERRAL_ACTIONS.accept.by],
    example: { handler: '张老师', note: '已联系学校' },
  }),
  decline: body({
    schema: referralDeclineSchema,
    name: REFERRAL_ACTIONS.decline.label,
    summary: 'The receiving department sends the referral back with reasons',
    roles: REFERRAL_PARTY_ROLES[REFERRAL_ACTIONS.decline.by],
    example: { reasons: '不属于本部门职责' },
  }),
  progress: body({
    schema: referralProgressSchema,
    name: REFERRAL_ACTIONS.progress.label,
    summary: 'The receiving department records progress',
    roles: REFERRAL_PARTY_ROLES[REFERRAL_ACTIONS.progress.by],
    example: { on: '2026-05-06', note: '已受理助学金申请' },
  }),
  complete: body({
    schema: referralCompletionSchema,
    name: REFERRAL_ACTIONS.complete.label,
    summary: "The outcome: served, unable to help, or the member's refusal",
    roles: REFERRAL_PARTY_ROLES[REFERRAL_ACTIONS.complete.by],
    example: { result: 'served', service: '发放助学金', amountYuan: 1500, startedOn: '2026-05-10' },
  }),
} satisfies Record<ReferralAction, BodyDoc>;

export const MANUAL_REFERRAL_BODY = body({
  schema: manualReferralSchema,
  name: '手动转介',
  summary: 'Refer the enrolled household, or one member, to another bureau by hand',
  roles: ACTION_ROLES.referByHand,
  example: { kind: 'rentalSubsidy', reason: '租住私房，月租 600 元' },
});

export const CASE_APPLICATION_EXAMPLE = {
  programme: 'DIBAO_RURAL',
  villageId: '532901003001',
  channel: 'inPerson',
  address: '大理市喜洲镇喜洲村委会三社12号',
  dataCheckAuthorisationSigned: true,
  members: [
    {
      name: '杨秀英',
      idNumber: '532901196803140241',
      relation: 'APPLICANT',
      labourCapacity: 'PARTIAL',
      health: 'CHRONIC',
    },
  ],
} satisfies z.input<typeof caseApplicationSchema>;

export const NEW_STANDARD_EXAMPLE = {
  programme: 'DIBAO_RURAL',
  monthlyYuan: 520,
  effectiveFrom: '2026-07-01',
} satisfies z.input<typeof newStandardSchema>;

export const roleNames = (roles: readonly StaffRole[]) =>
  roles.map((r) => `${STAFF_ROLE_LABELS[r]} ${r}`).join('、');

/** A body's component: its schema titled `<key> · <zh name>`, with who may send it. */
function bodyComponent(key: string, doc: BodyDoc, more = ''): JsonSchema {
  return {
    ...inputJsonSchema(doc.schema),
    title: `${key} · ${doc.name}`,
    description: `${doc.name}: ${doc.summary}. 办理人 Who: ${roleNames(doc.roles)}.${more}`,
  };
}

export function examplesOf(docs: Record<string, BodyDoc>): Record<string, OpenApiExample> {
  return Object.fromEntries(
    Object.entries(docs).map(([key, doc]) => [
      key,
      { summary: `${key} · ${doc.name}`, description: doc.summary, value: doc.example },
    ]),
  );
}

/** The request bodies' components, named as the paths `$ref` them. */
export function requestSchemas(): Record<string, JsonSchema> {
  const titled = (title: string, schema: z.ZodType, description: string): JsonSchema => ({
    ...inputJsonSchema(schema),
    title,
    description,
  });
  return {
    CaseApplication: titled(
      'CaseApplication',
      caseApplicationSchema,
      '低保申请 An application: the programme, village, address, channel, the signed data-check ' +
        'authorisation and the household members (exactly one APPLICANT; 18-digit ID numbers).',
    ),
    NewStandard: titled(
      'NewStandard',
      newStandardSchema,
      '低保标准 A monthly standard in yuan, from a date.',
    ),
    ManualReferral: bodyComponent('manual', MANUAL_REFERRAL_BODY),
    ...Object.fromEntries(
      Object.entries(STEP_BODIES).map(([step, doc]) => [`Step.${step}`, bodyComponent(step, doc)]),
    ),
    ...Object.fromEntries(
      Object.entries(ACTION_BODIES).map(([action, doc]) => [`Action.${action}`, bodyComponent(action, doc)]),
    ),
    ...Object.fromEntries(
      (Object.entries(REFERRAL_ACTION_BODIES) as [ReferralAction, BodyDoc][]).map(([action, doc]) => [
        `ReferralAction.${action}`,
        bodyComponent(action, doc, ` From status ${REFERRAL_ACTIONS[action].from.join(', ')}.`),
      ]),
    ),
  };
}
