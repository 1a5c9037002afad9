import { z } from 'zod';
import { storableText } from './storable-text';

const unitName = storableText().min(2, '请填写单位名称').max(50, '单位名称最长 50 个字');

export const unitParamsSchema = z.strictObject({
  unitId: z.string().regex(/^[0-9A-Z-]{4,40}$/, '单位编码有误'),
});

/**
 * 新增村（社区）under a township: its 12-digit code (统计用区划代码) is the township's 9 digits and 3
 * more; 社区 (community) is urban, 村 (village) rural, which decides its default programme.
 */
export const newVillageSchema = z.strictObject({
  parentId: z.string().regex(/^[0-9A-Z-]{4,40}$/, '所属乡镇（街道）编码有误'),
  id: z.string().regex(/^\d{12}$/, '村（社区）编码为 12 位数字'),
  name: unitName,
  kind: z.enum(['village', 'community'], '请选择村或社区'),
  email: z.email('电子邮箱格式有误').max(200).optional(),
});

/** 更名, with the reason the audit trail keeps. */
export const unitRenameSchema = z.strictObject({
  name: unitName,
  reason: storableText({ multiline: true }).min(2, '请填写理由').max(500),
});

/** 删除 a village or community created by mistake: nothing but the request. */
export const unitDeleteSchema = z.strictObject({
  reason: storableText({ multiline: true }).min(2, '请填写理由').max(500),
});
