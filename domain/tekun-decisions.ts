import { z } from 'zod';
import { careAssessmentSchema } from './care-level';
import { investigationReportSchema, localDateSchema } from './step-decisions';
import { supporterSchema } from './tekun-eligibility';
import { lazySchema } from './lazy-schema';

/**
 * What staff submit at the 特困 human steps. Shared by the API and the 特困 workflows'
 * validators, like step-decisions.ts.
 */
const reasons = lazySchema(() => z.string().trim().min(2, '请填写理由').max(2000));
const note = lazySchema(() => z.string().trim().max(2000).optional());
const yuan = lazySchema(() => z.number().min(0).max(10_000_000).multipleOf(0.01));

/** 分散供养 at home: the three-party care agreement (本人、照料人、乡镇). */
const careAgreement = lazySchema(() =>
  z.object({
    carerName: z.string().trim().min(1).max(50),
    carerPhone: z.string().trim().min(5).max(20).optional(),
    duties: z.string().trim().min(2, '请填写照料服务内容').max(2000),
    signedOn: localDateSchema,
    signedByPersonCarerAndTownship: z.literal(true, {
      message: '照料服务协议须由本人、照料人和乡镇三方签订',
    }),
  }),
);

/** 集中供养 in a care home, or 分散供养 at home: the person chooses. */
export const supportModeSchema = lazySchema(() =>
  z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('centralised'), preferredHomeId: z.string().min(1).max(100).optional() }),
    z.object({ mode: z.literal('dispersed'), careAgreement }),
  ]),
);
export type SupportMode = z.infer<typeof supportModeSchema>;

/** 乡镇调查核实: home visit, own income and assets, the supporters, the care assessment and the mode. */
export const tekunInvestigationSchema = lazySchema(() =>
  z.object({
    homeVisit: investigationReportSchema.unwrap().shape.homeVisit,
    ownIncomeMonthlyYuan: yuan,
    assets: z.object({
      depositsYuan: yuan,
      vehicles: z.number().int().min(0),
      homes: z.number().int().min(0),
    }),
    supporters: z.array(supporterSchema).max(50),
    careAssessment: careAssessmentSchema,
    supportMode: supportModeSchema,
    note,
  }),
);
export type TekunInvestigation = z.infer<typeof tekunInvestigationSchema>;

/** 异议处理: upheld, the township re-investigates and publishes again; dismissed, confirmation goes on. */
export const tekunObjectionReviewSchema = lazySchema(() =>
  z.discriminatedUnion('decision', [
    z.object({ decision: z.literal('dismiss'), reasons }),
    z.object({ decision: z.literal('uphold'), reasons }),
  ]),
);
export type TekunObjectionReview = z.infer<typeof tekunObjectionReviewSchema>;

/** 县级审核确认: confirm with the monthly amount, or refuse with reasons. */
export const tekunCountyConfirmationSchema = lazySchema(() =>
  z.discriminatedUnion('decision', [
    z.object({
      decision: z.literal('confirm'),
      monthlyAmountYuan: yuan.unwrap().max(100_000),
      /** Required when the amount differs from the computed support. */
      amountReasons: reasons.optional(),
      note,
    }),
    z.object({ decision: z.literal('refuse'), reasons }),
  ]),
);
export type TekunCountyConfirmation = z.infer<typeof tekunCountyConfirmationSchema>;

/** 终止异议: dismissed, the termination proceeds; upheld, it is withdrawn. */
export const terminationObjectionReviewSchema = lazySchema(() =>
  z.discriminatedUnion('decision', [
    z.object({ decision: z.literal('dismiss'), reasons }),
    z.object({ decision: z.literal('uphold'), reasons }),
  ]),
);
export type TerminationObjectionReview = z.infer<typeof terminationObjectionReviewSchema>;

/** 重新评估 after a change in the person's condition; `reasons` states the change. */
export const careReassessmentSchema = lazySchema(() => careAssessmentSchema.unwrap().extend({ reasons }));
export type CareReassessment = z.infer<typeof careReassessmentSchema>;
