import { z } from 'zod';
import { CASE_NO_PATTERN } from '../../domain/programmes';
import { storableText } from './storable-text';

/** The input schemas of pairing assistance 结对帮扶. */

const unknownKey = {
  error: (issue: { code?: string }) =>
    issue.code === 'unrecognized_keys' ? '不认识的参数 (unknown field)' : undefined,
};

const date = z.iso.date('日期格式应为 YYYY-MM-DD (a date)');

export const HELPER_KINDS = { UNIT: '帮扶单位（干部）', VOLUNTEER: '志愿者' } as const;

export const pairingSchema = z.strictObject(
  {
    caseNo: z.string().regex(CASE_NO_PATTERN, '案件编号格式不正确 (not a case number)'),
    helperKind: z.enum(['UNIT', 'VOLUNTEER'], { error: '帮扶方应为 UNIT 或 VOLUNTEER (UNIT or VOLUNTEER)' }),
    helperName: storableText().pipe(
      z.string().min(1, '请填写帮扶单位或志愿者姓名 (required)').max(100, '名称过长 (too long)'),
    ),
    startedOn: date,
  },
  unknownKey,
);

export const pairingParamsSchema = z.strictObject(
  { pairingId: z.string().uuid('结对编号格式不正确 (not an id)') },
  unknownKey,
);

export const visitSchema = z.strictObject(
  {
    visitedOn: date,
    help: storableText({ multiline: true }).pipe(
      z.string().min(1, '请填写帮扶内容 (what was done)').max(500, '内容过长 (too long)'),
    ),
    /** The value of goods or money given, if any. */
    valueYuan: z
      .number({ error: '金额应为数字 (a number of yuan)' })
      .min(0, '金额不能为负 (not negative)')
      .max(1_000_000, '金额过大 (too large)')
      .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, '金额最多两位小数 (at most 2 decimals)')
      .optional(),
    /** Service hours of the visit, to a tenth. */
    hours: z
      .number({ error: '服务时长应为数字 (a number of hours)' })
      .min(0, '服务时长不能为负 (not negative)')
      .max(24, '一次服务最长 24 小时 (at most 24)')
      .refine((v) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-6, '服务时长精确到 0.1 小时 (tenths)'),
  },
  unknownKey,
);

export const pairingListQuerySchema = z.strictObject(
  { year: z.coerce.number().int().min(2000).max(2100).optional() },
  unknownKey,
);
