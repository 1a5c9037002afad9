import { pairingListQuerySchema, pairingParamsSchema, pairingSchema, visitSchema } from '../schemas/pairings';
import { errors, READ_SECURITY, WRITE_SECURITY } from './responses';
import {
  exampleBody,
  objectAnswer,
  parametersOf,
  type OpenApiOperation,
  type OpenApiPathSource,
} from './types';

// 结对帮扶: pairings, visits and help, volunteers' hours.

const pairings = (op: Omit<OpenApiOperation, 'tags'>): OpenApiOperation => ({ tags: ['pairings'], ...op });

const WHO =
  'Township officers and county approvers of the household’s place record; they, supervisors and ' +
  'administrators read, for the households below their unit.';

export function pairingPaths(): OpenApiPathSource {
  return {
    tags: [
      { name: 'pairings', description: '结对帮扶 Pairing assistance: helpers, visits, volunteer hours' },
    ],
    paths: {
      '/api/pairings': {
        get: pairings({
          summary: '结对帮扶 The pairings in the reader’s jurisdiction with their visits, value and hours',
          description: WHO,
          operationId: 'listPairings',
          security: READ_SECURITY,
          parameters: parametersOf(pairingListQuerySchema, 'query'),
          responses: { '200': objectAnswer('The pairings.'), ...errors('400', '403') },
        }),
        post: pairings({
          summary: '结对 Pair a unit or volunteer with the household of an enrolled case',
          description:
            `${WHO} The same household, kind and helper again answers the first pairing. A case not ` +
            'enrolled answers 409; an unknown case, or one outside the jurisdiction, 422.',
          operationId: 'pairHousehold',
          security: WRITE_SECURITY,
          requestBody: exampleBody(pairingSchema, 'A volunteer paired with a 低保 household', {
            caseNo: 'DB-532901-2026-000001',
            helperKind: 'VOLUNTEER',
            helperName: '李志愿',
            startedOn: '2026-11-30',
          }),
          responses: { '201': objectAnswer('The pairing.'), ...errors('400', '403', '409', '422') },
        }),
      },
      '/api/pairings/volunteer-hours': {
        get: pairings({
          summary: '志愿服务时长 Hours served per volunteer and unit in a year, with visits and value given',
          description: WHO,
          operationId: 'volunteerHours',
          security: READ_SECURITY,
          parameters: parametersOf(pairingListQuerySchema, 'query', { year: 'This year when absent.' }),
          responses: { '200': objectAnswer('Hours per helper.'), ...errors('400', '403') },
        }),
      },
      '/api/pairings/{pairingId}/visits': {
        post: pairings({
          summary: '帮扶记录 Record a visit or help given: date, what, its value if any, hours served',
          description:
            `${WHO} Send an Idempotency-Key header so a retried request records the visit once. ` +
            'Another place’s pairing answers 404.',
          operationId: 'recordPairingVisit',
          security: WRITE_SECURITY,
          parameters: parametersOf(pairingParamsSchema, 'path'),
          requestBody: exampleBody(visitSchema, 'Rice and oil delivered, two hours', {
            visitedOn: '2026-11-28',
            help: '送米一袋、油一桶，帮助打扫卫生',
            valueYuan: 150,
            hours: 2,
          }),
          responses: { '201': objectAnswer('The visit.'), ...errors('400', '403', '404') },
        }),
      },
    },
  };
}
