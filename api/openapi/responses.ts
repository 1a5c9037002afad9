import type { BedCounts } from '../../activities/care-homes';
import { CARE_LEVELS } from '../../domain/care-level';
import { CASE_STATUSES, PROCEDURE_STEPS, type CaseStatus } from '../../domain/case-steps';
import { medicalFactsSchema, tekunFactsSchema, temporaryFactsSchema } from '../../domain/programme-facts';
import {
  caseNumber,
  OPEN_PROGRAMME_CODES,
  PROGRAMMES,
  type ProcedureFamily,
  type ProgrammeDefinition,
} from '../../domain/programmes';
import { REFERRAL_DEPARTMENTS, REFERRAL_KINDS } from '../../domain/referral-needs';
import { REFERRAL_STATUSES } from '../../domain/referral-steps';
import type { ReferralSummary } from '../../domain/referral-summary';
import type { CaseView } from '../../workflows/definitions';
import type { ReferralView } from '../../workflows/referral-definitions';
import type {
  CareHomeBedLine,
  CareHomeDetail,
  CareHomePerson,
  CareHomesView,
  VisibleWaitingLine,
} from '../routes/care-homes';
import {
  inputJsonSchema,
  json,
  ref,
  response,
  type JsonSchema,
  type OpenApiOperation,
  type OpenApiResponse,
  type Ref,
} from './types';

// The schemas of what the API answers, the error responses, and the security every operation names.

export const nullable = (schema: JsonSchema): JsonSchema => ({
  ...schema,
  type: [schema.type as string, 'null'],
});
export const dateTime: JsonSchema = { type: 'string', format: 'date-time' };
const localDate: JsonSchema = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', examples: ['2026-03-10'] };

/**
 * An object schema whose properties are checked against a TypeScript type's keys; all are
 * required but those named `optional`.
 */
export function objectOf<T>(
  title: string,
  description: string,
  properties: { [K in keyof T]-?: JsonSchema },
  optional: readonly (keyof T & string)[] = [],
): JsonSchema {
  const required = Object.keys(properties).filter((key) => !(optional as readonly string[]).includes(key));
  return { title, description, type: 'object', properties, required };
}

/** A case number of each procedure family: DB-… for 低保, TK-… for 特困. */
export const CASE_NO_EXAMPLES: Record<ProcedureFamily, string> = {
  dibao: caseNumber('DIBAO_RURAL', '532901', 2026, 1),
  tekun: caseNumber('TEKUN', '532901', 2026, 2),
  medical: caseNumber('MEDICAL', '532901', 2026, 3),
  temporary: caseNumber('TEMPORARY', '532901', 2026, 4),
  vagrant: caseNumber('VAGRANT', '532901', 2026, 5),
  disaster: caseNumber('DISASTER', '532901', 2026, 5),
};
export const caseNo: JsonSchema = { type: 'string', examples: Object.values(CASE_NO_EXAMPLES) };

/** The statuses a programme names its own way (特困's 县级审核确认中, 特困供养中…). */
const ownStatusNames = (Object.values(PROGRAMMES) as ProgrammeDefinition[])
  .filter((p) => Object.keys(p.statusLabels).length > 0)
  .map(
    (p) =>
      `${p.code}: ` +
      (Object.entries(p.statusLabels) as [CaseStatus, string][]).map(([k, v]) => `${k} ${v}`).join('; '),
  );

export const caseStatus: JsonSchema = {
  type: 'string',
  enum: Object.keys(CASE_STATUSES),
  description: [
    Object.entries(CASE_STATUSES)
      .map(([k, v]) => `${k} ${v}`)
      .join('; '),
    ...ownStatusNames.map((names) => `As the programme names them — ${names}`),
  ].join('. '),
};
const referralStatus: JsonSchema = {
  type: 'string',
  enum: Object.keys(REFERRAL_STATUSES),
  description: Object.entries(REFERRAL_STATUSES)
    .map(([k, v]) => `${k} ${v}`)
    .join('; '),
};

const careLevel: JsonSchema = {
  type: 'string',
  enum: Object.keys(CARE_LEVELS),
  description: Object.entries(CARE_LEVELS)
    .map(([k, v]) => `${k} ${v}`)
    .join('; '),
};
const integer: JsonSchema = { type: 'integer', minimum: 0 };
const bedsByLevel: JsonSchema = {
  type: 'object',
  description: 'The beds staffed for each care level.',
  properties: Object.fromEntries(Object.keys(CARE_LEVELS).map((level) => [level, ref('BedCounts')])),
  required: Object.keys(CARE_LEVELS),
};
const occupancy = nullable({
  type: 'number',
  description: 'Occupied beds / beds; null for a home without beds.',
});
/** What the overview and a home's detail both say of a home. */
const homeFigures = {
  id: { type: 'string', examples: ['532901003-JLY'] },
  name: { type: 'string' },
  address: { type: 'string' },
  townshipId: { type: 'string' },
  townshipName: { type: 'string' },
  staffCount: integer,
  beds: ref('BedCounts'),
  bedsByLevel,
  occupancy,
} satisfies Record<string, JsonSchema>;

/** The care homes' answers (api/routes/care-homes.ts): people by name and case number, never by ID number. */
const careHomeSchemas: Record<string, JsonSchema> = {
  BedCounts: objectOf<BedCounts>('BedCounts', '床位 Beds: all, occupied, held for an open offer, free.', {
    total: integer,
    occupied: integer,
    held: integer,
    free: integer,
  }),
  WaitingLine: objectOf<VisibleWaitingLine>(
    'WaitingLine',
    '轮候 One person waiting for a bed, by name and case number; those who cannot look after ' +
      'themselves come first.',
    {
      entryId: { type: 'string' },
      caseNo,
      name: { type: 'string' },
      careLevel,
      cannotLookAfterSelf: { type: 'boolean', description: '生活不能自理: priority for a bed.' },
      status: { type: 'string', enum: ['WAITING', 'OFFERED'] },
      position: nullable({
        type: 'integer',
        description: 'As told to the person; null while a bed is offered.',
      }),
      preferredHomeId: nullable({
        type: 'string',
        description: 'The home the person chose; null for any home.',
      }),
      preferredHomeName: nullable({ type: 'string' }),
      requestedAt: dateTime,
    },
  ),
  CareHomePerson: objectOf<CareHomePerson>(
    'CareHomePerson',
    '入住人员 A resident, by name and case number.',
    {
      placementId: { type: 'string' },
      name: { type: 'string' },
      caseNo,
      careLevel,
      placedAt: dateTime,
    },
  ),
  CareHomes: objectOf<CareHomesView>(
    'CareHomes',
    "供养机构 A county's care homes with their beds, the waiting list in line order and the share of " +
      "特困 people supported in a home (集中供养率), each cut to the reader's part (`scope`).",
    {
      countyId: { type: 'string', examples: ['532901'] },
      countyName: { type: 'string' },
      scope: {
        type: 'string',
        enum: ['county', 'township', 'home'],
        description:
          "county: the reader's county or one below the reader; township: a township officer's own " +
          "homes and people; home: a care home manager's own home.",
      },
      homes: {
        type: 'array',
        items: objectOf<CareHomesView['homes'][number]>('CareHomeSummary', 'One home and its beds.', {
          ...homeFigures,
          waiting: {
            type: 'array',
            items: ref('WaitingLine'),
            description: 'Those waiting for this home by choice.',
          },
        }),
      },
      waitingAnyHome: {
        type: 'array',
        items: ref('WaitingLine'),
        description: 'Those waiting for a bed in any home of the county.',
      },
      waitingList: {
        type: 'array',
        items: ref('WaitingLine'),
        description: 'Everyone on the list the reader may see, in line order, whichever home they chose.',
      },
      centralised: nullable({
        type: 'object',
        description: '集中供养率; null for a care home manager.',
        properties: { placed: integer, supported: integer, share: nullable({ type: 'number' }) },
        required: ['placed', 'supported', 'share'],
      }),
    },
  ),
  CareHome: objectOf<CareHomeDetail>(
    'CareHome',
    '供养机构详情 One home: its figures, every bed with its occupant, its residents and those waiting for it.',
    {
      ...homeFigures,
      countyId: { type: 'string' },
      bedList: {
        type: 'array',
        description: 'Every bed in label order.',
        items: objectOf<CareHomeBedLine>('CareHomeBed', 'A bed: occupied, held for an open offer, or free.', {
          id: { type: 'string' },
          label: { type: 'string', examples: ['2-01'] },
          careLevel,
          state: { type: 'string', enum: ['occupied', 'held', 'free'] },
          occupant: { anyOf: [ref('CareHomePerson'), { type: 'null' }] },
        }),
      },
      residents: {
        type: 'array',
        items: {
          allOf: [ref('CareHomePerson'), { type: 'object', properties: { bedLabel: { type: 'string' } } }],
        },
      },
      waiting: {
        type: 'array',
        items: ref('WaitingLine'),
        description: 'Those waiting for this home by choice.',
      },
    },
  ),
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
      caseNo,
      status: caseStatus,
      currentStep: nullable({ type: 'string', enum: [...Object.keys(PROCEDURE_STEPS), null] }),
      assigneeUnitId: nullable({ type: 'string' }),
      dueAt: nullable(dateTime),
      overdue: { type: 'boolean' },
      overallDueAt: nullable(dateTime),
      overallOverdue: { type: 'boolean' },
      monthlyAmount: nullable({ type: 'number' }),
      nextReviewAt: nullable(dateTime),
      programmeFacts: {
        description:
          "The programme's own figures, where it keeps any: for 特困 the care level, the amount's parts " +
          'and where the person is supported; for 医疗救助 the claim, its category and its figures in fen; ' +
          'for 临时救助 the path, the cause and what was granted. Absent or null for 低保.',
        anyOf: [
          { ...inputJsonSchema(tekunFactsSchema), title: 'TekunFacts' },
          { ...inputJsonSchema(medicalFactsSchema), title: 'MedicalFacts' },
          { ...inputJsonSchema(temporaryFactsSchema), title: 'TemporaryFacts' },
          { type: 'null' },
        ],
      },
    },
    ['programmeFacts'],
  ),
  PossibleDuplicate: {
    title: 'PossibleDuplicate',
    description:
      '疑似重复 A member of this case whose name and birth date are those of a person of another open ' +
      'case in the county under another ID number, for the township to confirm or clear.',
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' },
      kind: { type: 'string', enum: ['sameNameAndBirthDate', 'sameIdNumber'] },
      status: { type: 'string', enum: ['OPEN', 'CONFIRMED', 'CLEARED'] },
      memberName: { type: 'string' },
      birthDate: localDate,
      otherCaseNo: caseNo,
      otherProgramme: { type: 'string', enum: [...OPEN_PROGRAMME_CODES] },
      otherVillage: { type: 'string' },
      reasons: nullable({ type: 'string' }),
      resolvedAt: nullable(dateTime),
    },
    required: ['id', 'kind', 'status', 'memberName', 'birthDate', 'otherCaseNo', 'otherProgramme'],
  },
  Case: {
    title: 'Case',
    description: '案件 A case with its household (ID numbers masked) and its event log, oldest first.',
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' },
      caseNo,
      programme: { type: 'string', enum: [...OPEN_PROGRAMME_CODES] },
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
      possibleDuplicates: {
        type: 'array',
        description: '疑似重复 Flagged at intake, oldest first, reviewed or not.',
        items: ref('PossibleDuplicate'),
      },
      householdCases: {
        type: 'array',
        description:
          '一户一档 The other cases, of any programme, with a member of the same ID number, those the ' +
          'reader may see only, latest application first.',
        items: {
          type: 'object',
          properties: {
            caseNo,
            programme: { type: 'string', enum: [...OPEN_PROGRAMME_CODES] },
            programmeName: { type: 'string' },
            status: caseStatus,
            statusLabel: { type: 'string', description: 'The status as the programme names it.' },
          },
          required: ['caseNo', 'programme', 'programmeName', 'status', 'statusLabel'],
        },
      },
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
                age: {
                  type: 'integer',
                  description: 'whole years today; the birth date stays masked with the ID number',
                },
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
      referralNo: { type: 'string', examples: [`${CASE_NO_EXAMPLES.dibao}-Z01`] },
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
            reviews: {
              description:
                '复核进度 How far the review requests of a standard set through the API have gone (null for the standards a county starts with).',
              type: ['object', 'null'],
              properties: {
                total: {
                  type: ['integer', 'null'],
                  description: 'Enrolled cases when the requests began (null: not begun yet)',
                },
                signalled: { type: ['integer', 'null'], description: 'Enrolments asked for a review so far' },
                ended: {
                  type: ['integer', 'null'],
                  description: 'Enrolments that had ended before their request',
                },
                startedAt: { type: ['string', 'null'], format: 'date-time' },
                finishedAt: {
                  type: ['string', 'null'],
                  format: 'date-time',
                  description: 'Set once every enrolled case was asked',
                },
              },
            },
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
      worker: ref('Probe'),
    },
    required: ['status', 'database', 'temporal', 'worker'],
  },
  Probe: {
    title: 'Probe',
    description:
      'One part: up, or down with why — unreachable, timeout (no answer within 2 s), no_worker (no ' +
      'worker has polled the task queue in the last 15 s), unknown (the worker cannot be known while ' +
      'the database is down).',
    type: 'object',
    properties: {
      ok: { type: 'boolean' },
      reason: { type: 'string', enum: ['unreachable', 'timeout', 'no_worker', 'unknown'] },
    },
    required: ['ok'],
  },
  ...careHomeSchemas,
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
      '(CaseClosed, ReferralClosed); at intake, an open case holds a member of the household ' +
      '(duplicate_application, `details` naming each member and the case).',
    {
      WrongStep: ['Another step', '案件当前不在此环节 (the case is not at this step)'],
      duplicate_application: [
        '查重: an open case holds a member',
        '查重：家庭成员已有未办结的案件 DB-532901-2026-000001，同一人不能重复申请，低保与特困不能同时享受 (an open case holds this person)',
      ],
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
  Unavailable: {
    ...errorResponse(
      '暂时不可用 unavailable: the database or the workflow service (Temporal) is down or did not answer ' +
        'in time; nothing is wrong with the request. `details.unavailable` names which; try again after ' +
        '`Retry-After` seconds (a retried application with the same Idempotency-Key files one case).',
      {
        unavailable: [
          'Database down',
          '数据库暂时不可用，请稍后再试 (the database is unavailable; try again shortly)',
        ],
      },
    ),
    headers: {
      'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer' } },
    },
  },
};

// What every operation requires and answers: its security and its error responses.

export const READ_SECURITY: OpenApiOperation['security'] = [{ basicAuth: [] }, { sessionCookie: [] }];
/** A signed-in browser's session must send its CSRF token with every write. */
export const WRITE_SECURITY: OpenApiOperation['security'] = [
  { basicAuth: [] },
  { sessionCookie: [], csrfToken: [] },
];

type Status = '400' | '401' | '403' | '404' | '409' | '422' | '429' | '503';
const ERROR_RESPONSES: Record<Status, string> = {
  '400': 'InvalidInput',
  '401': 'Unauthenticated',
  '403': 'Forbidden',
  '404': 'NotFound',
  '409': 'Conflict',
  '422': 'Unprocessable',
  '429': 'TooManyAttempts',
  '503': 'Unavailable',
};

/** The error statuses an operation answers, besides 401, 429 and 503 which every signed-in route may. */
export function errors(...statuses: Status[]): Record<string, Ref> {
  const all: Status[] = [...statuses, '401', '429', '503'];
  return Object.fromEntries(
    [...new Set(all)].sort().map((status) => [status, response(ERROR_RESPONSES[status])]),
  );
}

export const ok = (description: string, component: string): OpenApiResponse => ({
  description,
  content: json(ref(component)),
});
