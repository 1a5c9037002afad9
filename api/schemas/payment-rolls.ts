import { z } from 'zod';
import { FUND_SOURCES, fundSourceSchema } from '../../domain/funds';
import { rollMonthSchema } from '../../domain/payment-roll';
import { PROGRAMME_CODES } from '../../domain/programmes';
import { storableText } from './storable-text';

/** The input schemas of the payment roll 发放名册 and funds 资金 routes. */

const unknownKey = {
  error: (issue: { code?: string }) =>
    issue.code === 'unrecognized_keys' ? '不认识的参数 (unknown field)' : undefined,
};

const countyId = z.string().regex(/^\d{6}$/, '县市代码应为 6 位数字 (a 6-digit county code)');
const uuid = (what: string) => z.string().uuid(`${what}编号格式不正确 (not an id)`);
const programmeCode = z.enum(PROGRAMME_CODES, { error: '救助项目不正确 (unknown programme)' });
/** Yuan with at most 2 decimals. */
const yuan = (min: number) =>
  z
    .number({ error: '金额应为数字 (a number of yuan)' })
    .finite()
    .min(min, `金额不能小于 ${min} (at least ${min})`)
    .max(1e11, '金额过大 (too large)')
    .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, '金额最多两位小数 (at most 2 decimals)');

export const rollParamsSchema = z.strictObject({ rollId: uuid('发放名册') }, unknownKey);

export const rollListQuerySchema = z.strictObject(
  { countyId: countyId.optional(), month: rollMonthSchema.optional() },
  unknownKey,
);

export const rollStartSchema = z.strictObject({ countyId, month: rollMonthSchema }, unknownKey);

export const rollViewQuerySchema = z.strictObject(
  {
    offset: z.coerce.number().int().min(0).max(10_000_000).optional(),
    limit: z.coerce.number().int().min(1).max(1000).optional(),
  },
  unknownKey,
);

export const rollRebuildSchema = z.strictObject({}, unknownKey);

export const rollApprovalSchema = z.strictObject(
  {
    fundSources: z
      .partialRecord(programmeCode, fundSourceSchema)
      .optional()
      .describe(
        'Per programme, the fund source the draw goes to; by default the first line in the order ' +
          Object.keys(FUND_SOURCES).join(', ') +
          '.',
      ),
  },
  unknownKey,
);

export const bankFileQuerySchema = z.strictObject(
  { format: z.enum(['csv', 'xlsx'], { error: '格式应为 csv 或 xlsx (csv or xlsx)' }) },
  unknownKey,
);

export const bankReturnSchema = z.strictObject(
  {
    format: z.enum(['csv', 'xlsx'], { error: '格式应为 csv 或 xlsx (csv or xlsx)' }),
    /** The CSV text, or the XLSX file in base64. */
    content: z.string().min(1, '文件内容不能为空 (the file is empty)').max(200_000, '文件过大 (too large)'),
  },
  unknownKey,
);

/** One row of the bank's return file 回盘文件: the line, paid or failed, and why it failed. */
export const bankReturnRowSchema = z
  .strictObject({
    lineId: uuid('明细'),
    result: z.enum(['PAID', 'FAILED'], { error: '结果应为 PAID 或 FAILED (PAID or FAILED)' }),
    reason: storableText().pipe(z.string().max(200, '原因过长 (too long)')).optional(),
  })
  .superRefine((row, ctx) => {
    if (row.result === 'FAILED' && !row.reason)
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: '发放失败须注明原因 (a failed line needs a reason)',
      });
  });

export type BankReturnRow = z.infer<typeof bankReturnRowSchema>;

export const householdParamsSchema = z.strictObject({ householdId: uuid('家庭') }, unknownKey);

export const bankAccountSchema = z.strictObject(
  {
    holderName: storableText().pipe(z.string().min(1, '请填写户名 (holder name)').max(50)),
    bankName: storableText().pipe(z.string().min(1, '请填写开户银行 (bank)').max(100)),
    accountNo: z.string().regex(/^\d{10,30}$/, '账号应为 10–30 位数字 (10 to 30 digits)'),
  },
  unknownKey,
);

/**
 * The account given at intake 申请时登记的银行账户: the same fields, the holder defaulting to the
 * applicant (the 一卡通 is usually in the applicant's name).
 */
export const intakeBankAccountSchema = bankAccountSchema.partial({ holderName: true });

export const budgetQuerySchema = z.strictObject(
  { countyId: countyId.optional(), year: z.coerce.number().int().min(2000).max(2100) },
  unknownKey,
);

export const budgetLineSchema = z.strictObject(
  {
    countyId,
    year: z.number().int().min(2000).max(2100),
    programmeCode,
    source: fundSourceSchema,
    allocatedYuan: yuan(0),
  },
  unknownKey,
);

export const reallocationSchema = z.strictObject(
  {
    fromLineId: uuid('预算'),
    toLineId: uuid('预算'),
    amountYuan: yuan(0.01),
    reason: storableText().pipe(z.string().min(2, '请说明调剂原因 (a reason)').max(500)),
  },
  unknownKey,
);

export const spendingQuerySchema = z.strictObject(
  { year: z.coerce.number().int().min(2000).max(2100), countyId: countyId.optional() },
  unknownKey,
);

export const recoveryParamsSchema = z.strictObject({ recoveryId: uuid('追回') }, unknownKey);

export const repaymentSchema = z.strictObject({ amountYuan: yuan(0.01) }, unknownKey);
