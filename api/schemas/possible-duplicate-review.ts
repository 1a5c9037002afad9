import { z } from 'zod';
import { caseRefSchema } from './case-application';
import { storableText } from './storable-text';

export const possibleDuplicateParamsSchema = caseRefSchema.extend({
  flagId: z.uuid('not a possible-duplicate id'),
});

/** 核实疑似重复: the township confirms the two are one person, or clears the flag, with reasons. */
export const possibleDuplicateReviewSchema = z.object({
  decision: z.enum(['confirm', 'clear'], { message: '请选择确认重复或排除' }),
  reasons: storableText({ multiline: true }).min(2, '请填写核实情况').max(1000),
});

export type PossibleDuplicateReview = z.output<typeof possibleDuplicateReviewSchema>;
