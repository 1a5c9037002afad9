import { publicCountyParamsSchema } from '../routes/public-disclosure';
import { errors } from './responses';
import { json, parametersOf, type OpenApiPathSource } from './types';

// 公示: the county's public disclosure, the one /api route without sign-in besides health and docs.

export function publicDisclosurePaths(): OpenApiPathSource {
  return {
    tags: [
      { name: 'public', description: '公示 Public disclosure of standards, caseloads and funds, no sign-in' },
    ],
    paths: {
      '/api/public/counties/{countyId}': {
        get: {
          tags: ['public'],
          summary:
            '县级公示 A county’s standards in force, households and people served, funds paid by month',
          description:
            'No sign-in (the same figures as the page /public/counties/{countyId}). Aggregates only: no ' +
            'name, ID number or address; a count of one or two households answers "<3". A month without an ' +
            'approved roll says so (`rollApproved` false). Figures are cached for a minute; more than 120 ' +
            'requests a minute from one address answer 429.',
          operationId: 'getPublicCountyDisclosure',
          security: [],
          parameters: parametersOf(publicCountyParamsSchema, 'path', {
            countyId: 'The county’s 6-digit code.',
          }),
          responses: {
            '200': { description: 'The county’s disclosure.', content: json({ type: 'object' }) },
            ...errors('400', '404'),
          },
        },
      },
    },
  };
}
