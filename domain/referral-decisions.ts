import { z } from 'zod';
import { REFERRAL_KINDS, type ReferralKind } from './referral-needs';
import { localDateSchema } from './step-decisions';

/**
 * What staff submit on a referral: the township's confirmation, a referral by hand, and the
 * receiving department's answers. Shared by the API and the referral workflow's validators.
 */
const reasons = z.string().trim().min(2, '请填写理由').max(2000);
const note = z.string().trim().max(2000).optional();

export const referralKindSchema = z.enum(Object.keys(REFERRAL_KINDS) as [ReferralKind, ...ReferralKind[]]);

/** 手动转介: staff refer the household (or one member) by hand, with the reason. */
export const manualReferralSchema = z.object({
  kind: referralKindSchema,
  memberId: z.string().min(1).nullable().default(null),
  reason: reasons,
});
export type ManualReferral = z.infer<typeof manualReferralSchema>;

export const referralConfirmSchema = z.object({ note });
export const referralDismissSchema = z.object({ reasons });

/** 接收: the department takes the referral on, naming who handles it. */
export const referralAcceptSchema = z.object({
  handler: z.string().trim().min(1, '请填写承办人').max(50),
  note,
});
export const referralDeclineSchema = z.object({ reasons });
export const referralProgressSchema = z.object({
  on: localDateSchema,
  note: z.string().trim().min(2, '请填写办理进展').max(2000),
});

/**
 * 办结: the service given (with the amount and dates), unable to help (with the reason), or for
 * a labour referral the member's refusal without good reason, which counts toward the
 * three-refusal exit rule.
 */
export const referralCompletionSchema = z.discriminatedUnion('result', [
  z.object({
    result: z.literal('served'),
    service: z.string().trim().min(2, '请填写提供的服务').max(500),
    amountYuan: z.number().min(0).max(10_000_000).multipleOf(0.01).nullable().default(null),
    startedOn: localDateSchema,
    endedOn: localDateSchema.nullable().default(null),
    note,
  }),
  z.object({ result: z.literal('unableToHelp'), reasons }),
  z.object({
    result: z.literal('memberRefused'),
    refusedOn: localDateSchema,
    offer: z.string().trim().min(2, '请填写推荐的岗位或培训').max(500),
    reasons,
  }),
]);
export type ReferralCompletion = z.infer<typeof referralCompletionSchema>;

export const REFERRAL_RESULTS = {
  served: '已提供帮扶',
  unableToHelp: '无法帮扶',
  memberRefused: '本人无正当理由拒绝',
} as const;
