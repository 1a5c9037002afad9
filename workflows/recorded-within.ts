import type { CaseEventType, ProcedureStep } from '../domain/case-steps';
import { chineseDate } from '../domain/chinese-date';
import { deadlineAfter, type DayCount } from '../domain/working-days';
import type { CaseChange } from './case-ledger';
import type { CaseProcedure } from './case-procedure';
import { awaitDeadline } from './deadline';

/** Something the office must record within a county limit that is not a step's decision. */
export interface RecordedWithin {
  /** Its name in the reminder and the escalation (开始入户调查, 不予批准通知书送达). */
  name: string;
  step: ProcedureStep | null;
  /** The event written once when the limit passes. */
  overdueEvent: CaseEventType;
  /** It has been recorded (or no longer needs to be). */
  recorded: () => boolean;
  /** What the overdue write changes beyond the flag (whose desk the reminder goes to). */
  overdueChange?: CaseChange;
}

/**
 * A time-limited obligation recorded by an action (入户调查启动, 不予批准通知书送达): watched
 * from now with the one deadline primitive; late, the case is marked overdue, the assignee
 * reminded and the supervisors told, and the watch keeps waiting for the record. Answers the
 * function that ends the watch early and the wait itself.
 */
export async function watchRecordedWithin(
  proc: CaseProcedure,
  /** The county's limit from now, or an exact deadline (epoch ms) for a clock kept in hours. */
  limit: DayCount | { until: number },
  spec: RecordedWithin,
): Promise<{ end: () => void; settled: Promise<'done' | 'interrupted'> }> {
  const dueAt =
    'until' in limit
      ? limit.until
      : deadlineAfter(Date.now(), limit, (await proc.rules()).calendar).getTime();
  let ended = false;
  const settled = awaitDeadline({
    done: () => ended || spec.recorded(),
    dueAt: () => dueAt,
    onOverdue: async (due) => {
      const facts = { stepName: spec.name, dueOn: chineseDate(due) };
      await proc.ledger.record(
        { type: spec.overdueEvent, step: spec.step, payload: { dueAt: new Date(due).toISOString() } },
        { overdue: true, ...spec.overdueChange },
        {
          staffMails: [
            { kind: 'overdueReminder', facts },
            { kind: 'overdueEscalation', facts },
          ],
        },
      );
    },
  });
  return {
    end: () => {
      ended = true;
    },
    settled,
  };
}
