import { patched } from '@temporalio/workflow';
import type { CaseProcedure } from './case-procedure';
import { watchRecordedWithin } from './recorded-within';

const REFUSAL_LETTER_SERVICE = 'refusal-letter-service';

/**
 * 不予批准通知书送达: once a case is refused, its letter must be recorded as served on the
 * applicant (`recordLetterServed`) within the county's `refusalLetter` limit (3 working days).
 * The run stays open until it is: late, the case is marked overdue, the township reminded and
 * the supervisors told, and it keeps waiting. Histories recorded before the patch ended at the
 * refusal.
 */
export async function awaitRefusalLetterService(proc: CaseProcedure): Promise<void> {
  if (!patched(REFUSAL_LETTER_SERVICE)) return;
  proc.letterServed = null;
  const { policy } = await proc.rules();
  const watch = await watchRecordedWithin(proc, policy.stepLimits.refusalLetter, {
    name: '不予批准通知书送达',
    step: null,
    overdueEvent: 'refusalLetterServiceOverdue',
    recorded: () => Boolean(proc.letterServed),
    // A closed case has no desk: the reminder goes to the township that owes the service.
    overdueChange: { assigneeUnitId: proc.input.townshipId },
  });
  await watch.settled;
}
