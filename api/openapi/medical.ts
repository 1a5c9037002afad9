import { premiumSubsidyQuerySchema } from '../routes/premium-subsidies';
import { paramsSchema as countyParamsSchema } from '../routes/county-policy';
import { errors, READ_SECURITY } from './responses';
import { parametersOf, type OpenApiPaths } from './types';

// 医疗救助: the insurer's yearly list of the premium subsidy 参保资助. The claims themselves are
// cases (POST /api/cases with programme MEDICAL) and their steps (medicalCheck, medicalApproval,
// medicalSettlement), documented with the other programmes'.

export function medicalPaths(): OpenApiPaths {
  return {
    '/api/counties/{countyId}/premium-subsidies': {
      get: {
        tags: ['counties'],
        summary:
          '参保资助名单 The yearly list of subsidised insurance premiums, for the insurer (CSV or XLSX)',
        description:
          '本县当年任一日享受低保或特困的人员（参保资助随纳入保障开始、随停保终止）及资助金额，供医保经办机构使用。' +
          '名单含完整身份证号码，仅县级审批人员和监督人员可导出，每次导出记入审计日志。\n\n' +
          'Everyone enrolled in 低保 or 特困 on some day of the year (the subsidy starts with the enrolment ' +
          'and ends with it), with the resident premium and the subsidy on the county policy in force on 1 ' +
          'January: 100 % for 特困, the county share (80–90 %, 85 % by default) for 低保. The list carries ' +
          "whole ID numbers (the insurer matches on them): only the county's approvers and the supervisors " +
          'above may export it; every export is audited. Another county answers 404.',
        operationId: 'exportPremiumSubsidies',
        security: READ_SECURITY,
        parameters: [
          ...parametersOf(countyParamsSchema, 'path', { countyId: 'The 6-digit county code, e.g. 532901.' }),
          ...parametersOf(premiumSubsidyQuerySchema, 'query', {
            year: 'The insurance year, e.g. 2026.',
            format: '`csv` (UTF-8 with a byte-order mark; the default) or `xlsx`.',
          }),
        ],
        responses: {
          '200': {
            description:
              'The list: 姓名, 公民身份号码, 资助类别, 救助案件编号, 资助起始日期, 资助终止日期, 个人缴费标准（元）, 资助比例（%）, 资助金额（元）.',
            content: {
              'text/csv': { schema: { type: 'string' } },
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
                schema: { type: 'string', contentEncoding: 'binary' },
              },
            },
          },
          ...errors('400', '403', '404'),
        },
      },
    },
  };
}
