import { z } from 'zod';
import { DISASTER_KIND_CODES } from '../../domain/disaster';
import { storableText } from './storable-text';

/** The input schemas of the disaster relief 灾害救助 routes: events, reports, relief supplies. */

const unknownKey = {
  error: (issue: { code?: string }) =>
    issue.code === 'unrecognized_keys' ? '不认识的参数 (unknown field)' : undefined,
};

const countyId = z.string().regex(/^\d{6}$/, '县市代码应为 6 位数字 (a 6-digit county code)');
const villageId = z.string().regex(/^\d{12}$/, '村（社区）代码应为 12 位数字 (a 12-digit village code)');
const uuid = (what: string) => z.string().uuid(`${what}编号格式不正确 (not an id)`);
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, '不是有效日期 (not a date)');
const count = (what: string) =>
  z
    .number({ error: `${what}应为整数 (a whole number)` })
    .int(`${what}应为整数 (a whole number)`)
    .min(0, `${what}不能为负数 (not negative)`)
    .max(1_000_000, `${what}过大 (too large)`);
const quantity = z
  .number({ error: '数量应为整数 (a whole number)' })
  .int('数量应为整数 (a whole number)')
  .min(1, '数量至少为 1 (at least 1)')
  .max(1_000_000, '数量过大 (too large)');

export const eventParamsSchema = z.strictObject({ eventId: uuid('灾害事件') }, unknownKey);
export const stockParamsSchema = z.strictObject({ stockId: uuid('物资储备') }, unknownKey);

export const eventDeclarationSchema = z.strictObject(
  {
    kind: z.enum(DISASTER_KIND_CODES, { error: '灾种应为 EARTHQUAKE、FLOOD、LANDSLIDE、DROUGHT 或 SNOW' }),
    name: storableText().min(1, '请填写事件名称 (a name)').max(100, '名称过长 (at most 100)'),
    occurredOn: isoDate,
    responseLevel: z
      .number({ error: '响应级别应为 1–4 (1 to 4)' })
      .int('响应级别应为 1–4 (1 to 4)')
      .min(1, '响应级别应为 1–4 (1 to 4)')
      .max(4, '响应级别应为 1–4 (1 to 4)'),
    countyIds: z
      .array(countyId, { error: '受灾县（市）应为列表 (a list of county codes)' })
      .min(1, '至少一个受灾县（市）(at least one county)')
      .max(12, '至多 12 个县（市）(at most 12)')
      .refine((ids) => new Set(ids).size === ids.length, '县（市）重复 (a county twice)'),
  },
  unknownKey,
);

export const reportSchema = z.strictObject(
  {
    villageId,
    reportedOn: isoDate,
    affected: count('受灾人数'),
    relocated: count('转移安置人数'),
    dead: count('死亡人数'),
    missing: count('失踪人数'),
    housesCollapsed: count('倒塌房屋'),
    housesDamaged: count('损坏房屋'),
    directLossYuan: z
      .number({ error: '金额应为数字 (a number of yuan)' })
      .finite()
      .min(0, '金额不能为负数 (not negative)')
      .max(1e11, '金额过大 (too large)')
      .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, '金额最多两位小数 (at most 2 decimals)'),
  },
  unknownKey,
);

export const stockListQuerySchema = z.strictObject({ countyId: countyId.optional() }, unknownKey);

export const receiptSchema = z.strictObject(
  {
    countyId,
    item: storableText().min(1, '请填写物资名称 (an item)').max(50, '名称过长 (at most 50)'),
    unit: storableText().min(1, '请填写计量单位 (a unit)').max(10, '单位过长 (at most 10)'),
    location: storableText().min(1, '请填写存放地点 (a location)').max(100, '地点过长 (at most 100)'),
    quantity,
  },
  unknownKey,
);

export const issueSchema = z.strictObject(
  {
    eventId: uuid('灾害事件'),
    siteName: storableText().min(1, '请填写安置点 (a site)').max(100, '安置点名称过长 (at most 100)'),
    quantity,
  },
  unknownKey,
);

export const transferSchema = z.strictObject(
  {
    toCountyId: countyId,
    toLocation: storableText().min(1, '请填写调入地点 (a location)').max(100, '地点过长 (at most 100)'),
    quantity,
    eventId: uuid('灾害事件').optional(),
  },
  unknownKey,
);
