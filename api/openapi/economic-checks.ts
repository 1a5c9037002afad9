import {
  CHECK_INBOX_READERS,
  CHECK_REQUESTERS,
  checkAnswerBodySchema,
  checkImportBodySchema,
  checkInboxQuerySchema,
  checkParamsSchema,
  checkRequestBodySchema,
  checkResolutionBodySchema,
  requestParamsSchema,
} from '../economic-checks';
import { bureauChangeImportSchema } from '../bureau-changes';
import { caseRefSchema } from '../schemas/case-application';
import { noQuerySchema } from '../schemas/strict-input';
import { FAMILY_NAMES, roleNames } from './request-bodies';
import { CASE_NO_EXAMPLES, errors, READ_SECURITY, WRITE_SECURITY } from './responses';
import {
  exampleBody,
  objectAnswer,
  parametersOf,
  type OpenApiOperation,
  type OpenApiPathSource,
} from './types';

// 家庭经济状况核对: the township asks for a check and resolves its mismatch; the bureaus answer.

const op = (o: Omit<OpenApiOperation, 'tags'>): OpenApiOperation => ({ tags: ['economic-checks'], ...o });

const caseNumbers = Object.entries(CASE_NO_EXAMPLES)
  .map(([family, no]) => `${FAMILY_NAMES[family as keyof typeof FAMILY_NAMES]} ${no}`)
  .join(', ');
const CASE = parametersOf(caseRefSchema, 'path', {
  id: `The case number (${caseNumbers}) or its id (UUID).`,
});
const CHECK_NO = `${CASE_NO_EXAMPLES.dibao}-HD01`;
const CHECK = parametersOf(checkParamsSchema, 'path', { checkNo: `The check's number, e.g. ${CHECK_NO}.` });
const REQUEST = parametersOf(requestParamsSchema, 'path', {
  requestNo: `A bureau's request: the check's number and the bureau's code, e.g. ${CHECK_NO}-GA.`,
});

export const CHECK_REQUEST_EXAMPLE = {
  declared: {
    vehicles: 0,
    homes: 1,
    registeredBusiness: false,
    depositsYuan: 3000,
    incomes: [{ memberId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f', kind: 'wages', monthlyYuan: 300 }],
  },
};
export const CHECK_ANSWER_EXAMPLE = {
  answers: [{ memberId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f', registration: 'registered', vehicles: 0 }],
};
export const CHECK_IMPORT_EXAMPLE = {
  format: 'csv',
  content: `requestNo,idNumber,registration,vehicles\n${CHECK_NO}-GA,532901197503140024,registered,0\n`,
};
export const BUREAU_CHANGE_EXAMPLE = {
  format: 'csv',
  content: 'idNumber,change,occurredOn,detail\n532901197503140024,vehicle,2026-11-02,小型轿车 云L·A1234\n',
};
export const CHECK_RESOLUTION_EXAMPLE = {
  resolution: '存款为亲友筹集的医疗费，入户核实已用于支付医药费，不影响认定',
};

export function economicCheckPaths(): OpenApiPathSource {
  return {
    tags: [
      {
        name: 'economic-checks',
        description: '家庭经济状况核对 The household economic check across the bureaus that hold the data',
      },
    ],
    paths: {
      '/api/cases/{id}/economic-checks': {
        post: op({
          summary: '申请核对 Ask the bureaus to check the household',
          description:
            `${roleNames(CHECK_REQUESTERS)} of the case's jurisdiction, at an investigation step of a ` +
            'programme that means-tests (低保 investigation and review investigation, 特困 investigation and ' +
            'review); 409 WrongStep elsewhere, 409 CheckOpen while another check of the case is open. Fans ' +
            'out to the county’s 公安, 自然资源, 人社, 市场监管, 税务 and, through the check centre, the banks: ' +
            'one request each with the household’s members, due after the county’s `economicCheckAnswer` ' +
            'limit (5 working days by default), reminded and escalated when late. Until the report, the ' +
            'investigation step answers 409 EconomicCheckOpen.',
          operationId: 'askEconomicCheck',
          security: WRITE_SECURITY,
          parameters: CASE,
          requestBody: exampleBody(
            checkRequestBodySchema,
            'The household’s declaration',
            CHECK_REQUEST_EXAMPLE,
          ),
          responses: {
            '201': objectAnswer('The check’s number.'),
            ...errors('400', '403', '404', '409', '422'),
          },
        }),
        get: op({
          summary: '核对报告 The case’s checks, their requests and reports',
          description:
            'Whoever may see the case. Each report line is what a bureau found against what was declared; ' +
            '`unresolved` while a mismatch waits for the township’s resolution (the township’s proposal ' +
            'answers 409 EconomicCheckUnresolved meanwhile).',
          operationId: 'listEconomicChecks',
          security: READ_SECURITY,
          parameters: [...CASE, ...parametersOf(noQuerySchema, 'query')],
          responses: { '200': objectAnswer('The checks, newest first.'), ...errors('400', '404') },
        }),
      },
      '/api/economic-checks/{checkNo}/resolution': {
        post: op({
          summary: '差异处理 Resolve a report’s mismatch with reasons',
          description:
            `${roleNames(CHECK_REQUESTERS)} of the case’s jurisdiction; a check outside it 404. 409 when the ` +
            'check has no mismatch to resolve or it is resolved already.',
          operationId: 'resolveEconomicCheck',
          security: WRITE_SECURITY,
          parameters: CHECK,
          requestBody: exampleBody(
            checkResolutionBodySchema,
            'How the mismatch was resolved',
            CHECK_RESOLUTION_EXAMPLE,
          ),
          responses: { '200': objectAnswer('Resolved.'), ...errors('400', '403', '404', '409') },
        }),
      },
      '/api/economic-check-requests': {
        get: op({
          summary: '核对请求 The bureau’s inbox of check requests',
          description:
            `${roleNames(CHECK_INBOX_READERS)}; others 403. A bureau’s officer sees its own bureau’s ` +
            'requests, a supervisor those of the bureaus below the supervisor’s unit. Pending first, by due date.',
          operationId: 'listEconomicCheckRequests',
          security: READ_SECURITY,
          parameters: parametersOf(checkInboxQuerySchema, 'query'),
          responses: { '200': objectAnswer('Up to 200 requests.'), ...errors('400', '403') },
        }),
      },
      '/api/economic-check-requests/import': {
        post: op({
          summary: '导入核对结果 Answer many requests by one result file (CSV or XLSX)',
          description:
            'A bureau’s officer. The header is `requestNo,idNumber,` then the bureau’s fields (公安 ' +
            '`registration,vehicles`; 自然资源 `homes`; 人社 `pensionMonthlyYuan,insuredWageMonthlyYuan`; ' +
            '市场监管 `businesses`; 税务 `taxedIncomeMonthlyYuan`; banks `depositsYuan`); one row per member ' +
            'of each request named, CSV text or XLSX in base64. Every row is checked and 422 `invalid_rows` ' +
            'names each problem by row (1 = the header) and column; nothing is written unless every row is good.',
          operationId: 'importEconomicCheckAnswers',
          security: WRITE_SECURITY,
          parameters: parametersOf(noQuerySchema, 'query'),
          requestBody: exampleBody(checkImportBodySchema, 'A 公安 result file', CHECK_IMPORT_EXAMPLE),
          responses: { '200': objectAnswer('The requests answered.'), ...errors('400', '403', '409', '422') },
        }),
      },
      '/api/bureau-changes/import': {
        post: op({
          summary: '部门数据变更 A bureau’s periodic change file: out-of-cycle reviews',
          description:
            'A checking bureau’s officer. The header is `idNumber,change,occurredOn,detail`; `change` one of ' +
            '`vehicle`, `property`, `business`, `pension`, `employment`, `death`, `movedOut`; CSV text or ' +
            'XLSX in base64. Every row is checked and 422 `invalid_rows` names each problem by row and ' +
            'column; nothing is done unless every row is good. Each open 低保 enrolment in the bureau’s ' +
            'county with a member named is asked for a review 动态复核 (once per change, however often the ' +
            'file comes again); 特困 enrolments are listed for their township’s reassessment.',
          operationId: 'importBureauChanges',
          security: WRITE_SECURITY,
          parameters: parametersOf(noQuerySchema, 'query'),
          requestBody: exampleBody(bureauChangeImportSchema, 'A 公安 change file', BUREAU_CHANGE_EXAMPLE),
          responses: {
            '200': objectAnswer(
              'The reviews asked for, the cases for their townships, the rows matching nobody.',
            ),
            ...errors('400', '403', '422'),
          },
        }),
      },
      '/api/economic-check-requests/{requestNo}': {
        get: op({
          summary: '核对请求 One request with the household’s members',
          description:
            'Members’ ID numbers in full only to the officers of the answering bureau (the reading ' +
            'audited), masked for supervisors. A request outside the reader’s bureau or jurisdiction 404.',
          operationId: 'getEconomicCheckRequest',
          security: READ_SECURITY,
          parameters: [...REQUEST, ...parametersOf(noQuerySchema, 'query')],
          responses: { '200': objectAnswer('The request.'), ...errors('400', '403', '404') },
        }),
      },
      '/api/economic-check-requests/{requestNo}/answers': {
        post: op({
          summary: '逐人答复 Answer a request member by member',
          description:
            'The answering bureau’s officer: each member once, with the bureau’s fields; a field of ' +
            'another bureau or a member not in the request 422 naming it. 409 once answered.',
          operationId: 'answerEconomicCheckRequest',
          security: WRITE_SECURITY,
          parameters: REQUEST,
          requestBody: exampleBody(
            checkAnswerBodySchema,
            '公安’s answer for one member',
            CHECK_ANSWER_EXAMPLE,
          ),
          responses: {
            '200': objectAnswer('The request, answered.'),
            ...errors('400', '403', '404', '409', '422'),
          },
        }),
      },
    },
  };
}
