import { z } from 'zod';
import { STAFF_ROLES } from '../../domain/staff-roles';
import { newPasswordSchema } from '../../domain/staff-passwords';
import { storableText } from './storable-text';

/** Login names as the seed spells them: `xiang.xizhou`, `bumen.jiaoyu.dali`. */
export const usernameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9._-]{2,39}$/, '用户名为 3–40 个小写字母、数字或 . _ -，以字母开头');

const unitIdSchema = z.string().regex(/^[0-9A-Z-]{4,40}$/, '单位编码有误');
const displayName = storableText().min(1, '请填写姓名').max(50);
const email = z.email('电子邮箱格式有误').max(200);
const role = z.enum(STAFF_ROLES, '请选择角色');
const reason = storableText({ multiline: true }).min(2, '请填写理由').max(500);

export const accountParamsSchema = z.strictObject({ userId: z.uuid('账号编号有误') });

/** 新建账号: the password is set by the user through a one-time link mailed to this address. */
export const newAccountSchema = z.strictObject({
  username: usernameSchema,
  displayName,
  role,
  unitId: unitIdSchema,
  email,
});

/** 修改账号: name, address, role and unit, all given (the form shows them all). */
export const accountUpdateSchema = z.strictObject({ displayName, role, unitId: unitIdSchema, email });

/** 停用 / 启用, with the reason the audit trail keeps. */
export const accountStatusSchema = z.strictObject({ active: z.boolean(), reason });

/** 发送重设密码链接: nothing to send but the request itself. */
export const passwordLinkSchema = z.strictObject({});

const activeFilter = z.enum(['true', 'false']).transform((v) => v === 'true');

export const accountListQuerySchema = z.strictObject({
  unitId: unitIdSchema.optional(),
  role: role.optional(),
  active: activeFilter.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});

/** 修改密码: one's own, with the current one. */
export const ownPasswordSchema = z.strictObject({
  currentPassword: z.string().min(1, '请填写当前密码').max(200),
  newPassword: newPasswordSchema,
});
