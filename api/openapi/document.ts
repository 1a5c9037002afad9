import { REFERRAL_ACTIONS, REFERRAL_STATUSES, type ReferralAction } from '../../domain/referral-steps';
import { caseActions, enrolmentActions } from '../../workflows/definitions';
import {
  actionParamsSchema as caseActionParamsSchema,
  memberParamsSchema,
  stepParamsSchema,
} from '../routes/cases';
import { paramsSchema as countyParamsSchema } from '../routes/county-policy';
import {
  actionParamsSchema as referralActionParamsSchema,
  inboxQuerySchema,
  refSchema as referralRefSchema,
  summaryQuerySchema,
} from '../routes/referrals';
import { caseRefSchema, idempotencyKeyHeaderSchema } from '../schemas/case-application';
import {
  ACTION_BODIES,
  CASE_APPLICATION_EXAMPLE,
  examplesOf,
  MANUAL_REFERRAL_BODY,
  NEW_STANDARD_EXAMPLE,
  REFERRAL_ACTION_BODIES,
  requestSchemas,
  roleNames,
  STEP_BODIES,
  type ActionName,
  type BodyDoc,
} from './request-bodies';
import { errorResponses, errors, ok, READ_SECURITY, responseSchemas, WRITE_SECURITY } from './responses';
import {
  json,
  parametersOf,
  ref,
  type OpenApiDocument,
  type OpenApiPathSource,
  type OpenApiPaths,
} from './types';

/**
 * The OpenAPI 3.1 description of the staff API, generated from the same zod schemas the routes
 * and the workflows' Update validators parse with (zod 4's `z.toJSONSchema`, input side, so
 * defaults show as optional fields and transforms as the text a client sends). Served by
 * `api/routes/api-docs.ts`.
 */

// The paths and their operations, and the document assembled from them, the request bodies
// (`request-bodies.ts`) and the responses (`responses.ts`).

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
