import { sleep } from '@temporalio/workflow';
import { addToMonth, followingMonth, monthStart } from '../domain/benefit-months';
import { chineseMonth } from '../domain/chinese-date';
import { terminationObjectionReviewSchema, type TerminationObjectionReview } from '../domain/tekun-decisions';
import { referralsOnTermination, TERMINATION_REASONS } from '../domain/tekun-termination';
import { condition } from '@temporalio/workflow';
import { runNoticeWithObjections } from './public-notice';
import { leaveCareHome, leaveWaitingList } from './tekun-placement';
import { EXIT_NOTIFIED } from './service-run';
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
    const review = await runNoticeWithObjections<TerminationObjectionReview>(
      proc,
      {
        round,
        limit: limits.noticeDays,
        status: 'TERMINATION_ON_NOTICE',
        letter: { kind: 'terminationNotice', facts: { reasonText, details: order.details } },
      },
      {
        step: 'terminationObjectionReview',
        status: 'TERMINATION_ON_NOTICE',
        payload: terminationObjectionReviewSchema,
        limit: limits.terminationObjection,
      },
    );
    if (!review) break;
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
  state.exitReason = order.reason;
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
    EXIT_NOTIFIED,
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
