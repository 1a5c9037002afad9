import { z } from 'zod';
import { supportModeSchema, tekunInvestigationSchema } from './tekun-decisions';
import { lazySchema } from './lazy-schema';

/** What staff submit while a person is supported (特困供养期间). */

const reasons = lazySchema(() => z.string().trim().min(2, '请填写理由').max(2000));

/** 年度复核: the investigation again, without the choice of support mode (changed by its own action). */
export const tekunReviewSchema = lazySchema(() =>
  tekunInvestigationSchema.unwrap().omit({ supportMode: true }),
);
export type TekunReview = z.infer<typeof tekunReviewSchema>;

/** 生活自理能力变化: reported by the village or township; a reassessment follows within its limit. */
export const careChangeReportSchema = lazySchema(() => z.object({ description: reasons }));
export type CareChangeReport = z.infer<typeof careChangeReportSchema>;

/** The person's answer to a freed bed, taken by the township. */
export const bedOfferAnswerSchema = lazySchema(() =>
  z.discriminatedUnion('answer', [
    z.object({ answer: z.literal('accept') }),
    z.object({ answer: z.literal('decline'), reasons }),
  ]),
);
export type BedOfferAnswer = z.infer<typeof bedOfferAnswerSchema>;

/** 变更供养方式: into a care home (or another one), or back home with a care agreement. */
export const supportModeChangeSchema = lazySchema(() =>
  z.object({ supportMode: supportModeSchema, reasons }),
);
export type SupportModeChange = z.infer<typeof supportModeChangeSchema>;
