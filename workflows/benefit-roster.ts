import { sleep } from '@temporalio/workflow';
import { addToMonth, monthsBetween, monthStart } from '../domain/benefit-months';
import { records } from './case-ledger';

/** What the roster reads and moves of a programme's enrolment run. */
export interface PayingRun {
  readonly input: { case: { caseId: string } };
  readonly state: { nextPaymentMonth: string; stopFromMonth: string | null; monthlyAmountYuan: number };
  /** True while a month is being put on the roster: a cycle ends only between payments. */
  paying: boolean;
}

/**
 * Puts each benefit month on the payment roster as it begins, at the amount in force then,
 * until the month the benefit stops from. Runs beside the cycle's reviews and actions.
 */
export async function keepPaymentRoster(run: PayingRun): Promise<void> {
  const { state } = run;
  for (;;) {
    const month = state.nextPaymentMonth;
    const wait = monthStart(month) - Date.now();
    if (wait > 0) await sleep(wait);
    if (state.stopFromMonth && monthsBetween(state.stopFromMonth, month) >= 0) return;
    run.paying = true;
    await records.recordBenefitPayment({
      caseId: run.input.case.caseId,
      month,
      amountYuan: state.monthlyAmountYuan,
    });
    state.nextPaymentMonth = addToMonth(month, 1);
    run.paying = false;
  }
}
