import { z } from 'zod';
import { CALENDAR_NAME_MAX } from '../../domain/calendar-days';
import { storableText } from './storable-text';

const year = z.coerce.number().int('年份有误').min(2000, '年份有误').max(2100, '年份有误');

export const calendarQuerySchema = z.strictObject({ year });
export const calendarYearParamsSchema = z.strictObject({
  year: z
    .string()
    .regex(/^\d{4}$/, '年份为 4 位数字')
    .transform(Number)
    .pipe(z.number().min(2000, '年份有误').max(2100, '年份有误')),
});
export const calendarDayParamsSchema = z.strictObject({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
});

/** 导入: the year's file as text (the console reads the chosen file), replacing that year's days. */
export const calendarImportSchema = z.strictObject({
  csv: z.string().min(1, '请选择文件').max(100_000, '文件过大（最多 100 KB）'),
});

const dayName = storableText().min(1, '请填写名称').max(CALENDAR_NAME_MAX);

/** 修改一天: a holiday, a weekend working day (调休), or an ordinary day again (NORMAL). */
export const calendarDaySchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('HOLIDAY'), name: dayName }),
    z.strictObject({ kind: z.literal('WORKDAY'), name: dayName }),
    z.strictObject({ kind: z.literal('NORMAL') }),
  ],
  '请选择：HOLIDAY 放假、WORKDAY 调休上班或 NORMAL 普通日',
);
