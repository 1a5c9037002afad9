import { HUMAN_STEPS, type HumanStepName } from '../domain/case-steps';
import { chineseDate } from '../domain/chinese-date';
import type { CaseProcedure } from './case-procedure';
import { awaitDeadline } from './deadline';

/**
 * Watches the whole procedure's limit (30 working days from acceptance, 45 once a
 * supervisor extends it): when it passes, records it and tells the supervisors. Runs beside
 * the steps until the case is closed.
 */
export async function watchOverallLimit(
  proc: CaseProcedure,
  limits: { days: number; extendedDays: number },
): Promise<void> {
  const overall = proc.overall;
  if (!overall) return;
  await awaitDeadline({
    done: () => proc.closed,
    dueAt: () => overall.dueAt,
    onOverdue: async (due) => {
      const step = proc.ledger.current.currentStep;
      await proc.ledger.record(
        {
          type: 'overallLimitExceeded',
          payload: { dueAt: new Date(due).toISOString(), extended: overall.extended },
        },
        { overallOverdue: true },
        {
          staffMails: [
            {
              kind: 'overallLimit',
              facts: {
                limitDays: overall.extended ? limits.extendedDays : limits.days,
                extendedDays: limits.extendedDays,
                dueOn: chineseDate(due),
                stepName: step && step in HUMAN_STEPS ? HUMAN_STEPS[step as HumanStepName] : '公示',
              },
            },
          ],
        },
      );
    },
  });
}
