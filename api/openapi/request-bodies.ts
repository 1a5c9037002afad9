import { z } from 'zod';
import { careAssessmentSchema } from '../../domain/care-level';
import { HUMAN_STEPS, type HumanStepName } from '../../domain/case-steps';
import {
  listAppraisalSchema,
  listCountyApprovalSchema,
  listObjectionReviewSchema,
  listTownshipReviewSchema,
} from '../../domain/disaster-lists';
import {
  changeReportSchema,
  exitRequestSchema,
  jobReferralRefusalSchema,
  recertInvestigationSchema,
  recertReviewSchema,
} from '../../domain/enrolment-decisions';
import {
  PROGRAMMES,
  type ProcedureFamily,
  type ProgrammeActionName,
  type ProgrammeDefinition,
} from '../../domain/programmes';
import {
  manualReferralSchema,
  referralAcceptSchema,
  referralCompletionSchema,
  referralConfirmSchema,
  referralDeclineSchema,
  referralDismissSchema,
  referralProgressSchema,
} from '../../domain/referral-decisions';
import {
  REFERRAL_ACTIONS,
  REFERRAL_PARTY_ROLES,
  referralPartyRoles,
  type ReferralAction,
} from '../../domain/referral-steps';
import { STAFF_ROLE_LABELS, type StaffRole } from '../../domain/staff-roles';
import { ACTION_ROLES, STEP_ROLES } from '../../domain/step-roles';
import {
  acceptanceDecisionSchema,
  appraisalRecordSchema,
  countyApprovalSchema,
  countyHomeVisitSchema,
  investigationStartSchema,
  letterServiceSchema,
  investigationReportSchema,
  objectionReviewSchema,
  objectionSchema,
  overallExtensionSchema,
  stepExtensionSchema,
  townshipReviewSchema,
} from '../../domain/step-decisions';
import {
  careReassessmentSchema,
  tekunCountyConfirmationSchema,
  tekunInvestigationSchema,
  tekunObjectionReviewSchema,
  terminationObjectionReviewSchema,
} from '../../domain/tekun-decisions';
import {
  bedOfferAnswerSchema,
  careChangeReportSchema,
  supportModeChangeSchema,
  tekunReviewSchema,
} from '../../domain/tekun-support-decisions';
import { terminationRequestSchema } from '../../domain/tekun-termination';
import {
  medicalApprovalSchema,
  medicalCheckSchema,
  medicalSettlementSchema,
} from '../../domain/medical-decisions';
import {
  temporaryCountyDecisionSchema,
  temporaryInvestigationSchema,
  urgentGrantSchema,
} from '../../domain/temporary-decisions';
import {
  hospitalReturnSchema,
  hospitalTransferSchema,
  stayExtensionSchema,
  tracingNoticeSchema,
  vagrantExitSchema,
} from '../../domain/vagrant-decisions';
import { newStandardSchema } from '../routes/county-policy';
import { temporaryFromCaseSchema } from '../temporary-from-case';
import { caseApplicationSchema } from '../schemas/case-application';
import { possibleDuplicateReviewSchema } from '../schemas/possible-duplicate-review';
import { inputJsonSchema, ref, type JsonSchema, type OpenApiExample } from './types';

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

// ── Programmes ──────────────────────────────────────────────────────────────────────────────
//
// A step or action name may belong to several procedure families (domain/programmes.ts), each
// parsing its own body: 低保's countyApproval approves an amount, 特困's confirms support. The
// tables below hold one body per family that has the name, and the compiler holds them to the
// programme definitions: a family's step without its body, or a body for a step the family
// lacks, does not compile.

type Definitions = typeof PROGRAMMES;
type CodeOf<F extends ProcedureFamily> = {
  [C in keyof Definitions]: Definitions[C]['family'] extends F ? C : never;
}[keyof Definitions];

/** The steps (or actions) a family's programmes take, before and after enrolment. */
type NamesOf<F extends ProcedureFamily, Kind extends 'Steps' | 'Actions'> = Definitions[CodeOf<F>][
  `application${Kind}` | `enrolment${Kind}`][number];

/** By name, a body for exactly the families whose programmes have that name. */
type BodyTableOf<Name extends string, Kind extends 'Steps' | 'Actions'> = {
  [N in Name]: { [F in ProcedureFamily as N extends NamesOf<F, Kind> ? F : never]: BodyDoc };
};

/** A table's entries, looser: what the rendering and the test read. */
export type BodyTable = Record<string, Partial<Record<ProcedureFamily, BodyDoc>>>;

/** The short zh-CN name of each family's programmes. */
export const FAMILY_NAMES: Record<ProcedureFamily, string> = {
  dibao: '低保',
  tekun: '特困',
  medical: '医疗救助',
  temporary: '临时救助',
  vagrant: '流浪乞讨人员救助',
  disaster: '灾害救助',
};

const definitions = Object.values(PROGRAMMES) as ProgrammeDefinition[];

export const programmesOf = (family: ProcedureFamily): ProgrammeDefinition[] =>
  definitions.filter((p) => p.family === family);

/** `特困 (TEKUN)`, `低保 (DIBAO_URBAN, DIBAO_RURAL)`. */
export const familyLabel = (family: ProcedureFamily) =>
  `${FAMILY_NAMES[family]} (${programmesOf(family)
    .map((p) => p.code)
    .join(', ')})`;

/** The same body for both families, e.g. acceptance. */
const both = <D extends BodyDoc>(doc: D) => ({ dibao: doc, tekun: doc });
/** The same body for the families that open with acceptance 受理 (a medical claim opens with its check). */
const withAcceptance = <D extends BodyDoc>(doc: D) => ({ ...both(doc), temporary: doc });

/** The same body for every family, e.g. extendStepDeadline. */
const every = <D extends BodyDoc>(doc: D) => ({ ...withAcceptance(doc), medical: doc });
/** The same body also for the disaster family's village lists 名单 (their notice and deadlines). */
const everyWithLists = <D extends BodyDoc>(doc: D) => ({ ...every(doc), disaster: doc });
const bothWithLists = <D extends BodyDoc>(doc: D) => ({ ...both(doc), disaster: doc });

// ── Examples ────────────────────────────────────────────────────────────────────────────────

const EXAMPLE_MEMBER_ID = '5f0c3a3e-8c1b-4d2a-9e57-3b1f6f7d2a10';

const medicalBillsExample = {
  hospital: '大理州人民医院',
  totalYuan: 30000,
  insurerPaidYuan: 20000,
  selfPaidYuan: 10000,
  outsideListYuan: 1200.5,
};

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

const careAssessmentExample = {
  items: {
    eating: 'able',
    dressing: 'able',
    bed: 'able',
    toileting: 'unable',
    walkingIndoors: 'able',
    bathing: 'unable',
  },
  assessedOn: '2026-03-10',
  assessors: ['李明', '王芳'],
} satisfies z.input<typeof careAssessmentSchema>;

const tekunReviewExample = {
  homeVisit: investigationExample.homeVisit,
  ownIncomeMonthlyYuan: 153,
  assets: { depositsYuan: 1200, vehicles: 0, homes: 1 },
  supporters: [{ name: '张建华', relation: 'child', ability: 'unable', unableReason: 'severelyDisabled' }],
  careAssessment: careAssessmentExample,
  note: '本人仅有城乡居民基础养老金',
} satisfies z.input<typeof tekunReviewSchema>;

const tekunInvestigationExample = {
  ...tekunReviewExample,
  supportMode: { mode: 'centralised', preferredHomeId: '532901003-JLY' },
} satisfies z.input<typeof tekunInvestigationSchema>;

/** Body of `POST /api/cases/{id}/steps/{step}`, by step, one per procedure family that has it. */
export const STEP_BODIES = {
  acceptance: withAcceptance(
    body({
      schema: acceptanceDecisionSchema,
      name: HUMAN_STEPS.acceptance,
      summary: 'Accept the application, or refuse to accept it with reasons',
      roles: STEP_ROLES.acceptance,
      example: { decision: 'accept', note: '材料齐全' },
    }),
  ),
  investigation: {
    dibao: body({
      schema: investigationReportSchema,
      name: HUMAN_STEPS.investigation,
      summary: 'Home visit by two staff, incomes, assets and the data-check report',
      roles: STEP_ROLES.investigation,
      example: investigationExample,
    }),
  },
  appraisal: {
    dibao: body({
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
    disaster: body({
      schema: listAppraisalSchema,
      name: `${HUMAN_STEPS.appraisal}（救助名单）`,
      summary: "A village list's appraisal: the meeting, and the households it did not support",
      roles: STEP_ROLES.appraisal,
      example: {
        heldOn: '2026-12-01',
        representativesPresent: 21,
        minutes: '村民代表会议逐户评议，同意上报',
        remove: [],
      },
    }),
  },
  townshipReview: {
    dibao: body({
      schema: townshipReviewSchema,
      name: HUMAN_STEPS.townshipReview,
      summary: 'Propose approval, return to investigation, or refuse',
      roles: STEP_ROLES.townshipReview,
      example: { decision: 'approve', note: '符合条件，报县级审批' },
    }),
    disaster: body({
      schema: listTownshipReviewSchema,
      name: `${HUMAN_STEPS.townshipReview}（救助名单）`,
      summary: 'Pass the village list on (perhaps without some households, each with a reason) or refuse it',
      roles: STEP_ROLES.townshipReview,
      example: { decision: 'pass', note: '经审核，报县级审批' },
    }),
  },
  objectionReview: {
    dibao: body({
      schema: objectionReviewSchema,
      name: HUMAN_STEPS.objectionReview,
      summary: 'Dismiss the objection (new notice) or uphold it (redo investigation or appraisal)',
      roles: STEP_ROLES.objectionReview,
      example: { decision: 'dismiss', reasons: '经核实，异议内容与事实不符' },
    }),
    tekun: body({
      schema: tekunObjectionReviewSchema,
      name: HUMAN_STEPS.objectionReview,
      summary:
        'Dismiss the objection (county confirmation follows) or uphold it (a new investigation and a new notice)',
      roles: STEP_ROLES.objectionReview,
      example: { decision: 'uphold', reasons: '异议反映其子已返乡务工，须重新调查核实赡养能力' },
    }),
    disaster: body({
      schema: listObjectionReviewSchema,
      name: `${HUMAN_STEPS.objectionReview}（救助名单）`,
      summary: 'Deal with the objections to a village list: the households they were upheld against come off',
      roles: STEP_ROLES.objectionReview,
      example: { reasons: '经核实，异议反映情况属实', remove: [] },
    }),
  },
  countyApproval: {
    dibao: body({
      schema: countyApprovalSchema,
      name: HUMAN_STEPS.countyApproval,
      summary:
        'Approve with the monthly amount (another than the computed one only with amountReasons), or refuse with reasons',
      roles: STEP_ROLES.countyApproval,
      example: { decision: 'approve', monthlyAmountYuan: 450 },
    }),
    temporary: body({
      schema: temporaryCountyDecisionSchema,
      name: HUMAN_STEPS.countyApproval,
      summary:
        'Expense path: approve the amount (another than the rule computed only with amountReasons; never over ' +
        "the county's cap) or refuse; urgent path: confirm the grant made, or refuse",
      roles: STEP_ROLES.countyApproval,
      example: { decision: 'approve', amountYuan: 4200 },
    }),
    tekun: body({
      schema: tekunCountyConfirmationSchema,
      name: '县级审核确认',
      summary:
        'Confirm with the monthly support (only when the investigation found the person eligible; another amount than the computed one only with amountReasons), or refuse with reasons',
      roles: STEP_ROLES.countyApproval,
      example: { decision: 'confirm', monthlyAmountYuan: 1180, note: '集中供养，部分丧失生活自理能力' },
    }),
    disaster: body({
      schema: listCountyApprovalSchema,
      name: `${HUMAN_STEPS.countyApproval}（救助名单）`,
      summary:
        'Approve the households still on the village list (their cases opened, winter relief on the roster) or refuse the list',
      roles: STEP_ROLES.countyApproval,
      example: { decision: 'approve', note: '同意' },
    }),
  },
  recertInvestigation: {
    dibao: body({
      schema: recertInvestigationSchema,
      name: HUMAN_STEPS.recertInvestigation,
      summary: "The review's new investigation, or the household's refusal to cooperate",
      roles: STEP_ROLES.recertInvestigation,
      example: { outcome: 'investigated', ...investigationExample },
    }),
  },
  recertReview: {
    dibao: body({
      schema: recertReviewSchema,
      name: HUMAN_STEPS.recertReview,
      summary: "Confirm the re-assessment's outcome, or return for a new investigation",
      roles: STEP_ROLES.recertReview,
      example: { decision: 'confirm' },
    }),
  },
  tekunInvestigation: {
    tekun: body({
      schema: tekunInvestigationSchema,
      name: HUMAN_STEPS.tekunInvestigation,
      summary:
        'Home visit by two staff, own income and assets, the supporters with a legal duty and whether ' +
        "they are able, the six-item care assessment, and the person's choice of centralised or dispersed support",
      roles: STEP_ROLES.tekunInvestigation,
      example: tekunInvestigationExample,
    }),
  },
  tekunReview: {
    tekun: body({
      schema: tekunReviewSchema,
      name: HUMAN_STEPS.tekunReview,
      summary:
        "The yearly review's investigation again, without the support mode (changed by its own action)",
      roles: STEP_ROLES.tekunReview,
      example: tekunReviewExample,
    }),
  },
  careReassessment: {
    tekun: body({
      schema: careReassessmentSchema,
      name: HUMAN_STEPS.careReassessment,
      summary: 'The six-item care assessment again after a reported change, stating the change',
      roles: STEP_ROLES.careReassessment,
      example: { ...careAssessmentExample, reasons: '2026年5月跌倒后行走不便，需他人协助洗澡、如厕' },
    }),
  },
  bedOfferAnswer: {
    tekun: body({
      schema: bedOfferAnswerSchema,
      name: HUMAN_STEPS.bedOfferAnswer,
      summary: "The person's answer to a care-home bed held for them: accept, or decline with reasons",
      roles: STEP_ROLES.bedOfferAnswer,
      example: { answer: 'accept' },
    }),
  },
  temporaryUrgentGrant: {
    temporary: body({
      schema: urgentGrantSchema,
      name: HUMAN_STEPS.temporaryUrgentGrant,
      summary:
        "Grant at once (先行救助), cash or goods at their value, within the county's urgent cap, with reasons; " +
        'cash goes on the payment roster this month',
      roles: STEP_ROLES.temporaryUrgentGrant,
      example: { kind: 'cash', amountYuan: 2000, reasons: '房屋失火，全家无处居住，先行给予生活救助' },
    }),
  },
  temporaryInvestigation: {
    temporary: body({
      schema: temporaryInvestigationSchema,
      name: HUMAN_STEPS.temporaryInvestigation,
      summary:
        'Home visit by two staff, whether the hardship is as stated, and the expense the household still bears ' +
        '(the amount by the rule is no more than it)',
      roles: STEP_ROLES.temporaryInvestigation,
      example: {
        homeVisit: investigationExample.homeVisit,
        hardshipConfirmed: true,
        expenseYuan: 4200,
        findings: '住房及家具于 11 月 28 日失火烧毁，无保险，邻居证实',
      },
    }),
  },
  terminationObjectionReview: {
    tekun: body({
      schema: terminationObjectionReviewSchema,
      name: HUMAN_STEPS.terminationObjectionReview,
      summary:
        'Dismiss the objection to ending support (the termination proceeds) or uphold it (it is withdrawn)',
      roles: STEP_ROLES.terminationObjectionReview,
      example: { decision: 'dismiss', reasons: '经核实，其子确已具备赡养能力' },
    }),
  },
  medicalCheck: {
    medical: body({
      schema: medicalCheckSchema,
      name: HUMAN_STEPS.medicalCheck,
      summary:
        "The township enters the bills (or, for an advance, the hospital's estimate) as handed in, names the person's category, and passes the claim or proposes a refusal",
      roles: STEP_ROLES.medicalCheck,
      example: {
        decision: 'pass',
        kind: 'claim',
        submittedBy: 'hospital',
        category: 'dibao',
        diagnosis: '2型糖尿病伴肾病',
        bills: medicalBillsExample,
      },
    }),
  },
  medicalApproval: {
    medical: body({
      schema: medicalApprovalSchema,
      name: HUMAN_STEPS.medicalApproval,
      summary:
        "Approve (the rules compute the amount on the person's year as it then stands, within the yearly cap) or refuse with reasons",
      roles: STEP_ROLES.medicalApproval,
      example: { decision: 'approve' },
    }),
  },
  medicalSettlement: {
    medical: body({
      schema: medicalSettlementSchema,
      name: HUMAN_STEPS.medicalSettlement,
      summary: "An advance's final bills after discharge: the difference is paid on top or recovered",
      roles: STEP_ROLES.medicalSettlement,
      example: {
        bills: { ...medicalBillsExample, totalYuan: 36000, insurerPaidYuan: 24000, selfPaidYuan: 12000 },
      },
    }),
  },
  vagrantExit: {
    vagrant: body({
      schema: vagrantExitSchema,
      name: HUMAN_STEPS.vagrantExit,
      summary:
        'The way the person left the rescue station, with its record: escorted or ticketed home, handed to family ' +
        '(who, relation), a minor to child protection, or of their own will; a township of origin in the prefecture ' +
        '(homeTownshipId) is sent a referral letter',
      roles: STEP_ROLES.vagrantExit,
      example: {
        way: 'familyHandover',
        claimantName: '李国强',
        relation: '兄弟',
        claimantPhone: '13908720000',
        homeTownshipId: '532922001',
      },
    }),
  },
} satisfies BodyTableOf<HumanStepName, 'Steps'>;

const extendOverallLimitBody = body({
  schema: overallExtensionSchema,
  name: '延长办理总时限',
  summary:
    "Extend the procedure's limit once, to the county's extended limit (低保 30 working days to 45, 临时救助 15 to 20 by default)",
  roles: ACTION_ROLES.extendOverallLimit,
  example: { reasons: '家庭情况复杂，需跨县核对' },
});

/** Body of `POST /api/cases/{id}/actions/{action}`, by action, one per procedure family that has it. */
export const ACTION_BODIES = {
  extendStepDeadline: everyWithLists(
    body({
      schema: stepExtensionSchema,
      name: '延长环节时限',
      summary: "Extend the current step's deadline by working days",
      roles: ACTION_ROLES.extendStepDeadline,
      example: { workingDays: 5, reasons: '申请人外出务工，需补充材料' },
    }),
  ),
  extendOverallLimit: {
    dibao: extendOverallLimitBody,
    temporary: extendOverallLimitBody,
  },
  recordObjection: bothWithLists(
    body({
      schema: objectionSchema,
      name: '登记异议',
      summary:
        'Record an objection received during a public notice (for 特困 also the notice of ending support)',
      roles: ACTION_ROLES.recordObjection,
      example: { receivedOn: '2026-03-25', objector: '匿名', content: '该户有一辆货车未申报' },
    }),
  ),
  recordCountyHomeVisit: {
    dibao: body({
      schema: countyHomeVisitSchema,
      name: '县级入户核查',
      summary: "The county's home visit a declared relative of staff needs before approval",
      roles: ACTION_ROLES.recordCountyHomeVisit,
      example: { visitedOn: '2026-04-02', visitors: ['赵刚', '孙丽'], findings: '家庭情况与申报一致' },
    }),
  },
  recordInvestigationStart: {
    dibao: body({
      schema: investigationStartSchema,
      name: '开始入户调查',
      summary:
        'The investigation has started (home visit under way): due within the county limit (3 working days) of acceptance',
      roles: ACTION_ROLES.recordInvestigationStart,
      example: { startedOn: '2026-03-05', visitors: ['赵刚', '孙丽'] },
    }),
  },
  recordLetterServed: every(
    body({
      schema: letterServiceSchema,
      name: '登记不予批准通知书送达',
      summary:
        'The refusal letter was served on the applicant (送达): due within the county limit (3 working days) of the refusal; taken on the refused (closed) case',
      roles: ACTION_ROLES.recordLetterServed,
      example: { servedOn: '2026-04-08', method: 'inPerson', servedBy: '赵刚' },
    }),
  ),
  reportChange: {
    dibao: body({
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
  },
  requestExit: {
    dibao: body({
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
    tekun: body({
      schema: terminationRequestSchema,
      name: '终止供养',
      summary:
        'Propose ending support, with the reason and its date; a notice follows, and objections to it ' +
        'go to terminationObjectionReview',
      roles: ACTION_ROLES.requestExit,
      example: {
        reason: 'supporterBecameAble',
        supporterName: '张建华',
        occurredOn: '2026-09-01',
        details: '其子返乡在镇上开办修理铺，已具备赡养能力',
      },
    }),
  },
  recordJobReferralRefusal: {
    dibao: body({
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
  },
  reportCareChange: {
    tekun: body({
      schema: careChangeReportSchema,
      name: '登记生活自理能力变化',
      summary: "A change in the person's condition; a care reassessment follows within its limit",
      roles: ACTION_ROLES.reportCareChange,
      example: { description: '老人近期中风，右侧肢体无力，进食需人协助' },
    }),
  },
  changeSupportMode: {
    tekun: body({
      schema: supportModeChangeSchema,
      name: '变更供养方式',
      summary: 'Into a care home (or another one: name it), or back home under a three-party care agreement',
      roles: ACTION_ROLES.changeSupportMode,
      example: {
        supportMode: {
          mode: 'dispersed',
          careAgreement: {
            carerName: '张丽华',
            duties: '每日上门送餐、打扫卫生，陪同就医',
            signedOn: '2026-10-08',
            signedByPersonCarerAndTownship: true,
          },
        },
        reasons: '本人要求回村居住，由侄女照料',
      },
    }),
  },
  recordTracingNotice: {
    vagrant: body({
      schema: tracingNoticeSchema,
      name: '发布寻亲公告',
      summary:
        "The family-tracing notice for a person whose home is unknown, due within the county's hours of intake",
      roles: ACTION_ROLES.recordTracingNotice,
      example: {
        medium: '全国救助寻亲网',
        content: '男，约 50 岁，身高约 170 厘米，左臂有烧伤疤痕，11 月 29 日在下关街道泰安桥附近被发现',
      },
    }),
  },
  extendStay: {
    vagrant: body({
      schema: stayExtensionSchema,
      name: '延长站内救助期限',
      summary: "A supervisor extends an adult's stay by days, with reasons, within the county's most days",
      roles: ACTION_ROLES.extendStay,
      example: { days: 5, reasons: '受助人员户籍地尚在核实，待亲属确认后接领' },
    }),
  },
  transferToHospital: {
    vagrant: body({
      schema: hospitalTransferSchema,
      name: '送医救治',
      summary: 'The person goes to hospital for treatment; the stay clock stands still until the return',
      roles: ACTION_ROLES.transferToHospital,
      example: { hospital: '大理市第一人民医院', condition: 'criticallyIll' },
    }),
  },
  returnFromHospital: {
    vagrant: body({
      schema: hospitalReturnSchema,
      name: '出院返站',
      summary: 'Back from hospital: the stay clock resumes with the time in hospital added',
      roles: ACTION_ROLES.returnFromHospital,
      example: { note: '病情稳定，医嘱出院' },
    }),
  },
} satisfies BodyTableOf<ProgrammeActionName, 'Actions'>;

/**
 * Who answers for the receiving side: a county bureau's officers, or for 返乡转介 (a person
 * leaving a rescue station, referred to the township of origin) that township's officers.
 */
const RECEIVING_ROLES = [
  ...REFERRAL_PARTY_ROLES[REFERRAL_ACTIONS.accept.by],
  ...referralPartyRoles(REFERRAL_ACTIONS.accept.by, 'returnHome'),
];

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
    summary:
      'The receiving department (for 返乡转介 the township of origin) takes the referral on, naming who handles it',
    roles: RECEIVING_ROLES,
    example: { handler: '张老师', note: '已联系学校' },
  }),
  decline: body({
    schema: referralDeclineSchema,
    name: REFERRAL_ACTIONS.decline.label,
    summary: 'The receiving department sends the referral back with reasons',
    roles: RECEIVING_ROLES,
    example: { reasons: '不属于本部门职责' },
  }),
  progress: body({
    schema: referralProgressSchema,
    name: REFERRAL_ACTIONS.progress.label,
    summary: 'The receiving department records progress',
    roles: RECEIVING_ROLES,
    example: { on: '2026-05-06', note: '已受理助学金申请' },
  }),
  complete: body({
    schema: referralCompletionSchema,
    name: REFERRAL_ACTIONS.complete.label,
    summary:
      "The outcome: served, unable to help, or the member's refusal; for 返乡转介 (kind returnHome) the township " +
      'either opens a 低保/特困/临时救助 case for the person (`caseOpened`: programme, villageId in the township, ' +
      'address, labourCapacity, health, `temporary` for 临时救助, name and idNumber only when the station recorded ' +
      'none) or finds none needed (`noneNeeded` with reasons)',
    roles: RECEIVING_ROLES,
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

export const TEMPORARY_FROM_CASE_BODY = body({
  schema: temporaryFromCaseSchema,
  name: '给予临时救助',
  summary:
    'While a 低保 application is pending, file a 临时救助 case for the same household: the household and its ' +
    'members are copied from the 低保 case, the request names the path and the cause',
  roles: ['VILLAGE_ASSISTANT', 'TOWNSHIP_OFFICER'],
  example: {
    path: 'urgent',
    cause: 'seriousIllness',
    circumstances: '申请低保期间户主突发脑出血住院，家庭无力支付住院押金',
    statedExpenseYuan: 8000,
  },
});

/** The body of `POST /api/cases`, one example per procedure family. */
export const CASE_APPLICATION_EXAMPLES = {
  dibao: {
    summary: '一户农村低保申请 A rural 低保 application',
    value: {
      programme: 'DIBAO_RURAL',
      villageId: '532901003001',
      channel: 'inPerson',
      address: '大理市喜洲镇喜洲村委会三社12号',
      dataCheckAuthorisationSigned: true,
      bankAccount: { bankName: '大理农村商业银行', accountNo: '6230520100012345678' },
      members: [
        {
          name: '杨秀英',
          idNumber: '532901196803140241',
          relation: 'APPLICANT',
          labourCapacity: 'PARTIAL',
          health: 'CHRONIC',
        },
      ],
    },
  },
  tekun: {
    summary: '村委会主动发现的特困老人 A 特困 application the village committee found',
    value: {
      programme: 'TEKUN',
      villageId: '532901003001',
      channel: 'villageInitiative',
      address: '大理市喜洲镇喜洲村委会五社3号',
      dataCheckAuthorisationSigned: true,
      members: [
        {
          name: '张秀珍',
          idNumber: '532901194806170324',
          relation: 'APPLICANT',
          labourCapacity: 'NONE',
          health: 'CHRONIC',
        },
      ],
    },
  },
  medical: {
    summary: '住院费用的医疗救助申请 A medical assistance claim for a hospital stay (the patient applies)',
    value: {
      programme: 'MEDICAL',
      villageId: '532901003001',
      channel: 'inPerson',
      address: '大理市喜洲镇喜洲村委会三社8号',
      dataCheckAuthorisationSigned: true,
      members: [
        {
          name: '杨丽华',
          idNumber: '532901196512040320',
          relation: 'APPLICANT',
          labourCapacity: 'PARTIAL',
          health: 'SERIOUS_ILLNESS',
        },
      ],
    },
  },
  temporary: {
    summary: '房屋失火的农户申请临时救助（急难型） An urgent temporary-assistance application after a fire',
    value: {
      programme: 'TEMPORARY',
      villageId: '532901003001',
      channel: 'inPerson',
      address: '大理市喜洲镇喜洲村委会七社8号',
      dataCheckAuthorisationSigned: true,
      members: [
        {
          name: '李桂芬',
          idNumber: '532901197503120323',
          relation: 'APPLICANT',
          labourCapacity: 'FULL',
          health: 'HEALTHY',
        },
      ],
      temporary: {
        path: 'urgent',
        cause: 'fire',
        circumstances: '11 月 28 日夜间住房失火，房屋及家具全部烧毁',
        statedExpenseYuan: 4200,
      },
    },
  },
} satisfies Record<
  // 流浪乞讨人员 are taken in at a rescue station, 受灾人员 registered at a relocation site: not by application.
  Exclude<ProcedureFamily, 'vagrant' | 'disaster'>,
  { summary: string; value: z.input<typeof caseApplicationSchema> }
>;

export const NEW_STANDARD_EXAMPLE = {
  programme: 'DIBAO_RURAL',
  monthlyYuan: 520,
  effectiveFrom: '2026-07-01',
} satisfies z.input<typeof newStandardSchema>;

export const roleNames = (roles: readonly StaffRole[]) =>
  roles.map((r) => `${STAFF_ROLE_LABELS[r]} ${r}`).join('、');

// ── Rendering ───────────────────────────────────────────────────────────────────────────────

/** One documented body of a step or action: the one body of a name, or one family's. */
export interface BodyVariant {
  /** The step or action, as in the path. */
  name: string;
  /** `acceptance` where every family parses the same body, `countyApproval.tekun` where they differ. */
  key: string;
  families: ProcedureFamily[];
  doc: BodyDoc;
}

/** A table's bodies, those the families share counted once. */
export function variantsOf(table: BodyTable): BodyVariant[] {
  return Object.entries(table).flatMap(([name, byFamily]) => {
    const families = new Map<BodyDoc, ProcedureFamily[]>();
    for (const [family, doc] of Object.entries(byFamily) as [ProcedureFamily, BodyDoc][])
      families.set(doc, [...(families.get(doc) ?? []), family]);
    return [...families].map(([doc, of]) => ({
      name,
      key: families.size === 1 ? name : `${name}.${of.join('.')}`,
      families: of,
      doc,
    }));
  });
}

const familiesLabel = (families: readonly ProcedureFamily[]) => families.map(familyLabel).join('、');

/** A body's component: its schema titled `<key> · <zh name>`, with who may send it. */
function bodyComponent(key: string, doc: BodyDoc, more = ''): JsonSchema {
  return {
    ...inputJsonSchema(doc.schema),
    title: `${key} · ${doc.name}`,
    description: `${doc.name}: ${doc.summary}. 办理人 Who: ${roleNames(doc.roles)}.${more}`,
  };
}

/**
 * The components of a step or action table, `<prefix>.<name>` each. A name whose families parse
 * different bodies has one component per family (`Step.countyApproval.dibao`, `….tekun`), and
 * `<prefix>.<name>` offers them as alternatives, each described with its programmes. `anyOf`, not
 * `oneOf`: the case's programme decides which applies, not the body, and bodies of two families
 * may read the same (`{ decision: 'refuse', reasons }` is 低保's and 特困's county refusal).
 */
function tableComponents(prefix: string, table: BodyTable): Record<string, JsonSchema> {
  const variants = variantsOf(table);
  const components: Record<string, JsonSchema> = {};
  for (const name of Object.keys(table)) {
    const own = variants.filter((v) => v.name === name);
    for (const v of own) {
      const programmes = ` 适用 For: ${familiesLabel(v.families)}.`;
      components[`${prefix}.${v.key}`] = bodyComponent(v.key, v.doc, programmes);
    }
    if (own.length > 1) {
      components[`${prefix}.${name}`] = {
        title: `${name} · ${[...new Set(own.map((v) => v.doc.name))].join(' / ')}`,
        description:
          '请求体取决于案件所属项目 The body depends on the programme of the case: ' +
          own.map((v) => `${familiesLabel(v.families)} \`${prefix}.${v.key}\` ${v.doc.name}`).join('; ') +
          '.',
        anyOf: own.map((v) => ref(`${prefix}.${v.key}`)),
      };
    }
  }
  return components;
}

/** The examples of a table: one per body, named by its key and its programmes. */
export function tableExamples(table: BodyTable): Record<string, OpenApiExample> {
  return Object.fromEntries(
    variantsOf(table).map((v) => [
      v.key,
      {
        summary: `${v.key} · ${v.doc.name}`,
        description: `${familiesLabel(v.families)}: ${v.doc.summary}`,
        value: v.doc.example,
      },
    ]),
  );
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
  const channels = definitions.map((p) => `${p.code} ${p.name}: ${p.channels.join(', ')}`).join('; ');
  return {
    CaseApplication: titled(
      'CaseApplication',
      caseApplicationSchema,
      '申请 An application: the programme, village, address, channel, the signed data-check ' +
        'authorisation and the household members (exactly one APPLICANT; 18-digit ID numbers). ' +
        `Channels by programme: ${channels}. A proxy needs proxyAuthorisationSigned.`,
    ),
    PossibleDuplicateReview: titled(
      'PossibleDuplicateReview',
      possibleDuplicateReviewSchema,
      '核实疑似重复 confirm (one person) or clear (two people), with what the township found.',
    ),
    NewStandard: titled(
      'NewStandard',
      newStandardSchema,
      '低保标准 A monthly standard in yuan, from a date.',
    ),
    TemporaryFromCase: bodyComponent(
      'temporaryFromCase',
      TEMPORARY_FROM_CASE_BODY,
      ' 适用 For: DIBAO_URBAN, DIBAO_RURAL, while the application is pending.',
    ),
    ManualReferral: bodyComponent(
      'manual',
      MANUAL_REFERRAL_BODY,
      ` 适用 For: ${definitions
        .filter((p) => p.referrals)
        .map((p) => p.code)
        .join(', ')}, while enrolled.`,
    ),
    ...tableComponents('Step', STEP_BODIES),
    ...tableComponents('Action', ACTION_BODIES),
    ...Object.fromEntries(
      (Object.entries(REFERRAL_ACTION_BODIES) as [ReferralAction, BodyDoc][]).map(([action, doc]) => [
        `ReferralAction.${action}`,
        bodyComponent(action, doc, ` From status ${REFERRAL_ACTIONS[action].from.join(', ')}.`),
      ]),
    ),
  };
}
