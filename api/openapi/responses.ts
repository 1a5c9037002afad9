import { CASE_STATUSES, PROCEDURE_STEPS } from '../../domain/case-steps';
import { REFERRAL_DEPARTMENTS, REFERRAL_KINDS } from '../../domain/referral-needs';
import { REFERRAL_STATUSES } from '../../domain/referral-steps';
import type { ReferralSummary } from '../../domain/referral-summary';
import type { CaseView } from '../../workflows/definitions';
import type { ReferralView } from '../../workflows/referral-definitions';
import {
  json,
  ref,
  response,
  type JsonSchema,
  type OpenApiOperation,
  type OpenApiResponse,
  type Ref,
} from './types';

// The schemas of what the API answers, the error responses, and the security every operation names.

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

export const responseSchemas: Record<string, JsonSchema> = {
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

export const errorResponses: Record<string, OpenApiResponse> = {
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

// What every operation requires and answers: its security and its error responses.

export const READ_SECURITY: OpenApiOperation['security'] = [{ basicAuth: [] }, { sessionCookie: [] }];
/** A signed-in browser's session must send its CSRF token with every write. */
export const WRITE_SECURITY: OpenApiOperation['security'] = [
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
export function errors(...statuses: Status[]): Record<string, Ref> {
  const all: Status[] = [...statuses, '401', '429'];
  return Object.fromEntries(
    [...new Set(all)].sort().map((status) => [status, response(ERROR_RESPONSES[status])]),
  );
}

export const ok = (description: string, component: string): OpenApiResponse => ({
  description,
  content: json(ref(component)),
});
