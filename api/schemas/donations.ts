import { z } from 'zod';
import { rollMonthSchema } from '../../domain/payment-roll';
import { OPEN_PROGRAMME_CODES } from '../../domain/programmes';
import { storableText } from './storable-text';

/** The input schemas of the donations 社会捐助 and charity supermarket 爱心超市 routes. */

const unknownKey = {
  error: (issue: { code?: string }) =>
    issue.code === 'unrecognized_keys' ? '不认识的参数 (unknown field)' : undefined,
};

const countyId = z.string().regex(/^\d{6}$/, '县市代码应为 6 位数字 (a 6-digit county code)');
const unitId = z.string().regex(/^\d{6,12}$/, '单位代码格式不正确 (not a unit code)');
const uuid = (what: string) => z.string().uuid(`${what}编号格式不正确 (not an id)`);
const name = (what: string, max: number) =>
  storableText().pipe(z.string().min(1, `请填写${what} (required)`).max(max, `${what}过长 (too long)`));
const count = (what: string) =>
  z
    .number({ error: `${what}应为整数 (an integer)` })
    .int(`${what}应为整数 (an integer)`)
    .min(1)
    .max(1_000_000);
const yuan = z
  .number({ error: '金额应为数字 (a number of yuan)' })
  .finite()
  .min(0.01, '金额应大于 0 (more than 0)')
  .max(1e10, '金额过大 (too large)')
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, '金额最多两位小数 (at most 2 decimals)');

export const donationSchema = z
  .strictObject(
    {
      countyId,
      donorKind: z.enum(['PERSON', 'ORGANISATION'], { error: '捐赠人类型不正确 (PERSON or ORGANISATION)' }),
      donorName: name('捐赠人', 100),
      receivedOn: z.iso.date('日期格式应为 YYYY-MM-DD (a date)'),
      direction: z
        .strictObject(
          {
            programmeCode: z
              .enum(OPEN_PROGRAMME_CODES, { error: '救助项目不正确 (unknown programme)' })
              .optional(),
            townshipId: unitId.optional(),
            group: name('定向群体', 100).optional(),
          },
          unknownKey,
        )
        .optional(),
      money: z.strictObject({ amountYuan: yuan }, unknownKey).optional(),
      goods: z
        .strictObject(
          {
            supermarketId: uuid('爱心超市'),
            itemName: name('物品名称', 100),
            quantity: count('数量'),
            pointsPerUnit: z.number().int('积分应为整数 (an integer)').min(0).max(100_000),
          },
          unknownKey,
        )
        .optional(),
    },
    unknownKey,
  )
  .superRefine((d, ctx) => {
    if (!d.money === !d.goods)
      ctx.addIssue({
        code: 'custom',
        path: ['money'],
        message: '捐款与捐物须填写其一 (exactly one of money or goods)',
      });
  });

export const donationListQuerySchema = z.strictObject({ countyId: countyId.optional() }, unknownKey);
export const donationParamsSchema = z.strictObject({ donationId: uuid('捐赠') }, unknownKey);

export const supermarketSchema = z.strictObject(
  { countyId, townshipId: unitId.optional(), name: name('超市名称', 100) },
  unknownKey,
);
export const supermarketListQuerySchema = z.strictObject({ countyId: countyId.optional() }, unknownKey);
export const supermarketParamsSchema = z.strictObject({ supermarketId: uuid('爱心超市') }, unknownKey);

export const pointsIssueSchema = z.strictObject({ countyId, month: rollMonthSchema }, unknownKey);

export const exchangeSchema = z.strictObject(
  { stockId: uuid('库存物品'), householdId: uuid('家庭'), quantity: count('数量') },
  unknownKey,
);
