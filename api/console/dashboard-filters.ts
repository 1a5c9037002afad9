import { HttpError } from '../http-error';
import { z } from 'zod';
import { AGEING_BUCKET_KEYS } from '../../domain/case-ageing';
import { PROCEDURE_STEPS, type ProcedureStep } from '../../domain/case-steps';
import { OPEN_PROGRAMME_CODES } from '../../domain/programmes';
import type { Actor } from '../../domain/staff-roles';

/** Who may open the dashboard; only supervisors may also approve extensions (ACTION_ROLES). */
export const DASHBOARD_ROLES: readonly Actor['role'][] = ['SUPERVISOR', 'ADMINISTRATOR'];

const STEP_KEYS = Object.keys(PROCEDURE_STEPS) as [ProcedureStep, ...ProcedureStep[]];

/** A blank field of a filter form is no filter. */
const blankIsAbsent = (value: unknown) => (value === '' ? undefined : value);

/** 救助项目: one whose procedure exists; blank or `all` is every programme. */
export const programmeFilter = z.preprocess(
  (value) => (value === '' || value === 'all' ? undefined : value),
  z
    .enum(OPEN_PROGRAMME_CODES, { error: `救助项目应为 all、${OPEN_PROGRAMME_CODES.join('、')} 之一` })
    .optional(),
);

export const unknownKeys = {
  error: (issue: { code?: string }) => (issue.code === 'unrecognized_keys' ? '不认识的查询参数' : undefined),
};

/** The dashboard's own filter: the programme every figure is counted for. */
export const dashboardQuerySchema = z.strictObject({ programme: programmeFilter }, unknownKeys);

const flag = z.preprocess(
  blankIsAbsent,
  z
    .enum(['true', 'false'], { error: '应为 true 或 false' })
    .transform((v) => v === 'true')
    .optional(),
);

/** A page of a list: 1 for the first. */
export const pageNumber = z.preprocess(
  blankIsAbsent,
  z.coerce
    .number({ error: '页码应为 1 至 10000 的整数' })
    .int('页码应为 1 至 10000 的整数')
    .min(1, '页码应为 1 至 10000 的整数')
    .max(10_000, '页码应为 1 至 10000 的整数')
    .default(1),
);

/** The drill-down's filters, as the dashboard's links send them, and its page. */
export const drillDownQuerySchema = z.strictObject(
  {
    step: z.preprocess(blankIsAbsent, z.enum(STEP_KEYS, { error: '没有这个环节' }).optional()),
    townshipId: z.preprocess(
      blankIsAbsent,
      z
        .string({ error: '乡镇代码应为 9 位数字' })
        .regex(/^\d{9}$/, '乡镇代码应为 9 位数字')
        .optional(),
    ),
    countyId: z.preprocess(
      blankIsAbsent,
      z
        .string({ error: '县（市）代码应为 6 位数字' })
        .regex(/^\d{6}$/, '县（市）代码应为 6 位数字')
        .optional(),
    ),
    programme: programmeFilter,
    overdue: flag,
    overallOverdue: flag,
    ageing: z.preprocess(
      blankIsAbsent,
      z.enum(AGEING_BUCKET_KEYS, { error: `超期时长应为 ${AGEING_BUCKET_KEYS.join('、')} 之一` }).optional(),
    ),
    page: pageNumber,
  },
  unknownKeys,
);

export type DrillDownQuery = z.infer<typeof drillDownQuerySchema>;

export const FILTER_LABELS: Record<string, string> = {
  step: '环节',
  townshipId: '乡镇',
  countyId: '县（市）',
  programme: '救助项目',
  overdue: '环节超期',
  overallOverdue: '超过办理总时限',
  ageing: '超期时长',
  page: '页码',
};

/** The drill-down's address for a set of filters. */
export function drillDownHref(
  filters: Partial<Record<keyof DrillDownQuery, string | boolean | number>>,
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== '' && !(key === 'page' && value === 1))
      params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `/dashboard/cases?${query}` : '/dashboard/cases';
}

/** A query's problems as the pages list them: the field (and its zh-CN name) and what is wrong. */
export function problemsOf(error: z.ZodError) {
  return error.issues.map((i) => {
    const field =
      i.code === 'unrecognized_keys' ? i.keys.join('、') : i.path.map(String).join('.') || 'query';
    return { field, label: FILTER_LABELS[field] ?? null, message: i.message };
  });
}

/** Thrown, not rendered, so the refusal reaches the security log like every other. */
export const forbidden = () => new HttpError(403, 'forbidden', '督办看板仅供监督人员和系统管理员使用。');
