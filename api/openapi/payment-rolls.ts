import {
  bankAccountSchema,
  bankFileQuerySchema,
  bankReturnSchema,
  budgetLineSchema,
  budgetQuerySchema,
  householdParamsSchema,
  reallocationSchema,
  recoveryParamsSchema,
  repaymentSchema,
  rollApprovalSchema,
  rollListQuerySchema,
  rollParamsSchema,
  rollRebuildSchema,
  rollStartSchema,
  rollViewQuerySchema,
  spendingQuerySchema,
} from '../schemas/payment-rolls';
import { errors, READ_SECURITY, WRITE_SECURITY } from './responses';
import {
  exampleBody,
  objectAnswer,
  parametersOf,
  type OpenApiOperation,
  type OpenApiPathSource,
} from './types';

// 发放名册 and 资金: the payment roll's and the funds' paths, with an example body for each write.

const body = exampleBody;
const answer = objectAnswer;

const rolls = (op: Omit<OpenApiOperation, 'tags'>): OpenApiOperation => ({ tags: ['payment-rolls'], ...op });
const funds = (op: Omit<OpenApiOperation, 'tags'>): OpenApiOperation => ({ tags: ['funds'], ...op });

const ROLL_ID = parametersOf(rollParamsSchema, 'path', { rollId: 'The roll’s id.' });

export function paymentRollPaths(): OpenApiPathSource {
  return {
    tags: [
      {
        name: 'payment-rolls',
        description: '发放名册 The monthly payment roll, its review and the bank’s files',
      },
      { name: 'funds', description: '资金 Budget lines by source, reallocations, spending, recoveries' },
    ],
    paths: {
      '/api/payment-rolls': {
        get: rolls({
          summary: '发放名册列表 The rolls of the counties in the reader’s jurisdiction, with progress',
          description:
            'County approvers, supervisors and administrators; others 403. `countyId` outside the ' +
            'jurisdiction answers 403, an unknown one 422.',
          operationId: 'listPaymentRolls',
          security: READ_SECURITY,
          parameters: parametersOf(rollListQuerySchema, 'query'),
          responses: { '200': answer('The rolls, newest month first.'), ...errors('400', '403', '422') },
        }),
        post: rolls({
          summary: '生成发放名册 Start (or find) a county’s roll for a month',
          description:
            'The county’s approver only. Idempotent: the same county and month answer the same roll. ' +
            'The roll builds in the background; `progress` shows lines done of the total.',
          operationId: 'startPaymentRoll',
          security: WRITE_SECURITY,
          requestBody: body(rollStartSchema, 'December 2026 for 大理市', {
            countyId: '532901',
            month: '2026-12',
          }),
          responses: { '202': answer('The roll, building or built.'), ...errors('400', '403', '422') },
        }),
      },
      '/api/payment-rolls/{rollId}': {
        get: rolls({
          summary: '发放名册 One roll: progress, totals per township and programme, lines, amounts owed',
          description:
            'ID numbers masked, accounts by their last four digits. Another county’s roll answers 404.',
          operationId: 'getPaymentRoll',
          security: READ_SECURITY,
          parameters: [...ROLL_ID, ...parametersOf(rollViewQuerySchema, 'query')],
          responses: { '200': answer('The roll.'), ...errors('400', '403', '404') },
        }),
      },
      '/api/payment-rolls/{rollId}/rebuild': {
        post: rolls({
          summary: '重新生成 Rebuild the roll before approval (never a second line)',
          description: 'The county’s approver, while the roll is under review; an approved roll answers 409.',
          operationId: 'rebuildPaymentRoll',
          security: WRITE_SECURITY,
          parameters: ROLL_ID,
          requestBody: body(rollRebuildSchema, 'No fields', {}),
          responses: { '200': answer('The roll, rebuilt.'), ...errors('400', '403', '404', '409') },
        }),
      },
      '/api/payment-rolls/{rollId}/approval': {
        post: rolls({
          summary: '审核 Approve the roll: draws on the budget and freezes it',
          description:
            'The county’s approver. Each programme’s sum draws on one budget line (the one named in ' +
            '`fundSources`, else the first of 上级转移支付, 州级预算, 县级预算, 福彩公益金, 社会捐赠 the ' +
            'county has); a draw that would overspend answers 409 `Overspend` naming the line, and ' +
            'nothing is drawn. An approved roll answers 409; a later change goes into next month.',
          operationId: 'approvePaymentRoll',
          security: WRITE_SECURITY,
          parameters: ROLL_ID,
          requestBody: body(rollApprovalSchema, 'Temporary assistance from the welfare lottery fund', {
            fundSources: { TEMPORARY: 'WELFARE_LOTTERY' },
          }),
          responses: { '200': answer('The roll, approved.'), ...errors('400', '403', '404', '409') },
        }),
      },
      '/api/payment-rolls/{rollId}/bank-file': {
        get: rolls({
          summary: '银行代发文件 The bank file (CSV or XLSX): full ID numbers, accounts, totals',
          description:
            'The county’s approver, once approved (else 409); every export is audited. Lines without ' +
            'an account are left out and counted in `X-Lines-Without-Account`.',
          operationId: 'getBankFile',
          security: READ_SECURITY,
          parameters: [...ROLL_ID, ...parametersOf(bankFileQuerySchema, 'query')],
          responses: {
            '200': {
              description: 'The file.',
              content: {
                'text/csv': { schema: { type: 'string' } },
                'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
                  schema: { type: 'string', contentEncoding: 'binary' },
                },
              },
            },
            ...errors('400', '403', '404', '409'),
          },
        }),
      },
      '/api/payment-rolls/{rollId}/bank-returns': {
        post: rolls({
          summary: '银行回盘 Import the bank’s return file: paid, or failed with a reason',
          description:
            'Header `lineId,result,reason`, one row per line; `content` is the CSV text or the XLSX in ' +
            'base64. Every row is checked; any problem answers 422 naming its row and column and ' +
            'nothing is applied. Failed lines are re-queued into the next month’s roll.',
          operationId: 'importBankReturn',
          security: WRITE_SECURITY,
          parameters: ROLL_ID,
          requestBody: body(bankReturnSchema, 'One line paid', {
            format: 'csv',
            content: 'lineId,result,reason\n00000000-0000-4000-8000-000000000000,PAID,\n',
          }),
          responses: {
            '200': answer('How many lines were paid and failed.'),
            ...errors('400', '403', '404', '409', '422'),
          },
        }),
      },
      '/api/households/{householdId}/bank-account': {
        post: funds({
          summary: '银行账户 Record or change a household’s bank account (audited)',
          description: 'A township officer or the county’s approver of the household’s place; elsewhere 404.',
          operationId: 'setBankAccount',
          security: WRITE_SECURITY,
          parameters: parametersOf(householdParamsSchema, 'path'),
          requestBody: body(bankAccountSchema, 'A 一卡通 account', {
            holderName: '杨秀英',
            bankName: '大理农村商业银行',
            accountNo: '6230520100012345678',
          }),
          responses: { '200': answer('The account, its number masked.'), ...errors('400', '403', '404') },
        }),
      },
      '/api/funds/budgets': {
        get: funds({
          summary: '预算 Budget lines by programme and source, with what is drawn, and reallocations',
          description:
            'County approvers, supervisors and administrators, for the counties in their jurisdiction.',
          operationId: 'listBudget',
          security: READ_SECURITY,
          parameters: parametersOf(budgetQuerySchema, 'query'),
          responses: { '200': answer('The lines.'), ...errors('400', '403', '422') },
        }),
        post: funds({
          summary: '安排预算 Set a budget line’s yearly allocation',
          description: 'The county’s approver. Never below what the line has drawn (409).',
          operationId: 'setBudgetLine',
          security: WRITE_SECURITY,
          requestBody: body(budgetLineSchema, '低保 from higher transfers', {
            countyId: '532901',
            year: 2026,
            programmeCode: 'DIBAO_RURAL',
            source: 'HIGHER_TRANSFER',
            allocatedYuan: 1200000,
          }),
          responses: { '200': answer('The line.'), ...errors('400', '403', '409', '422') },
        }),
      },
      '/api/funds/reallocations': {
        post: funds({
          summary: '预算调剂 Move allocation between two lines of a county and year, with a reason',
          description: 'The county’s approver. The source line keeps at least what it has drawn (409).',
          operationId: 'reallocateFunds',
          security: WRITE_SECURITY,
          requestBody: body(reallocationSchema, 'To temporary assistance', {
            fromLineId: '00000000-0000-4000-8000-000000000001',
            toLineId: '00000000-0000-4000-8000-000000000002',
            amountYuan: 5000,
            reason: '临时救助支出增加，从低保资金调剂',
          }),
          responses: { '201': answer('The reallocation.'), ...errors('400', '403', '404', '409') },
        }),
      },
      '/api/funds/spending': {
        get: funds({
          summary: '资金使用 Spending against budget per county and programme, by month',
          description: 'The prefecture sees all twelve counties; a county its own.',
          operationId: 'getSpending',
          security: READ_SECURITY,
          parameters: parametersOf(spendingQuerySchema, 'query'),
          responses: { '200': answer('Per county and programme.'), ...errors('400', '403', '422') },
        }),
      },
      '/api/funds/recoveries/{recoveryId}/repayments': {
        post: funds({
          summary: '追回 Record a repayment of an overpayment (never above what is owed)',
          description: 'The county’s approver; more than is still owed answers 409.',
          operationId: 'recordRepayment',
          security: WRITE_SECURITY,
          parameters: parametersOf(recoveryParamsSchema, 'path'),
          requestBody: body(repaymentSchema, 'An instalment', { amountYuan: 500 }),
          responses: { '200': answer('What is owed and repaid.'), ...errors('400', '403', '404', '409') },
        }),
      },
    },
  };
}
