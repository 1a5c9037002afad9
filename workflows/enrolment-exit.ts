import { condition, sleep } from '@temporalio/workflow';
import { addToMonth, followingMonth, monthStart } from '../domain/benefit-months';
import { chineseMonth } from '../domain/chinese-date';
import { EXIT_REASONS, overpayment } from '../domain/enrolment-exit';
import { records } from './case-ledger';
import { closeOpenReferrals } from './enrolment-referrals';
import type { CaseView } from './definitions';
import type { EnrolmentRun } from './enrolment-run';
import { EXIT_NOTIFIED } from './service-run';
import type { ExitOrder } from './enrolment-state';

/**
 * 退出, first half: the written notice with the reasons and the appeal rights. The benefit stops
 * from the following month. After fraud the notice also states the overpayment to be
 * recovered: every month paid since the household stopped being eligible.
 */
export async function notifyExit(run: EnrolmentRun, order: ExitOrder): Promise<CaseView> {
  const { state, ledger } = run;
  // One exit per enrolment: whatever decides it second answers with the first one's notice.
  if (run.exiting) return run.writtenExitNotice();
  run.exitOrder = order;
  const stopMonth = followingMonth(Date.now());
  let overpaid: { fromMonth: string; months: string[]; totalYuan: number } | null = null;
  if (order.request?.reason === 'fraud') {
    const payments = await records.loadBenefitPayments({ caseId: run.input.case.caseId });
    const from = order.request.ineligibleFromMonth;
    overpaid = { fromMonth: from, ...overpayment(payments, from) };
  }
  state.stopFromMonth = stopMonth;
  state.exitReason = order.reason;
  run.exitNotice = await ledger.record(
    {
      type: 'exitNotified',
      actor: order.actor,
      decision: order.reason,
      reasons: order.details,
      payload: { reason: order.reason, stopMonth, request: order.request ?? null, overpayment: overpaid },
    },
    EXIT_NOTIFIED,
    {
      letter: {
        kind: 'exit',
        facts: {
          reasonText: EXIT_REASONS[order.reason],
          details: order.details,
          stopMonth: chineseMonth(stopMonth),
          overpayment: overpaid && {
            fromMonth: chineseMonth(overpaid.fromMonth),
            months: overpaid.months.length,
            totalYuan: overpaid.totalYuan,
          },
        },
      },
    },
  );
  // Not awaited: the notice is answered at once; the enrolment ends only once they are sent.
  run.referralsClosed = closeOpenReferrals(run, { exitReason: EXIT_REASONS[order.reason], stopMonth });
  return run.exitNotice;
}

/** 退出, second half: when the month the benefit stops from begins, the enrolment ends. */
export async function endAtStopMonth(run: EnrolmentRun): Promise<CaseView> {
  const { state, ledger, proc } = run;
  const stopMonth = state.stopFromMonth!;
  const reason = state.exitReason!;
  await sleep(Math.max(monthStart(stopMonth) - Date.now(), 0));
  await run.referralsClosed;
  await condition(() => !run.paying);
  proc.closed = true;
  state.active = false;
  return ledger.close('EXITED', {
    type: 'enrolmentEnded',
    decision: reason,
    reasons: EXIT_REASONS[reason],
    payload: {
      stopMonth,
      lastPaidMonth:
        state.nextPaymentMonth === state.benefitStartMonth ? null : addToMonth(state.nextPaymentMonth, -1),
    },
  });
}
