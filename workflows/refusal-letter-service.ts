import { patched } from '@temporalio/workflow';
import type { CaseProcedure } from './case-procedure';
import { watchRecordedWithin } from './recorded-within';

const REFUSAL_LETTER_SERVICE = 'refusal-letter-service';

/**
 * 不予批准通知书送达: once a case is refused, its letter must be recorded as served on the
 * applicant (`recordLetterServed`) within the county's `refusalLetter` limit (3 working days).
 * The run stays open until it is: late, the case is marked overdue, the township reminded and
 * the supervisors told, and it keeps waiting. Histories recorded before the patch ended at the
 * refusal. Asked before the refusal is written, so no service recorded on a read model that
 * already shows the refusal finds the case not owing it.
 */
export function owesRefusalLetterService(proc: CaseProcedure): boolean {
  if (!patched(REFUSAL_LETTER_SERVICE)) return false;
  // Owed from the decision on: the service may be recorded as soon as the refusal is read.
  proc.letterServed = null;
  return true;
}

/** Waits, watched, until the letter owed (see owesRefusalLetterService) is recorded as served. */
export async function awaitRefusalLetterService(proc: CaseProcedure): Promise<void> {
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
