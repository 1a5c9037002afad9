import { z } from 'zod';
import { REBUILDING_STAGE_ORDER, type RebuildingStage } from '../../domain/disaster-rebuilding';
import { idNumberSchema } from './case-application';
import { storableText } from './storable-text';

/** The input schemas of the village list 名单 routes (house rebuilding, winter/spring relief). */

const unknownKey = {
  error: (issue: { code?: string }) =>
    issue.code === 'unrecognized_keys' ? '不认识的参数 (unknown field)' : undefined,
};
const uuid = (what: string) => z.string().uuid(`${what}编号格式不正确 (not an id)`);
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, '不是有效日期 (not a date)');

export const listParamsSchema = z.strictObject(
  { eventId: uuid('灾害事件'), listId: uuid('名单') },
  unknownKey,
);
export const listHouseholdParamsSchema = z.strictObject(
  { eventId: uuid('灾害事件'), listId: uuid('名单'), householdId: uuid('名单家庭') },
  unknownKey,
);

const proposedHousehold = z.strictObject(
  {
    name: storableText().min(1, '请填写户主姓名 (a name)').max(50, '姓名过长 (at most 50)'),
    idNumber: idNumberSchema.optional(),
    amountYuan: z
      .number({ error: '金额应为数字 (a number)' })
      .positive('金额应大于 0 (more than 0)')
      .max(1_000_000, '金额过大 (at most 1,000,000)')
      .multipleOf(0.01, '金额至多两位小数 (to the fen)'),
    reason: storableText({ multiline: true })
      .min(2, '请填写理由 (a reason)')
      .max(500, '理由过长 (at most 500)'),
    /** Rebuilding only: the house collapsed or damaged. */
    houseDamage: z.enum(['COLLAPSED', 'DAMAGED'], { error: '房屋受损应为 COLLAPSED 或 DAMAGED' }).optional(),
  },
  unknownKey,
);

export const listProposalSchema = z
  .strictObject(
    {
      kind: z.enum(['REBUILDING', 'WINTER_RELIEF'], { error: '名单类别应为 REBUILDING 或 WINTER_RELIEF' }),
      villageId: z.string().regex(/^\d{12}$/, '村（社区）代码应为 12 位数字 (a 12-digit village code)'),
      households: z.array(proposedHousehold).min(1, '至少提名一户 (at least one household)').max(500),
    },
    unknownKey,
  )
  .superRefine((l, ctx) => {
    l.households.forEach((h, i) => {
      if (l.kind === 'REBUILDING' && !h.houseDamage)
        ctx.addIssue({
          code: 'custom',
          path: ['households', i, 'houseDamage'],
          message: '恢复重建须填写房屋受损情况 (house damage)',
        });
      if (l.households.findIndex((o) => o.name === h.name) !== i)
        ctx.addIssue({
          code: 'custom',
          path: ['households', i, 'name'],
          message: '同一户不能重复提名 (twice)',
        });
    });
  });

export type ListProposal = z.infer<typeof listProposalSchema>;

export const stageSchema = z.strictObject(
  {
    stage: z.enum(REBUILDING_STAGE_ORDER as [RebuildingStage, ...RebuildingStage[]], {
      error: '阶段应为 started、roofOn、finished 或 inspected',
    }),
    reachedOn: isoDate,
  },
  unknownKey,
);
