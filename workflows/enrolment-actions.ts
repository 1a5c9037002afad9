import { log, setHandler } from '@temporalio/workflow';
import { ACTION_ROLES } from '../domain/step-roles';
import {
  CHANGE_KINDS,
  changeReportSchema,
  exitRequestSchema,
  jobReferralRefusalSchema,
  reviewRequestSchema,
  type ExitRequest,
  type JobReferralRefusal,
  type ReviewRequestSignal,
} from '../domain/enrolment-decisions';
import type { Actor } from '../domain/staff-roles';
import { JOB_REFERRAL_REFUSALS_TO_EXIT } from '../domain/enrolment-exit';
import type { CaseView, StepRejection } from './definitions';
import { enrolmentActions } from './definitions';
import { registerAction } from './case-actions';
import { notifyExit } from './enrolment-exit';
import type { EnrolmentRun } from './enrolment-run';
import { requestReviewSignal } from './enrolment-state';

const ended = {
  type: 'WrongStep' as StepRejection,
  message: '已告知停保，不再受理 (the enrolment is ending)',
};

function exitDetails(request: ExitRequest): string {
  switch (request.reason) {
    case 'death':
      return `${request.occurredOn} 死亡（证明材料：${request.evidence}）`;
    case 'movedOut':
      return `${request.occurredOn} 迁往${request.destination}（证明材料：${request.evidence}）`;
    case 'voluntaryWithdrawal':
      return `${request.occurredOn} 本人书面申请退出（${request.evidence}）`;
    case 'fraud':
      return request.findings;
  }
}

/**
 * The enrolment's actions: a change the household reports (an out-of-cycle review follows),
 * an exit staff record, a refused job referral (three end the enrolment), and a review asked
 * for by another part of the system.
 */
export function registerEnrolmentActions(run: EnrolmentRun): void {
  const { proc, state, ledger } = run;

  registerAction(proc, enrolmentActions.reportChange, {
    label: '登记家庭情况变化',
    roles: ACTION_ROLES.reportChange,
    payload: changeReportSchema,
    notNow: () => (run.exiting ? ended : null),
    run: async (actor, payload) => {
      const reasons = `${CHANGE_KINDS[payload.kind]}：${payload.description}`;
      state.pendingReviews.push({ source: 'changeReport', reasons, requestedAt: new Date().toISOString() });
      return ledger.record({ type: 'changeReported', actor, decision: payload.kind, reasons, payload });
    },
  });

  registerAction(proc, enrolmentActions.requestExit, {
    label: '办理退出',
    roles: ACTION_ROLES.requestExit,
    payload: exitRequestSchema,
    notNow: (payload, actor) => {
      if (run.exiting) return ended;
      if (payload.reason === 'fraud' && actor.role !== 'COUNTY_APPROVER')
        return { type: 'Forbidden', message: '骗取保障的认定须由县民政局作出 (county approver only)' };
      return null;
    },
    run: (actor, request) =>
      notifyExit(run, { reason: request.reason, details: exitDetails(request), actor, request }),
  });

  registerAction(proc, enrolmentActions.recordJobReferralRefusal, {
    label: '登记拒绝就业推荐',
    roles: ACTION_ROLES.recordJobReferralRefusal,
    payload: jobReferralRefusalSchema,
    notNow: (payload) => {
      if (run.exiting) return ended;
      if (state.memberIds.length === 0)
        return { type: 'NotYet', message: '正在载入家庭成员，请稍后再试 (household not loaded yet)' };
      if (!state.memberIds.includes(payload.memberId))
        return { type: 'InvalidPayload', message: `memberId: ${payload.memberId} 不是本户家庭成员` };
      return null;
    },
    run: (actor, payload) => countJobReferralRefusal(run, actor, payload),
  });

  setHandler(requestReviewSignal, async (signal) => {
    // A signal cannot be refused: one that does not parse is logged and dropped.
    const parsed = reviewRequestSchema.safeParse(signal);
    if (!parsed.success) {
      log.warn('requestReview signal dropped', { issues: parsed.error.issues.map((i) => i.message) });
      return;
    }
    await askForReview(run, parsed.data);
  });
}

/**
 * 拒绝就业推荐: one more refusal without good reason, recorded by the township or reported by
 * the labour bureau's referral; the third ends the enrolment.
 */
export async function countJobReferralRefusal(
  run: EnrolmentRun,
  actor: Actor | undefined,
  refusal: JobReferralRefusal,
): Promise<CaseView> {
  const count = ++run.state.jobReferralRefusals;
  const view = await run.ledger.record({
    type: 'jobReferralRefused',
    actor,
    decision: `${count}/${JOB_REFERRAL_REFUSALS_TO_EXIT}`,
    reasons: refusal.reasons,
    payload: { ...refusal, count },
  });
  if (count < JOB_REFERRAL_REFUSALS_TO_EXIT) return view;
  return notifyExit(run, {
    reason: 'refusedJobReferrals',
    details: `累计 ${count} 次无正当理由拒绝就业推荐，最近一次：${refusal.refusedOn} ${refusal.referral}`,
    actor,
  });
}

/** 动态复核 asked for from elsewhere: queued once per request id, opened by the cycle at once. */
export async function askForReview(run: EnrolmentRun, asked: ReviewRequestSignal): Promise<void> {
  const { state } = run;
  const { source, reasons, requestId } = asked;
  if (run.exiting || (requestId && state.pendingReviews.some((r) => r.requestId === requestId))) return;
  const request = {
    source,
    reasons,
    requestedAt: new Date().toISOString(),
    ...(requestId && { requestId }),
  };
  state.pendingReviews.push(request);
  await run.ledger.record({ type: 'reviewRequested', decision: source, reasons, payload: request });
}
