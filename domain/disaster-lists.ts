import { z } from 'zod';
import { lazySchema } from './lazy-schema';

/**
 * 名单 village lists after a disaster event: households proposed for 倒损民房恢复重建 house
 * rebuilding or 冬春救助 winter/spring relief, each with its need. A list goes through village
 * democratic appraisal 民主评议, the 7-day public notice 公示 with objections, township review 乡镇审核
 * and county approval 县级审批 as one DISASTER case (workflows/disaster-list.ts); each household kept
 * then gets a case of its own with its grant on the roster: winter relief in the month approved,
 * rebuilding in instalments as the works reach their stages (domain/disaster-rebuilding.ts).
 */

export const DISASTER_LIST_KINDS = {
  REBUILDING: '倒损民房恢复重建',
  WINTER_RELIEF: '冬春救助',
} as const;

export type DisasterListKind = keyof typeof DISASTER_LIST_KINDS;

export const HOUSE_DAMAGE = { COLLAPSED: '倒塌', DAMAGED: '损坏' } as const;

export type HouseDamage = keyof typeof HOUSE_DAMAGE;

/** The list case's own figures (its programmeFacts): which list it runs. */
export const disasterListFactsSchema = lazySchema(() =>
  z.object({
    kind: z.literal('list'),
    listId: z.string(),
    eventId: z.string(),
    listKind: z.enum(['REBUILDING', 'WINTER_RELIEF']),
    households: z.number().int().min(1),
    /** Households taken off by a step so far, with the step's reason. */
    removed: z.array(z.object({ householdId: z.string(), why: z.string() })),
  }),
);

export type DisasterListFacts = z.infer<typeof disasterListFactsSchema>;

const reasons = lazySchema(() => z.string().trim().min(2, '请填写理由').max(2000));
const note = lazySchema(() => z.string().trim().max(2000).optional());
const removals = lazySchema(() =>
  z
    .array(z.object({ householdId: z.string().trim().min(1).max(100), why: reasons }))
    .max(500)
    .default([]),
);

/** 民主评议 of the list: the record of the meeting, and the households it did not support. */
export const listAppraisalSchema = lazySchema(() =>
  z.object({
    heldOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
    representativesPresent: z.number().int().min(1).max(1000),
    minutes: z.string().trim().min(2, '请填写评议记录').max(5000),
    remove: removals,
  }),
);
export type ListAppraisal = z.infer<typeof listAppraisalSchema>;

/** 异议处理 on the list: objections upheld take households off; the rest stays. */
export const listObjectionReviewSchema = lazySchema(() => z.object({ reasons, remove: removals }));
export type ListObjectionReview = z.infer<typeof listObjectionReviewSchema>;

/** 乡镇审核: the township passes the list on (`pass`, perhaps without some households) or refuses it. */
export const listTownshipReviewSchema = lazySchema(() =>
  z.discriminatedUnion('decision', [
    z.object({ decision: z.literal('pass'), note, remove: removals }),
    z.object({ decision: z.literal('refuse'), reasons }),
  ]),
);
export type ListTownshipReview = z.infer<typeof listTownshipReviewSchema>;

/** 县级审批: the county approves the households still on the list or refuses the list. */
export const listCountyApprovalSchema = lazySchema(() =>
  z.discriminatedUnion('decision', [
    z.object({ decision: z.literal('approve'), note, remove: removals }),
    z.object({ decision: z.literal('refuse'), reasons }),
  ]),
);
export type ListCountyApproval = z.infer<typeof listCountyApprovalSchema>;

/** The list's removals after one more step: a household taken off once, by the first step that did. */
export function withRemovals(
  removed: DisasterListFacts['removed'],
  more: readonly { householdId: string; why: string }[],
): DisasterListFacts['removed'] {
  const out = [...removed];
  for (const r of more) if (!out.some((o) => o.householdId === r.householdId)) out.push(r);
  return out;
}

/** The month (YYYY-MM) of a local date. */
export const monthOf = (local: string) => local.slice(0, 7);
