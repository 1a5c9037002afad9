import { uncalendaredYears } from './calendar-years';

interface DeadlineEvent {
  type: string;
  occurredAt: Date;
  payload: unknown;
}

const limitUnitOf = (payload: unknown) =>
  (payload as { limit?: { unit?: unknown } } | null)?.limit?.unit === 'calendar' ? 'calendar' : 'working';

const lastOf = (events: readonly DeadlineEvent[], types: readonly string[]) =>
  [...events].reverse().find((e) => types.includes(e.type));

/**
 * The years without a holiday calendar that a case's deadlines were counted over, so the case
 * page can say so: the open step's from its opening to its due date (a public notice, counted in
 * calendar days, never is), the overall limit from its start. Empty: counted on a loaded calendar.
 */
export function deadlinesWithoutCalendar(
  c: { dueAt: Date | null; overallDueAt: Date | null; appliedAt: Date; events: readonly DeadlineEvent[] },
  loadedYears: readonly number[],
): { step: number[]; overall: number[] } {
  const opened = lastOf(c.events, ['stepOpened', 'noticeStarted']);
  const stepCounted =
    c.dueAt && opened && opened.type === 'stepOpened' && limitUnitOf(opened.payload) === 'working';
  const started = lastOf(c.events, ['overallLimitStarted']);
  const overallCounted = c.overallDueAt && limitUnitOf(started?.payload ?? null) === 'working';
  return {
    step: stepCounted ? uncalendaredYears(opened.occurredAt, c.dueAt!, loadedYears) : [],
    overall: overallCounted
      ? uncalendaredYears(started?.occurredAt ?? c.appliedAt, c.overallDueAt!, loadedYears)
      : [],
  };
}
