import { z } from 'zod';
import { investigationReportSchema } from './step-decisions';
import { lazySchema } from './lazy-schema';

/**
 * What staff submit at the 临时救助 human steps (domain/temporary-assistance.ts), shared by the
 * API and the workflow's Update validators, like step-decisions.ts.
 */
const reasons = lazySchema(() => z.string().trim().min(2, '请填写理由').max(2000));
const note = lazySchema(() => z.string().trim().max(2000).optional());
const yuan = lazySchema(() => z.number().min(0).max(1_000_000).multipleOf(0.01));

/** 先行救助: the township grants at once, cash or goods (valued), with its reasons. */
export const urgentGrantSchema = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('cash'), amountYuan: yuan.unwrap().gt(0, '先行救助金额须大于 0'), reasons }),
    z.object({
      kind: z.literal('goods'),
      goods: z.string().trim().min(2, '请填写发放的实物').max(500),
      valueYuan: yuan,
      reasons,
    }),
  ]),
);
export type UrgentGrantDecision = z.infer<typeof urgentGrantSchema>;

/**
 * 调查核实: the home visit by two staff, whether the hardship is as stated, and the expense the
 * household still bears after insurance, compensation and other help (支出型), when there is one.
 */
export const temporaryInvestigationSchema = lazySchema(() =>
  z.object({
    homeVisit: investigationReportSchema.unwrap().shape.homeVisit,
    hardshipConfirmed: z.boolean(),
    /** 自负支出: what the household still has to pay for the cause. */
    expenseYuan: yuan.nullable().default(null),
    findings: z.string().trim().min(2, '请填写调查核实情况').max(2000),
  }),
);
export type TemporaryInvestigation = z.infer<typeof temporaryInvestigationSchema>;

/**
 * 县级审批: the expense path approves an amount (another than the rule's only with
 * amountReasons) or refuses; the urgent path confirms the grant made (审核确认) or refuses it.
 */
export const temporaryCountyDecisionSchema = lazySchema(() =>
  z.discriminatedUnion('decision', [
    z.object({
      decision: z.literal('approve'),
      amountYuan: yuan,
      /** Required when the amount differs from the rule's. */
      amountReasons: reasons.optional(),
      note,
    }),
    z.object({ decision: z.literal('confirm'), note }),
    z.object({ decision: z.literal('refuse'), reasons }),
  ]),
);
export type TemporaryCountyDecision = z.infer<typeof temporaryCountyDecisionSchema>;
