import { z } from 'zod';
import { DISASTER_KIND_CODES } from '../../domain/disaster';
import { RELOCATION_AID_KIND_CODES } from '../../domain/disaster-relocation';
import { idNumberSchema } from './case-application';
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

// ── 紧急转移安置 relocation sites and the people at them ──

export const siteParamsSchema = z.strictObject({ siteId: uuid('安置点') }, unknownKey);
export const personParamsSchema = z.strictObject(
  { siteId: uuid('安置点'), personId: uuid('安置人员') },
  unknownKey,
);

export const siteSchema = z.strictObject(
  {
    townshipId: z.string().regex(/^\d{9}$/, '乡镇（街道）代码应为 9 位数字 (a 9-digit township code)'),
    name: storableText().min(1, '请填写安置点名称 (a name)').max(100, '名称过长 (at most 100)'),
    address: storableText().min(1, '请填写地址 (an address)').max(200, '地址过长 (at most 200)'),
    capacity: z
      .number({ error: '容量应为整数 (a whole number)' })
      .int('容量应为整数 (a whole number)')
      .min(1, '容量至少为 1 (at least 1)')
      .max(100_000, '容量过大 (too large)'),
  },
  unknownKey,
);

const aidItemSchema = z
  .strictObject(
    {
      kind: z.enum(RELOCATION_AID_KIND_CODES, {
        error: '救助物品应为 FOOD、WATER、CLOTHING、TENT 或 CASH',
      }),
      /** Goods from the county's reserve: the stock they are issued from. */
      stockId: uuid('物资储备').optional(),
      item: storableText().min(1, '请填写物品名称 (an item)').max(50, '名称过长 (at most 50)').optional(),
      quantity: quantity.optional(),
      unit: storableText().min(1).max(10, '单位过长 (at most 10)').optional(),
      amountYuan: z
        .number({ error: '金额应为数字 (a number of yuan)' })
        .min(0.01, '金额应大于 0 (more than 0)')
        .max(100_000, '金额过大 (too large)')
        .multipleOf(0.01, '金额最多两位小数 (at most 2 decimals)')
        .optional(),
    },
    unknownKey,
  )
  .superRefine((a, ctx) => {
    if (a.kind === 'CASH') {
      if (a.amountYuan === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['amountYuan'],
          message: '现金须填写金额 (cash needs an amount)',
        });
      for (const field of ['stockId', 'quantity', 'item', 'unit'] as const)
        if (a[field] !== undefined)
          ctx.addIssue({ code: 'custom', path: [field], message: '现金不填此项 (not for cash)' });
    } else {
      if (a.quantity === undefined)
        ctx.addIssue({ code: 'custom', path: ['quantity'], message: '请填写数量 (a quantity)' });
      if (a.amountYuan !== undefined)
        ctx.addIssue({ code: 'custom', path: ['amountYuan'], message: '实物不填金额 (not for goods)' });
      if (a.stockId === undefined && (a.item === undefined || a.unit === undefined))
        ctx.addIssue({
          code: 'custom',
          path: ['item'],
          message: '非储备物资须填写物品名称和单位 (item and unit, unless from a stock)',
        });
    }
  });

export const aidListSchema = z
  .array(aidItemSchema, { error: '救助物品应为列表 (a list)' })
  .max(20, '一次至多 20 项 (at most 20)');

export const aidSchema = z.strictObject({ aid: aidListSchema.min(1, '至少一项 (at least one)') }, unknownKey);

export const registrationSchema = z
  .strictObject(
    {
      name: storableText().min(1, '请填写姓名或称呼 (a name)').max(50, '姓名过长 (at most 50)'),
      /** Unknown for some: then a description (sex, age, appearance) identifies the person. */
      idNumber: idNumberSchema.optional(),
      description: storableText({ multiline: true })
        .min(2, '请填写体貌特征 (a description)')
        .max(500, '描述过长 (at most 500)')
        .optional(),
      homeVillageId: villageId,
      /** A household registered together (at least the person). */
      persons: z
        .number({ error: '人数应为整数 (a whole number)' })
        .int('人数应为整数 (a whole number)')
        .min(1, '人数至少为 1 (at least 1)')
        .max(20, '人数至多 20 (at most 20)')
        .default(1),
      registeredOn: isoDate.optional(),
      /** 过渡期生活救助: grant the daily aid (opens a 受灾人员救助 case). */
      transitionalAid: z.boolean({ error: '应为 true 或 false' }).default(false),
      aid: aidListSchema.default([]),
    },
    unknownKey,
  )
  .superRefine((r, ctx) => {
    if (r.idNumber === undefined && r.description === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['description'],
        message: '身份不明者须填写体貌特征 (a description when the ID number is unknown)',
      });
  });

export const returnSchema = z.strictObject(
  {
    returnedOn: isoDate,
    note: storableText({ multiline: true }).max(500, '说明过长 (at most 500)').optional(),
  },
  unknownKey,
);
