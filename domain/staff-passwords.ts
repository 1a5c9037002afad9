import { z } from 'zod';
import { lazySchema } from './lazy-schema';

/** bcrypt reads only the first 72 bytes: a longer password would be partly ignored. */
const BCRYPT_MAX_BYTES = 72;
export const PASSWORD_MIN_LENGTH = 10;

/** A password staff choose for themselves: long enough to resist guessing, short enough for bcrypt. */
export const newPasswordSchema = lazySchema(() =>
  z
    .string()
    .min(PASSWORD_MIN_LENGTH, `密码至少 ${PASSWORD_MIN_LENGTH} 个字符`)
    .refine((p) => Buffer.byteLength(p, 'utf8') <= BCRYPT_MAX_BYTES, {
      message: `密码最长 ${BCRYPT_MAX_BYTES} 字节（约 72 个英文字符或 24 个汉字）`,
    })
    .refine((p) => p.trim() === p, { message: '密码首尾不能有空格' })
    .refine((p) => new Set(p).size >= 4, { message: '密码过于简单，请使用更多不同的字符' }),
);

/** bcrypt's cost for staff passwords, as the seed uses. */
export const PASSWORD_HASH_COST = 10;
