import { z } from 'zod';
import { CASE_STATUSES, PROCEDURE_STEPS, type CaseStatus, type ProcedureStep } from '../../domain/case-steps';
import { CASE_NO_PATTERN, OPEN_PROGRAMME_CODES } from '../../domain/programmes';
import { localDateSchema } from '../../domain/step-decisions';

const STATUS_KEYS = Object.keys(CASE_STATUSES) as [CaseStatus, ...CaseStatus[]];
const STEP_KEYS = Object.keys(PROCEDURE_STEPS) as [ProcedureStep, ...ProcedureStep[]];

/** The cursor a page of GET /api/cases answers with: where the next page starts. Opaque to clients. */
export const encodeCursor = (caseNo: string) => Buffer.from(caseNo, 'utf8').toString('base64url');

const cursorSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, '不是本列表给出的 cursor (not a cursor this list answered with)')
  .transform((cursor) => Buffer.from(cursor, 'base64url').toString('utf8'))
  .pipe(z.string().regex(CASE_NO_PATTERN, '不是本列表给出的 cursor (not a cursor this list answered with)'));

/** GET /api/cases: the filters, a page size and where the page starts. Unknown parameters are refused. */
export const caseListQuerySchema = z.strictObject(
  {
    programme: z
      .enum(OPEN_PROGRAMME_CODES, {
        error: `救助项目应为 ${OPEN_PROGRAMME_CODES.join('、')} 之一 (unknown programme)`,
      })
      .optional(),
    countyId: z
      .string()
      .regex(/^\d{6}$/, '县（市）代码应为 6 位数字 (a county is 6 digits)')
      .optional(),
    townshipId: z
      .string()
      .regex(/^\d{9}$/, '乡镇代码应为 9 位数字 (a township is 9 digits)')
      .optional(),
    status: z
      .string()
      .transform((s) => s.split(','))
      .pipe(z.array(z.enum(STATUS_KEYS, { error: '没有这个状态 (unknown status)' })))
      .optional(),
    step: z.enum(STEP_KEYS, { error: '没有这个环节 (unknown step)' }).optional(),
    overdue: z
      .enum(['true', 'false'], { error: '应为 true 或 false (true or false)' })
      .transform((v) => v === 'true')
      .optional(),
    dueBefore: localDateSchema.optional(),
    limit: z.coerce
      .number({ error: '每页件数应为 1–200 (1–200)' })
      .int('每页件数应为 1–200 (1–200)')
      .min(1, '每页件数应为 1–200 (1–200)')
      .max(200, '每页件数应为 1–200 (1–200)')
      .default(50),
    cursor: cursorSchema.optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? '不认识的查询参数 (unknown parameter)' : undefined,
  },
);

export type CaseListQuery = z.infer<typeof caseListQuerySchema>;
