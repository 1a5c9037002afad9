import { z } from 'zod';
import { localDateSchema } from './step-decisions';
import { lazySchema } from './lazy-schema';

/**
 * 生活自理能力评估: six daily-living items, each able or unable. All able → self-care; 1–3
 * unable → partial loss; 4 or more → full loss. Those who cannot look after themselves have
 * priority for a care-home bed and receive the county's care standard.
 */

export const DAILY_LIVING_ITEMS = {
  eating: '进食',
  dressing: '穿衣',
  bed: '上下床',
  toileting: '如厕',
  walkingIndoors: '室内行走',
  bathing: '洗澡',
} as const;

export type DailyLivingItem = keyof typeof DAILY_LIVING_ITEMS;

export const CARE_LEVELS = {
  selfCare: '具备生活自理能力',
  partialLoss: '部分丧失生活自理能力',
  fullLoss: '完全丧失生活自理能力',
} as const;

export type CareLevel = keyof typeof CARE_LEVELS;

/** Unable items from which a person has fully lost the ability to look after themselves. */
export const FULL_LOSS_FROM_UNABLE_ITEMS = 4;

const ability = lazySchema(() => z.enum(['able', 'unable']));
const assessor = lazySchema(() => z.string().trim().min(1).max(50));

export const careAssessmentSchema = lazySchema(() =>
  z.object({
    items: z.object({
      eating: ability,
      dressing: ability,
      bed: ability,
      toileting: ability,
      walkingIndoors: ability,
      bathing: ability,
    }),
    assessedOn: localDateSchema,
    assessors: z
      .array(assessor)
      .min(2, '评估须至少两名评估人员')
      .refine((names) => new Set(names).size === names.length, '评估人员不能重复'),
  }),
);
export type CareAssessment = z.infer<typeof careAssessmentSchema>;

/** The items the person cannot do, in the form's order. */
export function unableItems(assessment: Pick<CareAssessment, 'items'>): DailyLivingItem[] {
  return (Object.keys(DAILY_LIVING_ITEMS) as DailyLivingItem[]).filter(
    (item) => assessment.items[item] === 'unable',
  );
}

export function careLevel(assessment: Pick<CareAssessment, 'items'>): CareLevel {
  const unable = unableItems(assessment).length;
  if (unable === 0) return 'selfCare';
  return unable < FULL_LOSS_FROM_UNABLE_ITEMS ? 'partialLoss' : 'fullLoss';
}

/** 生活不能自理: partial or full loss, the group with priority for a care-home bed. */
export function cannotLookAfterThemselves(level: CareLevel): boolean {
  return level !== 'selfCare';
}
