import { z } from 'zod';
import { CASE_STATUSES, HUMAN_STEPS, PROCEDURE_STEPS } from '../domain/case-steps';
import {
  changeReportSchema,
  exitRequestSchema,
  jobReferralRefusalSchema,
  recertInvestigationSchema,
  recertReviewSchema,
} from '../domain/enrolment-decisions';
import {
  manualReferralSchema,
  referralAcceptSchema,
  referralCompletionSchema,
  referralConfirmSchema,
  referralDeclineSchema,
  referralDismissSchema,
  referralProgressSchema,
} from '../domain/referral-decisions';
import { REFERRAL_DEPARTMENTS, REFERRAL_KINDS } from '../domain/referral-needs';
import {
  REFERRAL_ACTIONS,
  REFERRAL_PARTY_ROLES,
  REFERRAL_STATUSES,
  type ReferralAction,
} from '../domain/referral-steps';
import type { ReferralSummary } from '../domain/referral-summary';
import { STAFF_ROLE_LABELS, type StaffRole } from '../domain/staff-roles';
import { ACTION_ROLES, STEP_ROLES } from '../domain/step-roles';
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
} from '../domain/step-decisions';
import {
  caseActions,
  enrolmentActions,
  type CaseView,
  type EnrolmentActionName,
  type CaseActionName,
  type stepUpdates,
} from '../workflows/definitions';
import type { ReferralView } from '../workflows/referral-definitions';
import {
  actionParamsSchema as caseActionParamsSchema,
  memberParamsSchema,
  stepParamsSchema,
} from './routes/cases';
import { newStandardSchema, paramsSchema as countyParamsSchema } from './routes/county-policy';
import {
  actionParamsSchema as referralActionParamsSchema,
  inboxQuerySchema,
  refSchema as referralRefSchema,
  summaryQuerySchema,
} from './routes/referrals';
import { caseApplicationSchema, caseRefSchema, idempotencyKeyHeaderSchema } from './schemas/case-application';

/**
 * The OpenAPI 3.1 description of the staff API, generated from the same zod schemas the routes
 * and the workflows' Update validators parse with (zod 4's `z.toJSONSchema`, input side, so
 * defaults show as optional fields and transforms as the text a client sends). Served by
 * `api/routes/api-docs.ts`.
 */

// ---------------------------------------------------------------------------------------------
// Types: just enough of OpenAPI 3.1 to keep the document's shape honest.

export type JsonSchema = { [keyword: string]: unknown };
type Ref = { $ref: string };

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface OpenApiOperation {
  tags: string[];
  summary: string;
  description?: string;
  operationId: string;
  security: Record<string, string[]>[];
  parameters?: OpenApiParameter[];
  requestBody?: {
    required: boolean;
    description?: string;
    content: Record<string, { schema: JsonSchema | Ref; examples?: Record<string, OpenApiExample> }>;
  };
  responses: Record<string, OpenApiResponse | Ref>;
}

export interface OpenApiExample {
  summary: string;
  description?: string;
  value: unknown;
}

export interface OpenApiResponse {
  description: string;
  content?: Record<string, { schema: JsonSchema | Ref; examples?: Record<string, OpenApiExample> }>;
}

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type OpenApiPathItem = Partial<Record<HttpMethod, OpenApiOperation>>;
/** Path templates (`/api/cases/{id}`) to their operations. */
export type OpenApiPaths = Record<string, OpenApiPathItem>;

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: { url: string; description: string }[];
  tags: { name: string; description: string }[];
  paths: OpenApiPaths;
  components: {
    securitySchemes: Record<string, JsonSchema>;
    schemas: Record<string, JsonSchema>;
    responses: Record<string, OpenApiResponse>;
  };
}

/**
 * More paths for the document, e.g. the console's `/login` and `/logout` once they are to be
 * described: `buildOpenApiDocument({ extraPaths: [consolePaths()] })`. Their schemas go in
 * `schemas` (component name → JSON Schema) so `$ref`s between them resolve.
 */
export interface OpenApiPathSource {
  paths: OpenApiPaths;
  schemas?: Record<string, JsonSchema>;
  tags?: { name: string; description: string }[];
}

// ---------------------------------------------------------------------------------------------
// zod → JSON Schema

/** The JSON Schema (2020-12, the dialect of OpenAPI 3.1) of what a client sends. */
export function inputJsonSchema(schema: z.ZodType): JsonSchema {
  const generated = z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-2020-12',
    // A refinement or transform has no JSON Schema: document the input and let the API say more.
    unrepresentable: 'any',
  }) as JsonSchema;
  const { $schema: _dialect, ...rest } = generated;
  return titleUnionBranches(rest);
}

/**
 * Names each branch of a discriminated union (`decision: accept`, `reason: fraud`…) so Swagger
 * UI lists them by what they mean rather than as "object 1, object 2".
 */
function titleUnionBranches(schema: JsonSchema): JsonSchema {
  const branches = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
  if (!branches) return schema;
  for (const branch of branches) {
    if (branch.title) continue;
    const properties = (branch.properties ?? {}) as Record<string, JsonSchema>;
    const tag = Object.entries(properties).find(([, p]) => typeof p.const === 'string');
    if (tag) branch.title = `${tag[0]}: ${String(tag[1].const)}`;
  }
  return schema;
}

/**
 * The path, query or header parameters of an object schema, one per property. A path parameter
 * is always required; `described` adds a sentence for a parameter's reader.
 */
function parametersOf<S extends z.ZodObject>(
  schema: S,
  where: OpenApiParameter['in'],
  described: Partial<Record<keyof z.input<S> & string, string>> = {},
): OpenApiParameter[] {
  const json = inputJsonSchema(schema);
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const description = (described as Record<string, string | undefined>)[name];
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(description && { description }),
      schema: property,
    };
  });
}

const ref = (component: string): Ref => ({ $ref: `#/components/schemas/${component}` });
const response = (name: string): Ref => ({ $ref: `#/components/responses/${name}` });
const json = (schema: JsonSchema | Ref, examples?: Record<string, OpenApiExample>) => ({
  'application/json': { schema, ...(examples && { examples }) },
});

// ---------------------------------------------------------------------------------------------
// The submissions of the human steps and actions, each with the schema its validator parses.

/** A documented request body: its schema, who may send it, and an example the schema accepts. */
interface BodyDoc<S extends z.ZodType = z.ZodType> {
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

type ActionName = CaseActionName | EnrolmentActionName;

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

const roleNames = (roles: readonly StaffRole[]) =>
  roles.map((r) => `${STAFF_ROLE_LABELS[r]} ${r}`).join('、');

/** A body's component: its schema titled `<key> · <zh name>`, with who may send it. */
function bodyComponent(key: string, doc: BodyDoc, more = ''): JsonSchema {
  return {
    ...inputJsonSchema(doc.schema),
    title: `${key} · ${doc.name}`,
    description: `${doc.name}: ${doc.summary}. 办理人 Who: ${roleNames(doc.roles)}.${more}`,
  };
}

function examplesOf(docs: Record<string, BodyDoc>): Record<string, OpenApiExample> {
  return Object.fromEntries(
    Object.entries(docs).map(([key, doc]) => [
      key,
      { summary: `${key} · ${doc.name}`, description: doc.summary, value: doc.example },
    ]),
  );
}

// ---------------------------------------------------------------------------------------------
// Responses

const nullable = (schema: JsonSchema): JsonSchema => ({
  ...schema,
  type: [schema.type as string, 'null'],
});
const dateTime: JsonSchema = { type: 'string', format: 'date-time' };
const localDate: JsonSchema = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', examples: ['2026-03-10'] };

/** An object schema whose properties are checked against a TypeScript type's keys. */
function objectOf<T>(
  title: string,
  description: string,
  properties: { [K in keyof T]-?: JsonSchema },
): JsonSchema {
  return { title, description, type: 'object', properties, required: Object.keys(properties) };
}

const caseStatus: JsonSchema = {
  type: 'string',
  enum: Object.keys(CASE_STATUSES),
  description: Object.entries(CASE_STATUSES)
    .map(([k, v]) => `${k} ${v}`)
    .join('; '),
};
const referralStatus: JsonSchema = {
  type: 'string',
  enum: Object.keys(REFERRAL_STATUSES),
  description: Object.entries(REFERRAL_STATUSES)
    .map(([k, v]) => `${k} ${v}`)
    .join('; '),
};

const responseSchemas: Record<string, JsonSchema> = {
  Error: {
    title: 'Error',
    description: '错误 Every error answers with this shape.',
    type: 'object',
    properties: {
      error: {
        type: 'string',
        description: 'Machine-readable code, e.g. invalid_input, WrongStep, not_found.',
      },
      message: { type: 'string', description: 'What went wrong, for a person (zh-CN, English in brackets).' },
      details: {
        type: 'array',
        description:
          'With invalid_input: one entry per field, named `body.x`, `params.x`, `query.x` or `headers.x`.',
        items: {
          type: 'object',
          properties: {
            field: { type: 'string', examples: ['body.members.0.idNumber'] },
            message: { type: 'string' },
          },
          required: ['field', 'message'],
        },
      },
    },
    required: ['error', 'message'],
  },
  CaseView: objectOf<CaseView>(
    'CaseView',
    '案件状态 The case as its workflow sees it, answered by every step and action.',
    {
      caseNo: { type: 'string', examples: ['DB-532901-2026-000001'] },
      status: caseStatus,
      currentStep: nullable({ type: 'string', enum: [...Object.keys(PROCEDURE_STEPS), null] }),
      assigneeUnitId: nullable({ type: 'string' }),
      dueAt: nullable(dateTime),
      overdue: { type: 'boolean' },
      overallDueAt: nullable(dateTime),
      overallOverdue: { type: 'boolean' },
      monthlyAmount: nullable({ type: 'number' }),
      nextReviewAt: nullable(dateTime),
    },
  ),
  Case: {
    title: 'Case',
    description: '案件 A case with its household (ID numbers masked) and its event log, oldest first.',
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' },
      caseNo: { type: 'string', examples: ['DB-532901-2026-000001'] },
      programme: { type: 'string', enum: ['DIBAO_URBAN', 'DIBAO_RURAL'] },
      status: caseStatus,
      currentStep: nullable({ type: 'string' }),
      assigneeUnitId: nullable({ type: 'string' }),
      dueAt: nullable(dateTime),
      overdue: { type: 'boolean' },
      monthlyAmount: nullable({ type: 'number' }),
      nextReviewAt: nullable(dateTime),
      appliedAt: dateTime,
      closedAt: nullable(dateTime),
      workflowId: { type: 'string' },
      household: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          village: { type: 'string' },
          address: { type: 'string' },
          members: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: { type: 'string', description: 'memberId in investigation reports and referrals' },
                name: { type: 'string' },
                idNumber: { type: 'string', description: 'masked', examples: ['532***********0241'] },
                relation: { type: 'string' },
                birthDate: localDate,
                sex: { type: 'string' },
                disabilityGrade: nullable({ type: 'integer' }),
                labourCapacity: { type: 'string' },
                health: { type: 'string' },
              },
            },
          },
        },
      },
      events: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            seq: { type: 'integer' },
            type: { type: 'string' },
            step: nullable({ type: 'string' }),
            actor: nullable({ type: 'string' }),
            actorRole: nullable({ type: 'string' }),
            decision: nullable({ type: 'string' }),
            reasons: nullable({ type: 'string' }),
            payload: {},
            occurredAt: dateTime,
          },
        },
      },
    },
  },
  ReferralView: objectOf<ReferralView>(
    'ReferralView',
    '转介状态 The referral as its workflow sees it, answered by every referral action.',
    {
      referralNo: { type: 'string', examples: ['DB-532901-2026-000001-Z01'] },
      status: referralStatus,
      receivingUnitId: { type: 'string' },
      dueAt: nullable(dateTime),
      overdue: { type: 'boolean' },
    },
  ),
  ReferralListItem: {
    title: 'ReferralListItem',
    type: 'object',
    properties: {
      referralNo: { type: 'string' },
      caseNo: { type: 'string' },
      applicantName: { type: 'string' },
      memberName: nullable({ type: 'string' }),
      kind: { type: 'string', enum: Object.keys(REFERRAL_KINDS) },
      kindName: { type: 'string' },
      department: { type: 'string', enum: Object.keys(REFERRAL_DEPARTMENTS) },
      receivingUnit: { type: 'string' },
      status: referralStatus,
      statusName: { type: 'string' },
      reason: { type: 'string' },
      source: { type: 'string', enum: ['proposed', 'manual'] },
      dueAt: nullable(dateTime),
      overdue: { type: 'boolean' },
      sentAt: nullable(dateTime),
      acceptedAt: nullable(dateTime),
      endedAt: nullable(dateTime),
    },
  },
  Referral: {
    title: 'Referral',
    description: '转介详情 One referral with its household, member (ID number masked), letters and timeline.',
    allOf: [
      ref('ReferralListItem'),
      {
        type: 'object',
        properties: {
          handler: nullable({ type: 'string' }),
          acceptDueAt: nullable(dateTime),
          completeDueAt: nullable(dateTime),
          outcome: {},
          household: {
            type: 'object',
            properties: { village: { type: 'string' }, address: { type: 'string' } },
          },
          member: { type: 'object' },
          letters: { type: 'array', items: { type: 'object' } },
          events: { type: 'array', items: { type: 'object' } },
        },
      },
    ],
  },
  ReferralSummary: {
    title: 'ReferralSummary',
    type: 'object',
    properties: {
      departments: {
        type: 'array',
        items: {
          allOf: [
            {
              type: 'object',
              properties: {
                receivingUnitId: { type: 'string' },
                receivingUnit: { type: 'string' },
                department: { type: 'string', enum: Object.keys(REFERRAL_DEPARTMENTS) },
              },
            },
            objectOf<ReferralSummary>('ReferralFigures', 'Per receiving bureau.', {
              received: { type: 'integer' },
              open: { type: 'integer' },
              overdue: { type: 'integer' },
              declined: { type: 'integer' },
              completed: { type: 'integer' },
              medianHoursToAccept: nullable({ type: 'number' }),
              medianHoursToComplete: nullable({ type: 'number' }),
            }),
          ],
        },
      },
    },
  },
  CountyPolicy: {
    title: 'CountyPolicy',
    description: "县级政策 The county's configuration as the procedures apply it.",
    type: 'object',
    properties: {
      county: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
      policy: { type: 'object', description: 'Every figure DOMAIN.md marks as a county default.' },
      standards: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            programme: { type: 'string', enum: ['DIBAO_URBAN', 'DIBAO_RURAL'] },
            monthlyYuan: { type: 'number' },
            effectiveFrom: localDate,
          },
        },
      },
      calendar: { description: 'The holiday calendar working days are counted over.' },
    },
  },
  Standard: {
    title: 'Standard',
    type: 'object',
    properties: {
      id: { type: 'string' },
      programme: { type: 'string', enum: ['DIBAO_URBAN', 'DIBAO_RURAL'] },
      monthlyYuan: { type: 'number' },
      effectiveFrom: localDate,
    },
  },
  Health: {
    title: 'Health',
    type: 'object',
    properties: {
      status: { type: 'string', enum: ['ok', 'degraded'] },
      database: ref('Probe'),
      temporal: ref('Probe'),
    },
  },
  Probe: {
    title: 'Probe',
    type: 'object',
    properties: { ok: { type: 'boolean' }, error: { type: 'string' } },
    required: ['ok'],
  },
};

const errorResponse = (description: string, examples: Record<string, [string, string]>): OpenApiResponse => ({
  description,
  content: json(
    ref('Error'),
    Object.fromEntries(
      Object.entries(examples).map(([code, [summary, message]]) => [
        code,
        { summary, value: { error: code, message } },
      ]),
    ),
  ),
});

const errorResponses: Record<string, OpenApiResponse> = {
  InvalidInput: {
    description:
      '输入有误 invalid_input: a path parameter, query, header or body field the route parses is wrong; ' +
      '`details` names each field (`body.members.0.idNumber`, `params.id`, `query.status.0`).',
    content: json(ref('Error'), {
      invalid_input: {
        summary: 'A body field is wrong',
        value: {
          error: 'invalid_input',
          message: 'body.address: 请填写住址',
          details: [{ field: 'body.address', message: '请填写住址' }],
        },
      },
    }),
  },
  Unauthenticated: errorResponse('未登录 No or wrong HTTP Basic credentials, and no signed-in session.', {
    unauthenticated: ['Not signed in', '请先登录 (sign in with HTTP Basic credentials)'],
  }),
  Forbidden: errorResponse(
    '无权办理 The role may not do this, the case or village lies outside the jurisdiction, or a session ' +
      'request lacks its x-csrf-token.',
    {
      Forbidden: ['Role or jurisdiction', '案件不在您的管辖范围内 (case outside your jurisdiction)'],
    },
  ),
  NotFound: errorResponse(
    '不存在 No such resource — or one outside the jurisdiction: existence is not disclosed.',
    { not_found: ['Not found', '案件不存在 (no such case)'] },
  ),
  Conflict: errorResponse(
    '冲突 Not now: the case or referral is at another step or in another status (WrongStep), another ' +
      'decision is being recorded (StepBusy), a rule stands in the way for now (NotYet), or it has ended ' +
      '(CaseClosed, ReferralClosed).',
    {
      WrongStep: ['Another step', '案件当前不在此环节 (the case is not at this step)'],
      CaseClosed: ['Closed', '案件已办结 (the case is closed)'],
    },
  ),
  Unprocessable: errorResponse(
    '内容不符合规则 InvalidPayload: the workflow refused the body before recording anything; the message ' +
      'names each field (`reasons: 请填写理由`).',
    { InvalidPayload: ['A body field is wrong', 'reasons: 请填写理由'] },
  ),
  TooManyAttempts: errorResponse('登录失败次数过多 Ten failed sign-ins in 15 minutes from one address.', {
    too_many_attempts: [
      'Locked out for now',
      '登录失败次数过多，请 15 分钟后再试 (too many failed sign-ins)',
    ],
  }),
};

// ---------------------------------------------------------------------------------------------
// Operations

const READ_SECURITY: OpenApiOperation['security'] = [{ basicAuth: [] }, { sessionCookie: [] }];
/** A signed-in browser's session must send its CSRF token with every write. */
const WRITE_SECURITY: OpenApiOperation['security'] = [
  { basicAuth: [] },
  { sessionCookie: [], csrfToken: [] },
];

type Status = '400' | '401' | '403' | '404' | '409' | '422' | '429';
const ERROR_RESPONSES: Record<Status, string> = {
  '400': 'InvalidInput',
  '401': 'Unauthenticated',
  '403': 'Forbidden',
  '404': 'NotFound',
  '409': 'Conflict',
  '422': 'Unprocessable',
  '429': 'TooManyAttempts',
};

/** The error statuses an operation answers, besides 401 and 429 which every signed-in route may. */
function errors(...statuses: Status[]): Record<string, Ref> {
  const all: Status[] = [...statuses, '401', '429'];
  return Object.fromEntries(
    [...new Set(all)].sort().map((status) => [status, response(ERROR_RESPONSES[status])]),
  );
}

const ok = (description: string, component: string): OpenApiResponse => ({
  description,
  content: json(ref(component)),
});

const stepList = Object.entries(STEP_BODIES)
  .map(([step, doc]) => `- \`${step}\` ${doc.name} — ${doc.summary} (${roleNames(doc.roles)})`)
  .join('\n');

const actionList = (Object.entries(ACTION_BODIES) as [ActionName, BodyDoc][])
  .map(([action, doc]) => {
    const during = [
      action in caseActions ? '申请期间 while applying' : null,
      action in enrolmentActions ? '保障期间 while enrolled' : null,
    ]
      .filter(Boolean)
      .join(', ');
    return `- \`${action}\` ${doc.name} — ${doc.summary} (${roleNames(doc.roles)}; ${during})`;
  })
  .join('\n');

const referralActionList = (Object.entries(REFERRAL_ACTION_BODIES) as [ReferralAction, BodyDoc][])
  .map(([action, doc]) => {
    const from = REFERRAL_ACTIONS[action].from.join(', ');
    return `- \`${action}\` ${doc.name} — ${doc.summary} (${roleNames(doc.roles)}; from ${from})`;
  })
  .join('\n');

const submissionNote =
  '提交交由案件所在工作流的 Update 校验：环节不符 409，角色或管辖不符 403，内容不符合规则 422，均不记录任何内容。\n\n' +
  "The submission goes to an Update of the workflow that holds the case (the application's, or once " +
  "approved the enrolment's). Its validator refuses the wrong step (409), the wrong role or " +
  'jurisdiction (403) and a body the rules refuse (422, naming the field) before anything is recorded. ' +
  'Answers the case as the workflow sees it afterwards.';

const caseTags = ['cases'];

function casePaths(): OpenApiPaths {
  return {
    '/api/cases': {
      post: {
        tags: caseTags,
        summary: '申请 File a 低保 application',
        description:
          '村协理员或乡镇经办代为申请：写入家庭、成员、案件及首个事件，并启动案件工作流 `case-<caseNo>`。\n\n' +
          'A village assistant or township officer files an application: household, members, case and ' +
          'its first event are written in one transaction and the workflow `case-<caseNo>` starts. ' +
          'ID numbers are checked by their GB 11643 check digit; exactly one member is the APPLICANT. ' +
          'With an `Idempotency-Key`, the same request again answers 200 with the first case.',
        operationId: 'fileApplication',
        security: WRITE_SECURITY,
        parameters: parametersOf(idempotencyKeyHeaderSchema, 'header', {
          'idempotency-key':
            'Makes a repeated request answer with the first case (8–128 of A–Z a–z 0–9 _-:.).',
        }),
        requestBody: {
          required: true,
          content: json(ref('CaseApplication'), {
            application: {
              summary: '一户农村低保申请 A rural 低保 application',
              value: CASE_APPLICATION_EXAMPLE,
            },
          }),
        },
        responses: {
          '201': ok('已申请 The case, created.', 'Case'),
          '200': ok('The case the same Idempotency-Key created before.', 'Case'),
          ...errors('400', '403', '422'),
        },
      },
    },
    '/api/cases/{id}': {
      get: {
        tags: caseTags,
        summary: '查看案件 One case with its household and events',
        description: 'Every read is written to the audit log. Out of jurisdiction answers 404.',
        operationId: 'getCase',
        security: READ_SECURITY,
        parameters: parametersOf(caseRefSchema, 'path', {
          id: 'The case number (DB-532901-2026-000001) or its id (UUID).',
        }),
        responses: { '200': ok('The case.', 'Case'), ...errors('400', '404') },
      },
    },
    '/api/cases/{id}/steps/{step}': {
      post: {
        tags: caseTags,
        summary: '办理环节 Decide a human step',
        description:
          `${submissionNote}\n\n请求体取决于路径中的环节 The body depends on the step in the path; ` +
          'each alternative is titled with its step:\n\n' +
          stepList,
        operationId: 'decideStep',
        security: WRITE_SECURITY,
        parameters: parametersOf(stepParamsSchema, 'path', {
          id: 'The case number or id.',
          step: 'The step the case is at; see the list above.',
        }),
        requestBody: {
          required: true,
          description: 'One of the titled bodies: the one whose title starts with the `step` in the path.',
          // anyOf, not oneOf: two steps take the same shape (townshipReview and recertReview
          // both `{ decision: 'return', reasons }`), so exactly-one-matches would refuse it.
          content: json(
            { anyOf: Object.keys(STEP_BODIES).map((step) => ref(`Step.${step}`)) },
            examplesOf(STEP_BODIES),
          ),
        },
        responses: {
          '200': ok('The case after the decision.', 'CaseView'),
          ...errors('400', '403', '404', '409', '422'),
        },
      },
    },
    '/api/cases/{id}/actions/{action}': {
      post: {
        tags: caseTags,
        summary: '办理事项 Supervision, objections, county visit; while enrolled, changes and exits',
        description:
          `${submissionNote}\n\n请求体取决于路径中的事项 The body depends on the action in the path; ` +
          'each alternative is titled with its action:\n\n' +
          actionList,
        operationId: 'takeCaseAction',
        security: WRITE_SECURITY,
        parameters: parametersOf(caseActionParamsSchema, 'path', {
          id: 'The case number or id.',
          action:
            'See the list above; 409 WrongStep when the case is not in the phase the action belongs to.',
        }),
        requestBody: {
          required: true,
          description: 'One of the titled bodies: the one whose title starts with the `action` in the path.',
          content: json(
            { anyOf: Object.keys(ACTION_BODIES).map((action) => ref(`Action.${action}`)) },
            examplesOf(ACTION_BODIES),
          ),
        },
        responses: {
          '200': ok('The case after the action.', 'CaseView'),
          ...errors('400', '403', '404', '409', '422'),
        },
      },
    },
    '/api/cases/{id}/members/{memberId}/id-number': {
      post: {
        tags: caseTags,
        summary: '查看完整身份证号 Reveal a member’s full ID number',
        description:
          '案件视图中的身份证号均已脱敏；可查看案件者可调取完整号码，每次调取记入审计日志。\n\n' +
          'Case views mask ID numbers. Whoever may see the case may read one member’s full number; ' +
          'every reading is written to the audit log (hence POST).',
        operationId: 'revealIdNumber',
        security: WRITE_SECURITY,
        parameters: parametersOf(memberParamsSchema, 'path', {
          id: 'The case number or id.',
          memberId: 'The member’s id, from the case’s household.members.',
        }),
        responses: {
          '200': {
            description: 'The full ID number.',
            content: json({
              type: 'object',
              properties: { idNumber: { type: 'string', examples: ['532901196803140241'] } },
              required: ['idNumber'],
            }),
          },
          ...errors('400', '403', '404'),
        },
      },
    },
    '/api/cases/{id}/referrals': {
      post: {
        tags: [...caseTags, 'referrals'],
        summary: '手动转介 Refer an enrolled household to another bureau by hand',
        description: `${submissionNote}\n\nOnly while the household is enrolled (409 otherwise).`,
        operationId: 'referByHand',
        security: WRITE_SECURITY,
        parameters: parametersOf(caseRefSchema, 'path', { id: 'The case number or id.' }),
        requestBody: {
          required: true,
          content: json(ref('ManualReferral'), examplesOf({ manual: MANUAL_REFERRAL_BODY })),
        },
        responses: {
          '201': {
            description: "The referral's number.",
            content: json({
              type: 'object',
              properties: { referralNo: { type: 'string', examples: ['DB-532901-2026-000001-Z03'] } },
              required: ['referralNo'],
            }),
          },
          ...errors('400', '403', '404', '409', '422'),
        },
      },
    },
  };
}

function countyPaths(): OpenApiPaths {
  const countyId = parametersOf(countyParamsSchema, 'path', {
    countyId: 'The 6-digit county code, e.g. 532901.',
  });
  return {
    '/api/counties/{countyId}/standards': {
      post: {
        tags: ['counties'],
        summary: '调整低保标准 Set a new standard from a date',
        description:
          '仅本县民政局审批人员。Every enrolled case of the programme is then asked for an out-of-cycle ' +
          'review, whose re-assessment applies the standard in force. County approver of the county only.',
        operationId: 'setStandard',
        security: WRITE_SECURITY,
        parameters: countyId,
        requestBody: {
          required: true,
          content: json(ref('NewStandard'), {
            standard: { summary: 'A new rural standard', value: NEW_STANDARD_EXAMPLE },
          }),
        },
        responses: {
          '201': ok('The standard, recorded.', 'Standard'),
          ...errors('400', '403', '404', '409'),
        },
      },
    },
    '/api/counties/{countyId}/policy': {
      get: {
        tags: ['counties'],
        summary: "县级政策 The county's configuration, standards and holiday calendar",
        description:
          "Readable by the county's own staff and by those above it; any other county answers 404.",
        operationId: 'getCountyPolicy',
        security: READ_SECURITY,
        parameters: countyId,
        responses: { '200': ok('The county policy.', 'CountyPolicy'), ...errors('400', '404') },
      },
    },
  };
}

function referralPaths(): OpenApiPaths {
  const referralNo = { referralNo: 'The referral number, e.g. DB-532901-2026-000001-Z01.' };
  return {
    '/api/referrals': {
      get: {
        tags: ['referrals'],
        summary: '转介收件箱 The referrals the user may see, soonest due first',
        description:
          'A department officer sees those sent to the own bureau of the own county; township and ' +
          'county staff those of cases in their jurisdiction.',
        operationId: 'listReferrals',
        security: READ_SECURITY,
        parameters: parametersOf(inboxQuerySchema, 'query', {
          status: `One status or a comma-separated list of: ${Object.keys(REFERRAL_STATUSES).join(', ')}.`,
          overdue: 'Only overdue (true) or only not overdue (false).',
          dueBefore: 'Due before this local (UTC+8) date, YYYY-MM-DD.',
          department: 'The receiving bureau.',
          limit: 'Page size, 1–200.',
          offset: 'How many to skip.',
        }),
        responses: {
          '200': {
            description: 'One page, with the total.',
            content: json({
              type: 'object',
              properties: {
                total: { type: 'integer' },
                items: { type: 'array', items: ref('ReferralListItem') },
              },
              required: ['total', 'items'],
            }),
          },
          ...errors('400'),
        },
      },
    },
    '/api/referrals/summary': {
      get: {
        tags: ['referrals'],
        summary: '转介统计 Per receiving bureau: received, open, overdue, median hours',
        operationId: 'summarizeReferrals',
        security: READ_SECURITY,
        parameters: parametersOf(summaryQuerySchema, 'query', {
          since: 'Referrals sent on or after this local (UTC+8) date; all by default.',
        }),
        responses: { '200': ok('The figures by bureau.', 'ReferralSummary'), ...errors('400') },
      },
    },
    '/api/referrals/{referralNo}': {
      get: {
        tags: ['referrals'],
        summary: '查看转介 One referral with its timeline',
        description: 'Every read is written to the audit log. Out of jurisdiction answers 404.',
        operationId: 'getReferral',
        security: READ_SECURITY,
        parameters: parametersOf(referralRefSchema, 'path', referralNo),
        responses: { '200': ok('The referral.', 'Referral'), ...errors('400', '404') },
      },
    },
    '/api/referrals/{referralNo}/{action}': {
      post: {
        tags: ['referrals'],
        summary: '办理转介 Confirm, dismiss, accept, decline, progress or complete a referral',
        description:
          "提交交由转介工作流的 Update 校验。The answer goes to an Update of the referral's workflow; it " +
          'refuses an action the status does not allow (409), the wrong party (403) and a body the rules ' +
          'refuse (422). An ended referral answers 409 ReferralClosed. The body depends on the action:\n\n' +
          referralActionList,
        operationId: 'actOnReferral',
        security: WRITE_SECURITY,
        parameters: parametersOf(referralActionParamsSchema, 'path', {
          ...referralNo,
          action: 'See the list above.',
        }),
        requestBody: {
          required: true,
          description: 'One of the titled bodies: the one whose title starts with the `action` in the path.',
          content: json(
            { anyOf: Object.keys(REFERRAL_ACTION_BODIES).map((action) => ref(`ReferralAction.${action}`)) },
            examplesOf(REFERRAL_ACTION_BODIES),
          ),
        },
        responses: {
          '200': ok('The referral after the action.', 'ReferralView'),
          ...errors('400', '403', '404', '409', '422'),
        },
      },
    },
  };
}

function healthPaths(): OpenApiPaths {
  return {
    '/api/health': {
      get: {
        tags: ['health'],
        summary: '运行状况 Reachability of the database and the Temporal server',
        operationId: 'getHealth',
        security: [],
        responses: {
          '200': ok('Both reachable.', 'Health'),
          '503': ok('数据库或 Temporal 不可达 One of them is down.', 'Health'),
        },
      },
    },
  };
}

function requestSchemas(): Record<string, JsonSchema> {
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

const DESCRIPTION = `救助 Jiuzhu：城乡低保申请、审核审批、保障期间复核与退出，以及跨部门转介的工作人员接口。

Jiuzhu's staff API: urban–rural minimum living guarantee (低保) applications, their approval
steps, enrolment with recertification and exit, and referrals to other bureaus. Every case is a
durable Temporal workflow; the API validates input, then hands each decision to the workflow.

**登录 Sign-in.** API clients sign every request with HTTP Basic (\`basicAuth\`). The staff console's
pages call the same routes with their session cookie \`jiuzhu.sid\` (\`sessionCookie\`) and send the
session's CSRF token in the \`x-csrf-token\` header with every write (\`csrfToken\`; the console
pages carry it in \`<meta name="csrf-token">\`). Ten failed sign-ins in 15 minutes answer 429.

**错误 Errors** answer \`{ "error": code, "message": text, "details"?: [{ "field", "message" }] }\`:
400 \`invalid_input\` names each field the route parses (\`body.x\`, \`params.x\`, \`query.x\`,
\`headers.x\`); 401 not signed in; 403 role, jurisdiction or CSRF token; 404 no such resource, or
one outside the jurisdiction; 409 not at this step or in this status, or closed; 422 a body the
rules refuse (step and action bodies are checked by the workflow and answer 422, not 400).`;

/**
 * The OpenAPI 3.1 document of every /api route. `extraPaths` adds paths from elsewhere (the
 * console's sign-in, say) without this module having to know them.
 */
export function buildOpenApiDocument(
  options: { extraPaths?: readonly OpenApiPathSource[] } = {},
): OpenApiDocument {
  const extra = options.extraPaths ?? [];
  const paths: OpenApiPaths = {
    ...healthPaths(),
    ...casePaths(),
    ...countyPaths(),
    ...referralPaths(),
  };
  for (const source of extra) {
    for (const [path, item] of Object.entries(source.paths)) paths[path] = { ...paths[path], ...item };
  }
  return {
    openapi: '3.1.0',
    info: { title: '救助 Jiuzhu API', version: '0.1.0', description: DESCRIPTION },
    servers: [{ url: '/', description: '本服务 This server' }],
    tags: [
      { name: 'cases', description: '案件 Applications, their steps and actions, enrolment' },
      { name: 'counties', description: '县级政策 County configuration and assistance standards' },
      { name: 'referrals', description: '转介 Referrals to other bureaus and their answers' },
      { name: 'health', description: '运行状况 Liveness, no sign-in' },
      ...extra.flatMap((source) => source.tags ?? []),
    ],
    paths,
    components: {
      securitySchemes: {
        basicAuth: {
          type: 'http',
          scheme: 'basic',
          description: "HTTP Basic: the staff account's username and password, on every request.",
        },
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'jiuzhu.sid',
          description:
            "The staff console's session (httpOnly, SameSite=Lax, 8 hours, renewed while used). Writes " +
            'also need `csrfToken`.',
        },
        csrfToken: {
          type: 'apiKey',
          in: 'header',
          name: 'x-csrf-token',
          description:
            "The session's CSRF token, required with the session cookie on every POST. Not needed with HTTP Basic.",
        },
      },
      schemas: {
        ...requestSchemas(),
        ...responseSchemas,
        ...Object.assign({}, ...extra.map((source) => source.schemas ?? {})),
      },
      responses: errorResponses,
    },
  };
}
