import type { ProcedureFamily } from '../../domain/programmes';
import { administrationPaths } from './administration-paths';
import { donationPaths } from './donations';
import { paymentRollPaths } from './payment-rolls';
import { publicDisclosurePaths } from './public-disclosure';
import { pairingPaths } from './pairings';
import { reportPaths } from './reports';
import { tipOffPaths } from './tip-offs';
import { economicCheckPaths } from './economic-checks';
import { rescueStationPaths } from './rescue-stations';
import { randomCheckPaths } from './random-checks';
import { REFERRAL_ACTIONS, REFERRAL_STATUSES, type ReferralAction } from '../../domain/referral-steps';
import {
  actionParamsSchema as caseActionParamsSchema,
  memberParamsSchema,
  stepParamsSchema,
} from '../routes/cases';
import { careHomeParamsSchema, careHomesQuerySchema, CARE_HOME_READERS } from '../routes/care-homes';
import { paramsSchema as countyParamsSchema } from '../routes/county-policy';
import {
  actionParamsSchema as referralActionParamsSchema,
  inboxQuerySchema,
  refSchema as referralRefSchema,
  summaryQuerySchema,
} from '../routes/referrals';
import { caseRefSchema, idempotencyKeyHeaderSchema } from '../schemas/case-application';
import { possibleDuplicateParamsSchema } from '../schemas/possible-duplicate-review';
import {
  ACTION_BODIES,
  CASE_APPLICATION_EXAMPLES,
  examplesOf,
  FAMILY_NAMES,
  familyLabel,
  MANUAL_REFERRAL_BODY,
  NEW_STANDARD_EXAMPLE,
  TEMPORARY_FROM_CASE_BODY,
  programmesOf,
  REFERRAL_ACTION_BODIES,
  requestSchemas,
  roleNames,
  STEP_BODIES,
  tableExamples,
  variantsOf,
  type BodyDoc,
  type BodyTable,
} from './request-bodies';
import {
  CASE_NO_EXAMPLES,
  errorResponses,
  errors,
  ok,
  READ_SECURITY,
  responseSchemas,
  WRITE_SECURITY,
} from './responses';
import { securityLogPaths, securityLogSchemas } from './security-log';
import { medicalPaths } from './medical';
import { disasterPaths } from './disasters';
import { supervisionPaths, supervisionSchemas } from './supervision';
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

/** When a family's programmes take a step or action: while applying, while enrolled, or both. */
function phasesOf(name: string, family: ProcedureFamily, kind: 'Steps' | 'Actions'): string {
  const takes = (list: 'application' | 'enrolment') =>
    programmesOf(family).some((p) => (p[`${list}${kind}`] as readonly string[]).includes(name));
  return [
    takes('application') ? '申请期间 while applying' : null,
    takes('enrolment') ? '保障期间 while enrolled' : null,
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * The Markdown list of a table: one line per name, and under a name whose programmes parse
 * different bodies one line per programme.
 */
function listing(table: BodyTable, kind: 'Steps' | 'Actions'): string {
  const variants = variantsOf(table);
  return Object.keys(table)
    .map((name) => {
      const own = variants.filter((v) => v.name === name);
      const when = (families: ProcedureFamily[]) =>
        families.map((f) => `${FAMILY_NAMES[f]} ${phasesOf(name, f, kind)}`).join('; ');
      const line = (doc: BodyDoc, families: ProcedureFamily[]) =>
        `${doc.name} — ${doc.summary} (${roleNames(doc.roles)}; ${when(families)})`;
      if (own.length === 1) return `- \`${name}\` ${line(own[0]!.doc, own[0]!.families)}`;
      return [
        `- \`${name}\`, 按项目 by programme:`,
        ...own.map((v) => `  - ${v.families.map(familyLabel).join('、')}: ${line(v.doc, v.families)}`),
      ].join('\n');
    })
    .join('\n');
}

const stepList = listing(STEP_BODIES, 'Steps');
const actionList = listing(ACTION_BODIES, 'Actions');

const referralActionList = (Object.entries(REFERRAL_ACTION_BODIES) as [ReferralAction, BodyDoc][])
  .map(([action, doc]) => {
    const from = REFERRAL_ACTIONS[action].from.join(', ');
    return `- \`${action}\` ${doc.name} — ${doc.summary} (${roleNames(doc.roles)}; from ${from})`;
  })
  .join('\n');

/** How the route answers a step or action the case's programme does not have. */
const programmeNote = (what: 'step' | 'action') => {
  const families = (Object.keys(FAMILY_NAMES) as ProcedureFamily[])
    .map(
      (f) =>
        `${FAMILY_NAMES[f]} = ${programmesOf(f)
          .map((p) => p.code)
          .join(', ')}`,
    )
    .join('; ');
  return (
    `按案件所属项目办理 By programme: each ${what} below names the programmes that take it (${families}) ` +
    `and when. ${what === 'step' ? 'A step' : 'An action'} the case's programme lacks answers 409 WrongStep ` +
    'to whoever may see the case, and 404 to whoever may not.'
  );
};

/** Every submission to a workflow's Update may carry its request's key. */
const submissionKey = () =>
  parametersOf(idempotencyKeyHeaderSchema, 'header', {
    'idempotency-key':
      'The same submission sent again with the same key (after a lost answer) is applied once and ' +
      'answers the same: the key becomes the Temporal Update id (8–128 of A–Z a–z 0–9 _-:.).',
  });

const submissionNote =
  '提交交由案件所在工作流的 Update 校验：环节不符 409，角色或管辖不符 403，内容不符合规则 422，均不记录任何内容。\n\n' +
  "The submission goes to an Update of the workflow that holds the case (the application's, or once " +
  "approved the enrolment's). Its validator refuses the wrong step (409), the wrong role or " +
  'jurisdiction (403) and a body the rules refuse (422, naming the field) before anything is recorded. ' +
  'Answers the case as the workflow sees it afterwards.';

const caseTags = ['cases'];

/** The programmes that refer enrolled households to other bureaus (转介), or those that do not. */
const referring = (refers: boolean) =>
  (Object.keys(FAMILY_NAMES) as ProcedureFamily[])
    .flatMap(programmesOf)
    .filter((p) => p.referrals === refers)
    .map((p) => `${p.code} ${p.name}`)
    .join(', ');

/** `低保 DB-532901-2026-000001, 特困 TK-532901-2026-000002`. */
const caseNumbers = (Object.entries(CASE_NO_EXAMPLES) as [ProcedureFamily, string][])
  .map(([family, caseNo]) => `${FAMILY_NAMES[family]} ${caseNo}`)
  .join(', ');
const caseRef = `The case number (${caseNumbers}) or its id (UUID).`;

const channels = (Object.keys(CASE_APPLICATION_EXAMPLES) as ProcedureFamily[])
  .flatMap(programmesOf)
  .map((p) => `${p.code} ${p.name} (${p.caseNoPrefix}-): ${p.channels.join(', ')}`)
  .join('; ');

function casePaths(): OpenApiPaths {
  return {
    '/api/cases': {
      post: {
        tags: caseTags,
        summary: '申请 File a 低保 or 特困 application',
        description:
          '村协理员或乡镇经办代为申请：写入家庭、成员、案件及首个事件，并启动案件工作流 `case-<caseNo>`。\n\n' +
          'A village assistant or township officer files an application: household, members, case and ' +
          "its first event are written in one transaction and the programme's workflow `case-<caseNo>` " +
          `starts. The programme decides the case number's prefix and the channels it takes: ${channels}. ` +
          'ID numbers are checked by their GB 11643 check digit; exactly one member is the APPLICANT. ' +
          'With an `Idempotency-Key`, the same request again answers 200 with the first case.\n\n' +
          '查重：同一人（任一家庭成员的身份证号）在低保、特困中只能有一件未办结的案件；重复申请答 409 并给出该案件编号，不写入任何内容。\n\n' +
          "A person (any member's ID number) holds at most one open case among 低保 (DIBAO_URBAN, " +
          'DIBAO_RURAL) and 特困 (TEKUN); a filing naming a held person answers 409 ' +
          '`duplicate_application` naming the open case, and writes nothing. The database enforces it, ' +
          'so of two racing filings one is created. Case numbers run per county, prefix and year ' +
          'without gaps: a refused filing consumes none. A member with the name and birth date of a ' +
          "person of another open case in the county is flagged in the case's `possibleDuplicates`. " +
          'Names, the address and free text refuse control characters and invalid UTF-16 (400).',
        operationId: 'fileApplication',
        security: WRITE_SECURITY,
        parameters: parametersOf(idempotencyKeyHeaderSchema, 'header', {
          'idempotency-key':
            'Makes a repeated request answer with the first case (8–128 of A–Z a–z 0–9 _-:.).',
        }),
        requestBody: {
          required: true,
          content: json(ref('CaseApplication'), CASE_APPLICATION_EXAMPLES),
        },
        responses: {
          '201': ok('已申请 The case, created.', 'Case'),
          '200': ok('The case the same Idempotency-Key created before.', 'Case'),
          '202': ok(
            'The case, written and numbered while Temporal is unavailable; `workflow: "pending"` — its workflow starts once Temporal is back.',
            'Case',
          ),
          ...errors('400', '403', '409', '422'),
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
        parameters: parametersOf(caseRefSchema, 'path', { id: caseRef }),
        responses: { '200': ok('The case.', 'Case'), ...errors('400', '404') },
      },
    },
    '/api/cases/{id}/steps/{step}': {
      post: {
        tags: caseTags,
        summary: '办理环节 Decide a human step',
        description:
          `${submissionNote}\n\n${programmeNote('step')}\n\n` +
          '请求体取决于路径中的环节及案件所属项目 The body depends on the step in the path and, where ' +
          "the programmes' bodies differ, on the case's programme; each alternative is titled with its step:\n\n" +
          stepList,
        operationId: 'decideStep',
        security: WRITE_SECURITY,
        parameters: [
          ...parametersOf(stepParamsSchema, 'path', {
            id: caseRef,
            step: "The step the case is at; see the list above. A step the case's programme lacks answers 409.",
          }),
          ...submissionKey(),
        ],
        requestBody: {
          required: true,
          description:
            'One of the titled bodies: the one whose title starts with the `step` in the path, and of ' +
            "those the one for the case's programme.",
          // anyOf, not oneOf: two steps take the same shape (townshipReview and recertReview
          // both `{ decision: 'return', reasons }`), so exactly-one-matches would refuse it.
          content: json(
            { anyOf: Object.keys(STEP_BODIES).map((step) => ref(`Step.${step}`)) },
            tableExamples(STEP_BODIES),
          ),
        },
        responses: {
          '200': ok('The case as the decision left it: the next step open, the amount computed.', 'CaseView'),
          ...errors('400', '403', '404', '409', '422'),
        },
      },
    },
    '/api/cases/{id}/actions/{action}': {
      post: {
        tags: caseTags,
        summary:
          '办理事项 Supervision, objections, county visit; while enrolled, changes, support mode and exits',
        description:
          `${submissionNote}\n\n${programmeNote('action')}\n\n` +
          '请求体取决于路径中的事项及案件所属项目 The body depends on the action in the path and, where ' +
          "the programmes' bodies differ, on the case's programme; each alternative is titled with its action:\n\n" +
          actionList,
        operationId: 'takeCaseAction',
        security: WRITE_SECURITY,
        parameters: [
          ...parametersOf(caseActionParamsSchema, 'path', {
            id: caseRef,
            action:
              "See the list above; 409 WrongStep when the case's programme lacks the action or the case " +
              'is not in the phase the action belongs to.',
          }),
          ...submissionKey(),
        ],
        requestBody: {
          required: true,
          description:
            'One of the titled bodies: the one whose title starts with the `action` in the path, and of ' +
            "those the one for the case's programme.",
          content: json(
            { anyOf: Object.keys(ACTION_BODIES).map((action) => ref(`Action.${action}`)) },
            tableExamples(ACTION_BODIES),
          ),
        },
        responses: {
          '200': ok('The case after the action.', 'CaseView'),
          ...errors('400', '403', '404', '409', '422'),
        },
      },
    },
    '/api/cases/{id}/possible-duplicates/{flagId}': {
      post: {
        tags: caseTags,
        summary: '核实疑似重复 Confirm or clear a possible duplicate',
        description:
          '乡镇经办核实受理时标记的疑似重复：确认为同一人或排除，须填写核实情况，记入审计日志。\n\n' +
          'A township officer confirms (one person) or clears (two people) a flag of the case, with ' +
          'reasons; once only (409 after), written to the audit log. Other roles 403.',
        operationId: 'reviewPossibleDuplicate',
        security: WRITE_SECURITY,
        parameters: parametersOf(possibleDuplicateParamsSchema, 'path', {
          id: caseRef,
          flagId: "The flag's id, from the case's possibleDuplicates.",
        }),
        requestBody: {
          required: true,
          content: json(ref('PossibleDuplicateReview'), {
            clear: {
              summary: 'Two people',
              value: { decision: 'clear', reasons: '经核实为同名同生日的另一人，户籍地不同' },
            },
          }),
        },
        responses: {
          '200': ok('The flag after the review.', 'PossibleDuplicate'),
          ...errors('400', '403', '404', '409'),
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
          id: caseRef,
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
        description:
          `${submissionNote}\n\nOnly while the household is enrolled, in a programme that refers ` +
          `(${referring(true)}): 409 otherwise, and for every case of ${referring(false)}.`,
        operationId: 'referByHand',
        security: WRITE_SECURITY,
        parameters: [...parametersOf(caseRefSchema, 'path', { id: caseRef }), ...submissionKey()],
        requestBody: {
          required: true,
          content: json(ref('ManualReferral'), examplesOf({ manual: MANUAL_REFERRAL_BODY })),
        },
        responses: {
          '201': {
            description: "The referral's number.",
            content: json({
              type: 'object',
              properties: { referralNo: { type: 'string', examples: [`${CASE_NO_EXAMPLES.dibao}-Z03`] } },
              required: ['referralNo'],
            }),
          },
          ...errors('400', '403', '404', '409', '422'),
        },
      },
    },
    '/api/cases/{id}/temporary-assistance': {
      post: {
        tags: caseTags,
        summary: '给予临时救助 Temporary assistance for a household whose 低保 application is pending',
        description:
          'Files a 临时救助 (TEMPORARY) case for the household of a pending 低保 application: village, ' +
          'address and members (with their ID numbers) are copied from the 低保 case on the server. ' +
          '409 WrongStep when the case is no pending 低保 application; 409 duplicate_application, naming ' +
          'the earlier case, when a member already had 临时救助 for the same cause within the county’s ' +
          'repeat window (a year by default).',
        operationId: 'temporaryAssistanceFromCase',
        security: WRITE_SECURITY,
        parameters: [
          ...parametersOf(caseRefSchema, 'path', { id: caseRef }),
          ...parametersOf(idempotencyKeyHeaderSchema, 'header', {
            'idempotency-key': 'The same request sent again with the same key answers with the same case.',
          }),
        ],
        requestBody: {
          required: true,
          content: json(
            ref('TemporaryFromCase'),
            examplesOf({ temporaryFromCase: TEMPORARY_FROM_CASE_BODY }),
          ),
        },
        responses: {
          '201': ok('已申请 The 临时救助 case, created.', 'Case'),
          '200': ok('The case the same Idempotency-Key created before.', 'Case'),
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
  const referralNo = {
    referralNo: `The referral number: its case's number and a counter, e.g. ${CASE_NO_EXAMPLES.dibao}-Z01.`,
  };
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
        parameters: [
          ...parametersOf(referralActionParamsSchema, 'path', {
            ...referralNo,
            action: 'See the list above.',
          }),
          ...submissionKey(),
        ],
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

function careHomePaths(): OpenApiPaths {
  const readers =
    `只读 Reads only, for ${roleNames(CARE_HOME_READERS)}; any other role answers 403 whatever it asks. ` +
    'County approvers, supervisors and administrators read the homes within their unit and everyone on ' +
    'the waiting list whose case they may see; a township officer the own township’s homes and people ' +
    '(and the county’s centralised share); a care home’s manager the own home only: its beds, residents ' +
    'and those waiting for it by choice. People appear by name and case number, never by ID number; ' +
    'every answer that names people is written to the audit log.';
  return {
    '/api/care-homes': {
      get: {
        tags: ['care-homes'],
        summary: "供养机构 A county's care homes, beds, waiting list and centralised share",
        description:
          `${readers}\n\nThe county named in the query is a referenced id: one outside the reader's ` +
          'jurisdiction answers 403, an unknown one 422 (`query.countyId`); without it, the reader’s own ' +
          'county (required above county level: 400).',
        operationId: 'listCareHomes',
        security: READ_SECURITY,
        parameters: parametersOf(careHomesQuerySchema, 'query', {
          countyId: "The 6-digit county code, e.g. 532901; by default the reader's own county.",
        }),
        responses: {
          '200': ok('The homes the reader may see.', 'CareHomes'),
          ...errors('400', '403', '422'),
        },
      },
    },
    '/api/care-homes/{homeId}': {
      get: {
        tags: ['care-homes'],
        summary: '供养机构详情 One care home: every bed, its residents and those waiting for it',
        description: `${readers}\n\nA home outside the reader's jurisdiction answers 404, like no such home.`,
        operationId: 'getCareHome',
        security: READ_SECURITY,
        parameters: parametersOf(careHomeParamsSchema, 'path', {
          homeId: "The home's id: its township's code and JLY, e.g. 532901003-JLY (喜洲镇敬老院).",
        }),
        responses: { '200': ok('The home.', 'CareHome'), ...errors('400', '403', '404') },
      },
    },
  };
}

function healthPaths(): OpenApiPaths {
  return {
    '/api/health': {
      get: {
        tags: ['health'],
        summary: '运行状况 The database, the Temporal server and the case workers, each on its own',
        description:
          'No sign-in. Each part answers within 2 s or counts as down; the body names no host, port or ' +
          'error text.',
        operationId: 'getHealth',
        security: [],
        responses: {
          '200': ok('All three up.', 'Health'),
          '503': {
            ...ok('数据库、Temporal 或工作进程不可用 One or more is down; the body says which.', 'Health'),
            headers: {
              'Retry-After': {
                description: 'Seconds to wait before asking again.',
                schema: { type: 'integer' },
              },
            },
          },
        },
      },
    },
  };
}

const DESCRIPTION = `救助 Jiuzhu：城乡低保与特困人员救助供养的申请、审核审批（确认）、保障期间复核与退出（终止），以及跨部门转介的工作人员接口。

Jiuzhu's staff API: urban–rural minimum living guarantee (低保) and extreme-poverty support
(特困人员救助供养) applications, their approval steps, enrolment with recertification and exit —
for 特困 also the care assessment, care-home beds and the support mode — and referrals to other
bureaus. Every case is a durable Temporal workflow; the API validates input, then hands each
decision to the workflow.

**项目 Programmes.** Each case belongs to one programme, which its number names: ${caseNumbers}.
The case routes take the same step and action names for every programme; the programme decides
which it takes and, where two programmes share a name (\`countyApproval\`, \`objectionReview\`,
\`requestExit\`), which body it parses.

**登录 Sign-in.** API clients sign every request with HTTP Basic (\`basicAuth\`). The staff console's
pages call the same routes with their session cookie \`jiuzhu.sid\` (\`sessionCookie\`) and send the
session's CSRF token in the \`x-csrf-token\` header with every write (\`csrfToken\`; the console
pages carry it in \`<meta name="csrf-token">\`). Ten failed sign-ins in 15 minutes answer 429.

**错误 Errors** answer \`{ "error": code, "message": text, "details"?: [{ "field", "message" }] }\`:
400 \`invalid_input\` names each field the route parses (\`body.x\`, \`params.x\`, \`query.x\`,
\`headers.x\`); 401 not signed in; 403 role, jurisdiction or CSRF token; 404 no such resource, or
one outside the jurisdiction (every 403 and 404 to a signed-in user is recorded in the security log); 409 not at this step or in this status, or closed; 422 a body the
rules refuse (step and action bodies are checked by the workflow and answer 422, not 400); 503
\`unavailable\` with a \`Retry-After\` header while the database or Temporal is down or does not answer
in time (a request waits on Temporal at most 10 s) — try again then.`;

/**
 * The OpenAPI 3.1 document of every /api route. `extraPaths` adds paths from elsewhere (the
 * console's sign-in, say) without this module having to know them.
 */
export function buildOpenApiDocument(
  options: { extraPaths?: readonly OpenApiPathSource[] } = {},
): OpenApiDocument {
  const extra = [
    administrationPaths(),
    paymentRollPaths(),
    publicDisclosurePaths(),
    disasterPaths(),
    tipOffPaths(),
    economicCheckPaths(),
    randomCheckPaths(),
    donationPaths(),
    rescueStationPaths(),
    reportPaths(),
    pairingPaths(),
    ...(options.extraPaths ?? []),
  ];
  const paths: OpenApiPaths = {};
  // A path's operations may come from two places (POST /api/cases here, GET in supervision.ts).
  for (const part of [
    healthPaths(),
    casePaths(),
    supervisionPaths(),
    countyPaths(),
    referralPaths(),
    careHomePaths(),
    securityLogPaths(),
    medicalPaths(),
    ...extra.map((source) => source.paths),
  ]) {
    for (const [path, item] of Object.entries(part)) paths[path] = { ...paths[path], ...item };
  }
  return {
    openapi: '3.1.0',
    info: { title: '救助 Jiuzhu API', version: '0.1.0', description: DESCRIPTION },
    servers: [{ url: '/', description: '本服务 This server' }],
    tags: [
      { name: 'cases', description: '案件 Applications, their steps and actions, enrolment' },
      { name: 'counties', description: '县级政策 County configuration and assistance standards' },
      { name: 'referrals', description: '转介 Referrals to other bureaus and their answers' },
      { name: 'care-homes', description: '供养机构 特困 care homes: beds, residents, the waiting list' },
      { name: 'security-log', description: '安全日志 Refused accesses, for supervisors and administrators' },
      { name: 'supervision', description: '督办 The case list and the dashboard’s figures' },
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
        ...securityLogSchemas,
        ...supervisionSchemas,
        ...Object.assign({}, ...extra.map((source) => source.schemas ?? {})),
      },
      responses: errorResponses,
    },
  };
}
