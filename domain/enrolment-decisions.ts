import { z } from 'zod';
import { investigationReportSchema, localDateSchema } from './step-decisions';
import { lazySchema } from './lazy-schema';

/**
 * What staff submit while a household is enrolled: the review's steps and the actions that
 * start a review or end the enrolment. Shared by the API and the enrolment workflow's validators.
 */
const reasons = lazySchema(() => z.string().trim().min(2, '请填写理由').max(2000));
const note = lazySchema(() => z.string().trim().max(2000).optional());
const monthSchema = lazySchema(() => z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM'));

/** 复核调查: a new investigation, or the household's refusal to cooperate (an exit reason). */
export const recertInvestigationSchema = lazySchema(() =>
  z.discriminatedUnion('outcome', [
    investigationReportSchema.unwrap().extend({ outcome: z.literal('investigated') }),
    z.object({ outcome: z.literal('householdRefused'), reasons }),
  ]),
);
export type RecertInvestigation = z.infer<typeof recertInvestigationSchema>;

/** 乡镇复核审核: confirm the outcome the re-assessment computed, or return for a new investigation. */
export const recertReviewSchema = lazySchema(() =>
  z.discriminatedUnion('decision', [
    z.object({ decision: z.literal('confirm'), note }),
    z.object({ decision: z.literal('return'), reasons }),
  ]),
);
export type RecertReview = z.infer<typeof recertReviewSchema>;

export const CHANGE_KINDS = {
  income: '收入变化',
  members: '家庭成员变化（出生、死亡、婚嫁、迁入迁出）',
  assets: '财产变化',
  employment: '就业状况变化',
  health: '健康或残疾状况变化',
  other: '其他',
} as const;

/** 家庭情况变化报告: the household reports a change; an out-of-cycle review follows. */
export const changeReportSchema = lazySchema(() =>
  z.object({
    reportedOn: localDateSchema,
    kind: z.enum(Object.keys(CHANGE_KINDS) as [keyof typeof CHANGE_KINDS, ...(keyof typeof CHANGE_KINDS)[]]),
    description: z.string().trim().min(2, '请填写变化情况').max(2000),
  }),
);
export type ChangeReport = z.infer<typeof changeReportSchema>;

const evidence = lazySchema(() => z.string().trim().min(2, '请填写证明材料').max(500));

/**
 * 退出: the reasons staff record directly. Income above the standard and refusal to cooperate
 * come out of a review; three refused job referrals out of the referral counter.
 */
export const exitRequestSchema = lazySchema(() =>
  z.discriminatedUnion('reason', [
    z.object({ reason: z.literal('death'), occurredOn: localDateSchema, evidence }),
    z.object({
      reason: z.literal('movedOut'),
      occurredOn: localDateSchema,
      destination: z.string().trim().min(2).max(200),
      evidence,
    }),
    z.object({ reason: z.literal('voluntaryWithdrawal'), occurredOn: localDateSchema, evidence }),
    z.object({ reason: z.literal('fraud'), findings: reasons, ineligibleFromMonth: monthSchema }),
  ]),
);
export type ExitRequest = z.infer<typeof exitRequestSchema>;

/**
 * 动态复核 asked for by another part of the system: a standard change, a referral outcome, a
 * founded tip-off or a random check's finding (domain/verification-findings.ts), or a bureau's
 * periodic change file naming a member (api/bureau-changes.ts).
 */
export const reviewRequestSchema = lazySchema(() =>
  z.object({
    source: z.enum(['standardChange', 'referralOutcome', 'tipOff', 'randomCheck', 'bureauChange', 'other']),
    reasons,
    /** The same request sent twice (a retried sender) is counted once. */
    requestId: z.string().min(1).max(100).optional(),
  }),
);
export type ReviewRequestSignal = z.infer<typeof reviewRequestSchema>;

/** 拒绝就业推荐: a working-age member refused a job referral without good reason. */
export const jobReferralRefusalSchema = lazySchema(() =>
  z.object({
    memberId: z.string().min(1),
    refusedOn: localDateSchema,
    referral: z.string().trim().min(2, '请填写推荐的岗位').max(500),
    reasons,
  }),
);
export type JobReferralRefusal = z.infer<typeof jobReferralRefusalSchema>;
