import { condition } from '@temporalio/workflow';
import { chineseDate } from '../domain/chinese-date';
import type { Objection } from '../domain/step-decisions';
import { addCalendarDays, type DayCount } from '../domain/working-days';
import type { CaseProcedure } from './case-procedure';

/**
 * The public notice period 公示 in the village: the notice is posted (a letter to the village
 * and township), and objections are recorded while it runs. An objection ends the period at
 * once, so the township can deal with it; otherwise it runs its full length.
 */
export async function runPublicNotice(
  proc: CaseProcedure,
  notice: { round: number; limit: DayCount; amountYuan: number },
): Promise<Objection[]> {
  const start = Date.now();
  const until = addCalendarDays(start, notice.limit.days);
  proc.notice = { objections: [] };
  await proc.ledger.record(
    {
      type: 'noticeStarted',
      step: 'publicNotice',
      payload: { round: notice.round, until: until.toISOString() },
    },
    {
      status: 'ON_NOTICE',
      currentStep: 'publicNotice',
      assigneeUnitId: proc.input.villageId,
      dueAt: until.toISOString(),
      overdue: false,
    },
    {
      letter: {
        kind: 'publicNotice',
        facts: {
          amount: notice.amountYuan,
          noticeFrom: chineseDate(start),
          noticeUntil: chineseDate(until),
          noticeDays: notice.limit.days,
          round: notice.round,
        },
      },
    },
  );
  const objections = proc.notice.objections;
  await condition(() => objections.length > 0, until.getTime() - Date.now());
  proc.notice = undefined;
  await proc.ledger.record({
    type: 'noticeEnded',
    step: 'publicNotice',
    decision: objections.length > 0 ? 'objected' : 'noObjection',
    payload: { round: notice.round, objections: objections.length },
  });
  return [...objections];
}
