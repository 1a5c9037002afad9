import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  defineUpdate,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { FundSource } from '../domain/funds';
import { monthOf } from '../domain/benefit-months';
import { paymentRollWorkflowId, ROLL_REVIEW_DAYS } from '../domain/payment-roll';
import { isWithinJurisdiction, type Actor } from '../domain/staff-roles';
import { awaitDeadline } from './deadline';

type Activities = ReturnType<typeof createActivities>;

/** A chunk writes many lines in one transaction: a longer limit than a case's writes. */
const roll = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/** Households per chunk (one transaction each). */
export const ROLL_CHUNK_HOUSEHOLDS = 500;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface PaymentRollInput {
  countyId: string;
  /** The county's unit path: who may review the roll. */
  countyPath: string;
  month: string;
  /** Calendar days the county has to review the roll, from when it is built. */
  reviewDays?: number;
}

export interface RollSubmission {
  actor: Actor;
  /** Per programme, the fund source the approval draws on (else the default order's first line). */
  fundSources?: Partial<Record<string, FundSource>>;
}

export interface RollApproved {
  rollId: string;
  approvedAt: string;
  totalYuan: number;
}

export const approveRollUpdate = defineUpdate<RollApproved, [RollSubmission]>('approveRoll');
export const rebuildRollUpdate = defineUpdate<{ rollId: string; linesDone: number }, [RollSubmission]>(
  'rebuildRoll',
);

/** Rejections the API answers with their status. */
export const ROLL_REJECTIONS = { RollForbidden: 403, RollNotInReview: 409, Overspend: 409 } as const;

/**
 * 发放名册: builds a county's roll for a month in chunks of households (progress done / total in
 * the read model), then waits for the county's review with its deadline (overdue marked once
 * it passes, and the wait goes on). Before approval the county may have it rebuilt; approval
 * draws on the budget and freezes it, and the workflow ends.
 */
export async function paymentRoll(input: PaymentRollInput): Promise<{ rollId: string; status: string }> {
  let rollId = '';
  let phase: 'building' | 'review' | 'approving' | 'approved' = 'building';
  let rebuildRequested = false;
  let linesDone = 0;
  let reviewDueAt: number | null = null;

  const check = (submission: RollSubmission) => {
    const actor = submission.actor;
    if (actor.role !== 'COUNTY_APPROVER' || !isWithinJurisdiction(actor.unitPath, input.countyPath))
      throw ApplicationFailure.create({
        type: 'RollForbidden',
        message: '仅本县（市）民政局审批人员可审核发放名册 (only the county approver reviews the roll)',
      });
    if (phase !== 'review')
      throw ApplicationFailure.create({
        type: 'RollNotInReview',
        message:
          phase === 'approved' || phase === 'approving'
            ? '发放名册已审核，不能修改；更正请在下月以调整方式处理 (the roll is approved and frozen)'
            : '发放名册正在生成 (the roll is still building)',
      });
  };

  setHandler(
    approveRollUpdate,
    async ({ actor, fundSources }) => {
      phase = 'approving';
      try {
        const approved = await roll.approvePaymentRoll({
          rollId,
          username: actor.username,
          fundSources: fundSources ?? {},
        });
        phase = 'approved';
        return { rollId, ...approved };
      } catch (error) {
        phase = 'review';
        const cause = error instanceof ActivityFailure ? error.cause : error;
        if (cause instanceof ApplicationFailure)
          throw ApplicationFailure.create({
            type: cause.type ?? 'RollNotInReview',
            message: cause.message,
            details: cause.details as unknown[] | undefined,
          });
        throw error;
      }
    },
    { validator: check },
  );
  setHandler(
    rebuildRollUpdate,
    async () => {
      rebuildRequested = true;
      phase = 'building';
      await condition(() => phase === 'review');
      return { rollId, linesDone };
    },
    { validator: check },
  );

  const opened = await roll.openPaymentRoll({
    countyId: input.countyId,
    month: input.month,
    workflowId: workflowInfo().workflowId,
  });
  rollId = opened.rollId;
  if (opened.status === 'APPROVED') {
    phase = 'approved';
    return { rollId, status: opened.status };
  }

  for (;;) {
    rebuildRequested = false;
    await roll.startRollBuild({ rollId });
    let after: string | null = null;
    for (;;) {
      const chunk: { lastHouseholdId: string | null } = await roll.buildRollChunk({
        rollId,
        afterHouseholdId: after,
        households: ROLL_CHUNK_HOUSEHOLDS,
      });
      if (chunk.lastHouseholdId === null) break;
      after = chunk.lastHouseholdId;
    }
    reviewDueAt = Date.now() + (input.reviewDays ?? ROLL_REVIEW_DAYS) * DAY_MS;
    ({ linesDone } = await roll.finishRollBuild({
      rollId,
      reviewDueAt: new Date(reviewDueAt).toISOString(),
    }));
    phase = 'review';
    await awaitDeadline({
      done: () => phase === 'approved' || rebuildRequested,
      dueAt: () => reviewDueAt,
      onOverdue: () => roll.markRollOverdue({ rollId }),
    });
    if (!rebuildRequested) return { rollId, status: 'APPROVED' };
  }
}

/**
 * The monthly run the Schedule starts: every county's roll for the month the run begins in,
 * each its own workflow (started by an activity, once per county and month).
 */
export async function paymentRollsOfMonth(): Promise<{ month: string; counties: number }> {
  const month = monthOf(Date.now());
  const counties = await roll.listRollCounties();
  for (const county of counties)
    await roll.startPaymentRoll({
      workflowId: paymentRollWorkflowId(county.id, month),
      input: { countyId: county.id, countyPath: county.path, month },
    });
  return { month, counties: counties.length };
}
