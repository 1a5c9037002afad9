import { sleep } from '@temporalio/workflow';
import { addToMonth, followingMonth, monthStart } from '../domain/benefit-months';
import { chineseMonth } from '../domain/chinese-date';
import { STEP_ROLES } from '../domain/step-roles';
import { terminationObjectionReviewSchema, type TerminationObjectionReview } from '../domain/tekun-decisions';
import { referralsOnTermination, TERMINATION_REASONS } from '../domain/tekun-termination';
import { condition } from '@temporalio/workflow';
import { runPublicNotice } from './public-notice';
import { runHumanStep } from './run-human-step';
import { leaveCareHome, leaveWaitingList } from './tekun-placement';
import type { TekunRun } from './tekun-run';
import type { TerminationOrder } from './tekun-support-state';

/**
 * 终止供养: a 7-day notice of the proposed termination; an objection is decided by the township
 * within its limit — upheld, the termination is withdrawn; dismissed, the notice is posted again.
 * Once a notice passes without objection, the written decision (with any 低保 or temporary
 * assistance the person may turn to) stops support from the next month; a care-home bed is freed.
 */
export async function runTermination(
  run: TekunRun,
  order: TerminationOrder,
): Promise<'withdrawn' | 'terminated'> {
  const { ledger, proc, state } = run;
  const { policy } = await proc.rules();
  const limits = policy.extremePoverty.stepLimits;
  const reasonText = TERMINATION_REASONS[order.reason];
  for (let round = 1; ; round++) {
    const objections = await runPublicNotice(proc, {
      round,
      limit: limits.noticeDays,
      status: 'TERMINATION_ON_NOTICE',
      letter: { kind: 'terminationNotice', facts: { reasonText, details: order.details } },
    });
    if (objections.length === 0) break;
    const review = await runHumanStep<TerminationObjectionReview>(proc, {
      step: 'terminationObjectionReview',
      status: 'TERMINATION_ON_NOTICE',
      roles: STEP_ROLES.terminationObjectionReview,
      payload: terminationObjectionReviewSchema,
      assigneeUnitId: run.input.case.townshipId,
      limit: limits.terminationObjection,
    });
    if (review.payload.decision === 'uphold') {
      await ledger.record(
        { type: 'terminationWithdrawn', actor: review.actor, reasons: review.payload.reasons },
        { status: 'ENROLLED', currentStep: null, assigneeUnitId: null, dueAt: null, overdue: false },
      );
      return 'withdrawn';
    }
  }

  run.ending = true;
  const stopMonth = followingMonth(Date.now());
  state.stopFromMonth = stopMonth;
  state.terminationReason = order.reason;
  const referrals = referralsOnTermination({
    reason: order.reason,
    perCapitaIncomeMonthlyYuan: state.ownIncomeMonthlyYuan,
    dibaoStandardYuan: state.dibaoStandardYuan,
  });
  await ledger.record(
    {
      type: 'exitNotified',
      actor: order.actor,
      decision: order.reason,
      reasons: order.details,
      payload: { reason: order.reason, stopMonth, referrals },
    },
    {
      status: 'EXIT_NOTIFIED',
      currentStep: null,
      assigneeUnitId: null,
      dueAt: null,
      overdue: false,
      nextReviewAt: null,
    },
    {
      letter: {
        kind: 'tekunTermination',
        facts: { reasonText, details: order.details, stopMonth: chineseMonth(stopMonth), referrals },
      },
    },
  );
  if (referrals.length > 0) {
    await ledger.record({
      type: 'referralOnExitProposed',
      decision: referrals.map((r) => r.kind).join(','),
      reasons: referrals.map((r) => r.text).join('；'),
      payload: referrals,
    });
  }
  await leaveWaitingList(run);
  await leaveCareHome(run, order.reason === 'death' ? 'died' : 'discharged');

  // Support stops from the following month: the enrolment ends when that month begins.
  await sleep(Math.max(monthStart(stopMonth) - Date.now(), 0));
  await condition(() => !run.paying);
  proc.closed = true;
  state.active = false;
  await ledger.close('EXITED', {
    type: 'enrolmentEnded',
    decision: order.reason,
    reasons: reasonText,
    payload: {
      stopMonth,
      lastPaidMonth:
        state.nextPaymentMonth === state.benefitStartMonth ? null : addToMonth(state.nextPaymentMonth, -1),
    },
  });
  return 'terminated';
}
