import { noQuerySchema } from '../schemas/strict-input';
import {
  publicReportSchema,
  receiptParamsSchema,
  tipOffListQuerySchema,
  tipOffOutcomeSchema,
  TIP_OFF_READERS,
} from '../tip-offs';
import { roleNames } from './request-bodies';
import { errors, READ_SECURITY, WRITE_SECURITY } from './responses';
import {
  exampleBody,
  objectAnswer,
  parametersOf,
  type OpenApiOperation,
  type OpenApiPathSource,
} from './types';

// 举报/投诉: the public's routes (no sign-in) and the verification inbox, with an example body for each write.

const body = exampleBody;
const answer = objectAnswer;
const op = (o: Omit<OpenApiOperation, 'tags'>): OpenApiOperation => ({ tags: ['tip-offs'], ...o });

/** No sign-in, so never 401. */
function publicErrors(...statuses: Parameters<typeof errors>) {
  const all = errors(...statuses);
  delete all['401'];
  return all;
}

const RECEIPT = parametersOf(receiptParamsSchema, 'path', {
  receiptNo: 'The receipt number given when the report was filed (16 base32 characters).',
});

/** An example report; its challenge and nonce stand for the ones a client gets and works out. */
export const PUBLIC_REPORT_EXAMPLE = {
  kind: 'TIP_OFF',
  villageId: '532901003001',
  facts: '该户家中新购小汽车一辆，仍在领取低保金。',
  contactPhone: '13800000000',
  challenge: 'AAAAAAAAAAAAAAAAAAAAAA.16.1796083200000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  nonce: '1a2b',
};

export function tipOffPaths(): OpenApiPathSource {
  return {
    tags: [
      { name: 'tip-offs', description: '举报投诉 Public tip-offs and complaints, and their verification' },
    ],
    paths: {
      '/api/public/reports/challenge': {
        get: op({
          summary: '验证题 A signed proof-of-work challenge for one report (no sign-in)',
          description:
            'No sign-in. Answers `challenge`, `difficulty` (zero bits) and `expiresAt` (10 minutes). ' +
            'Find a `nonce` (1–32 characters of 0-9a-z) whose SHA-256 of `challenge:nonce` begins with ' +
            '`difficulty` zero bits and send both with the report; a challenge is spent by its first ' +
            'report. 120 challenges per address and hour, then 429.',
          operationId: 'getTipOffChallenge',
          security: [],
          parameters: parametersOf(noQuerySchema, 'query'),
          responses: { '200': answer('The challenge.'), ...publicErrors('400', '429') },
        }),
      },
      '/api/public/reports': {
        post: op({
          summary: '举报投诉 File a tip-off or a complaint (no sign-in)',
          description:
            'No sign-in. A tip-off (举报) goes to the township of the village or case for verification, a ' +
            'complaint (投诉) to the county; either names a village or a case number. Answers 201 with ' +
            'the `receiptNo` to follow the report with. A bad field answers 400 naming it; a bad, ' +
            'expired or reused challenge 400 naming `body.challenge`, too little work `body.nonce`; ' +
            'an unknown village or case 422. Five reports with good proof of work per address and hour, then 429.',
          operationId: 'fileTipOff',
          security: [],
          requestBody: body(
            publicReportSchema,
            'A tip-off about a household in 喜洲村',
            PUBLIC_REPORT_EXAMPLE,
          ),
          responses: { '201': answer('The receipt number.'), ...publicErrors('400', '422', '429') },
        }),
      },
      '/api/public/reports/{receiptNo}': {
        get: op({
          summary: '办理结果 A report’s status and outcome by receipt number (no sign-in)',
          description:
            'No sign-in. Answers the status (核查中, 属实, 不属实) and, once closed, the outcome text: ' +
            'nothing of the facts, the reporter, the village or the case. An unknown receipt 404.',
          operationId: 'getTipOffAnswer',
          security: [],
          parameters: [...RECEIPT, ...parametersOf(noQuerySchema, 'query')],
          responses: { '200': answer('Status and outcome.'), ...publicErrors('400', '404') },
        }),
      },
      '/api/tip-offs': {
        get: op({
          summary: '核查任务 The verification tasks of the reader’s unit and below',
          description:
            `${roleNames(TIP_OFF_READERS)}; others 403. Open tasks first, by due date. The reporter’s ` +
            'name and phone are shown only to the county’s supervisors, masked for everyone else.',
          operationId: 'listTipOffs',
          security: READ_SECURITY,
          parameters: parametersOf(tipOffListQuerySchema, 'query'),
          responses: { '200': answer('Up to 200 tasks.'), ...errors('400', '403') },
        }),
      },
      '/api/tip-offs/{receiptNo}': {
        get: op({
          summary: '核查任务 One verification task',
          description:
            'A task outside the reader’s jurisdiction answers 404. The reporter is shown to the ' +
            'county’s supervisors only (and the reading audited).',
          operationId: 'getTipOff',
          security: READ_SECURITY,
          parameters: RECEIPT,
          responses: { '200': answer('The task.'), ...errors('400', '403', '404') },
        }),
      },
      '/api/tip-offs/{receiptNo}/outcome': {
        post: op({
          summary:
            '核查结果 Record the outcome: substantiated or not, with findings and what follows for the case',
          description:
            'The verifying unit’s own township officer (举报) or county approver (投诉), or the county’s ' +
            'approver for its townships’ tip-offs; others 403. `outcomeText` is published on the answer ' +
            'page; `findings` stay with staff. A substantiated report about an enrolled case may carry ' +
            '`consequence`: `REVIEW` opens an out-of-cycle review (低保: the enrolment’s review request; ' +
            '特困: a care reassessment), `FRAUD_EXIT` (county approver only, else 403) exits the case for ' +
            'fraud from `ineligibleFromMonth`, whose overpayment the exit notice states and the payment ' +
            'roll recovers; `caseNo` names the case when the report did not. Not substantiated: no ' +
            'consequence (400 naming `body.consequence`). A case not enrolled 409; a closed task 409.',
          operationId: 'recordTipOffOutcome',
          security: WRITE_SECURITY,
          parameters: RECEIPT,
          requestBody: body(tipOffOutcomeSchema, 'Substantiated', {
            status: 'SUBSTANTIATED',
            outcomeText: '经核查，反映情况属实，已启动复核。',
            findings: '入户核查：该户于 2026 年 10 月购入小汽车一辆（车价 12 万元），未申报。',
            consequence: 'NONE',
          }),
          responses: { '200': answer('The task, closed.'), ...errors('400', '403', '404', '409') },
        }),
      },
    },
  };
}
