import { condition } from '@temporalio/workflow';
import type { LetterRequest } from '../activities/letters';
import type { CaseStatus } from '../domain/case-steps';
import { chineseDate } from '../domain/chinese-date';
import type { Objection } from '../domain/step-decisions';
import { addCalendarDays, type DayCount } from '../domain/working-days';
import type { CaseProcedure } from './case-procedure';
import type { Decision } from './human-step';
import { runHumanStep, type HumanStepRun } from './run-human-step';

export interface NoticeSpec {
  round: number;
  limit: DayCount;
  /** The notice posted: which letter, and what it shows beyond the masked name and the period. */
  letter: LetterRequest;
  /** The status the case shows meanwhile: ON_NOTICE for an application, another while enrolled. */
  status?: CaseStatus;
  /** The unit that posts the notice and collects objections; the village by default. */
  postedBy?: string;
}

/**
 * A public notice period 公示: the notice is posted (a letter to the posting unit and the
 * township), and objections are recorded while it runs. An objection ends the period at once,
 * so the township can deal with it; otherwise it runs its full length.
 */
export async function runPublicNotice(proc: CaseProcedure, notice: NoticeSpec): Promise<Objection[]> {
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
      status: notice.status ?? 'ON_NOTICE',
      currentStep: 'publicNotice',
      assigneeUnitId: notice.postedBy ?? proc.input.villageId,
      dueAt: until.toISOString(),
      overdue: false,
    },
    {
      letter: {
        kind: notice.letter.kind,
        facts: {
          ...notice.letter.facts,
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

/**
 * A notice and, when someone objects, the township's decision on the objections (异议处理):
 * null when the notice ran its length without objection.
 */
export async function runNoticeWithObjections<P extends object>(
  proc: CaseProcedure,
  notice: NoticeSpec,
  review: Pick<HumanStepRun<P>, 'step' | 'status' | 'payload' | 'limit' | 'guard' | 'onDecision'>,
): Promise<Decision<P> | null> {
  const objections = await runPublicNotice(proc, notice);
  if (objections.length === 0) return null;
  return runHumanStep<P>(proc, { ...review, assigneeUnitId: proc.input.townshipId });
}
