import { reportQuerySchema } from '../../domain/report-months';
import { errors, READ_SECURITY } from './responses';
import { objectAnswer, parametersOf, type OpenApiOperation, type OpenApiPathSource } from './types';

// 统计报表: the prefecture's report over a month range, as JSON and as an XLSX workbook.

const reports = (op: Omit<OpenApiOperation, 'tags'>): OpenApiOperation => ({ tags: ['reports'], ...op });

const RANGE = parametersOf(reportQuerySchema.unwrap(), 'query', {
  from: 'First month (YYYY-MM, UTC+8); January of `to`’s year when absent.',
  to: 'Last month, included (YYYY-MM); this month when absent. At most 120 months after `from`.',
  countyId: 'One county only; outside the reader’s jurisdiction 403, unknown 422.',
});

const ACCESS =
  'Supervisors and administrators, for the counties at or below their unit (the prefecture’s twelve, ' +
  'or a county’s one); others 403. Figures only: no name, ID number or household is in it.';

export function reportPaths(): OpenApiPathSource {
  return {
    tags: [{ name: 'reports', description: '统计报表 The prefecture’s report per county and programme' }],
    paths: {
      '/api/reports/prefecture': {
        get: reports({
          summary:
            '统计报表 Caseload, approvals, refusals and exits by reason, processing days, overdue steps',
          description:
            `${ACCESS} Per county and programme over the months asked: applications filed, decisions ` +
            '(approved, refused, not accepted), the median calendar days from filing to decision, steps ' +
            'that went overdue; refusals by decision and reason, exits by reason.',
          operationId: 'getPrefectureReport',
          security: READ_SECURITY,
          parameters: RANGE,
          responses: { '200': objectAnswer('The report.'), ...errors('400', '403', '422') },
        }),
      },
      '/api/reports/prefecture/workbook': {
        get: reports({
          summary: '统计报表 XLSX The same report as a workbook (汇总, 不予批准理由, 退出原因)',
          description: ACCESS,
          operationId: 'getPrefectureReportWorkbook',
          security: READ_SECURITY,
          parameters: RANGE,
          responses: {
            '200': {
              description: 'The workbook.',
              content: {
                'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
                  schema: { type: 'string', contentEncoding: 'binary' },
                },
              },
            },
            ...errors('400', '403', '422'),
          },
        }),
      },
    },
  };
}
