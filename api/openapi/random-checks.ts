import { checkFiguresQuerySchema } from '../routes/dashboard';
import {
  drawParamsSchema,
  drawRequestSchema,
  randomCheckListQuerySchema,
  RANDOM_CHECK_READERS,
  visitFindingSchema,
  visitParamsSchema,
} from '../random-checks';
import { noQuerySchema } from '../schemas/strict-input';
import { roleNames } from './request-bodies';
import { errors, READ_SECURITY, WRITE_SECURITY } from './responses';
import {
  exampleBody,
  objectAnswer,
  parametersOf,
  type OpenApiOperation,
  type OpenApiPathSource,
} from './types';

// 随机抽查: the quarterly draws, their re-run, a visit's finding, and the dashboard's check figures.

const op = (o: Omit<OpenApiOperation, 'tags'>): OpenApiOperation => ({ tags: ['random-checks'], ...o });

const DRAW = parametersOf(drawParamsSchema, 'path', { drawId: 'The draw’s id.' });
const VISIT = parametersOf(visitParamsSchema, 'path', { visitId: 'The visit’s id.' });

export function randomCheckPaths(): OpenApiPathSource {
  return {
    tags: [
      {
        name: 'random-checks',
        description: '随机抽查 Quarterly seeded draws of enrolled cases, their visits, and the check figures',
      },
    ],
    paths: {
      '/api/random-checks': {
        get: op({
          summary: '抽查批次 The quarterly draws of the counties below the reader’s unit',
          description:
            `${roleNames(RANDOM_CHECK_READERS)}; others 403. Each draw: its quarter, seed, share, the ` +
            'number of candidates and the SHA-256 of their ordered list, and the number of cases drawn.',
          operationId: 'listRandomCheckDraws',
          security: READ_SECURITY,
          parameters: parametersOf(randomCheckListQuerySchema, 'query', { quarter: 'One quarter, YYYY-Qn.' }),
          responses: { '200': objectAnswer('Up to 200 draws.'), ...errors('400', '403') },
        }),
        post: op({
          summary: '抽取 Draw the county’s quarter now (the Schedule draws on the first day of each quarter)',
          description:
            'The county approver, for their own county (others 403). A fresh seed; the county’s share ' +
            '(`randomChecks.share`, 10 % by default) of its enrolled cases, at least one per township ' +
            'with any, each a visit due in the county’s `randomChecks.visit` limit (15 working days). ' +
            'Once per county and quarter: 201 the first time, 200 with the same draw after.',
          operationId: 'drawRandomChecks',
          security: WRITE_SECURITY,
          requestBody: exampleBody(drawRequestSchema, 'This quarter, own county', { quarter: '2026-Q4' }),
          responses: {
            '201': objectAnswer('The draw, with its visits.'),
            '200': objectAnswer('The quarter’s draw, already made.'),
            ...errors('400', '403', '422'),
          },
        }),
      },
      '/api/random-checks/{drawId}': {
        get: op({
          summary: '抽查批次 One draw with its visits and findings',
          description: 'A draw outside the reader’s jurisdiction answers 404.',
          operationId: 'getRandomCheckDraw',
          security: READ_SECURITY,
          parameters: [...DRAW, ...parametersOf(noQuerySchema, 'query')],
          responses: { '200': objectAnswer('The draw.'), ...errors('400', '403', '404') },
        }),
      },
      '/api/random-checks/{drawId}/rerun': {
        get: op({
          summary: '复现 Re-run a draw from its recorded seed, share and candidates, and compare',
          description:
            'Checks the recorded candidate list against its SHA-256, draws again with the same seed and ' +
            'share (xoroshiro128+, pure-rand) and compares case by case: `matches` true when both hold.',
          operationId: 'rerunRandomCheckDraw',
          security: READ_SECURITY,
          parameters: [...DRAW, ...parametersOf(noQuerySchema, 'query')],
          responses: { '200': objectAnswer('Recorded and recomputed.'), ...errors('400', '403', '404') },
        }),
      },
      '/api/random-checks/visits/{visitId}/finding': {
        post: op({
          summary: '核查结果 Record a drawn case’s finding: no issue, a review, or a fraud exit',
          description:
            'The county approver of the visit’s county; others 403. `REVIEW` opens an out-of-cycle ' +
            'review of the case, `FRAUD_EXIT` exits it for fraud from `ineligibleFromMonth` (the ' +
            'overpayment recovered through the payment roll). A case no longer enrolled 409; a closed visit 409.',
          operationId: 'recordRandomCheckFinding',
          security: WRITE_SECURITY,
          parameters: VISIT,
          requestBody: exampleBody(visitFindingSchema, 'No issue', {
            consequence: 'NONE',
            findings: '入户核查：家庭人口、收入与申报一致。',
          }),
          responses: {
            '200': objectAnswer('The draw, the visit closed.'),
            ...errors('400', '403', '404', '409', '422'),
          },
        }),
      },
      '/api/dashboard/checks': {
        get: op({
          summary: '抽查与举报 Random checks and tip-offs per county and quarter',
          description:
            'Supervisors and administrators only (403 for others), for the counties below their unit: ' +
            'cases drawn, checked, overdue; findings (no issue, review, fraud exit) and exits done; ' +
            'tip-offs received, verified, founded and what followed.',
          operationId: 'getCheckFigures',
          security: READ_SECURITY,
          parameters: parametersOf(checkFiguresQuerySchema, 'query', { quarter: 'One quarter, YYYY-Qn.' }),
          responses: { '200': objectAnswer('The figures.'), ...errors('400', '403') },
        }),
      },
    },
  };
}
