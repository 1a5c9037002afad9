import type { DayCount } from '../domain/working-days';
import type { CaseProcedure } from './case-procedure';
import { since } from './lean-history';
import { watchRecordedWithin } from './recorded-within';

const INVESTIGATION_START_LIMIT = 'investigation-start-limit';

/**
 * 入户调查启动时限: the investigation must start within the county's limit (3 working days) of
 * the step opening, recorded as 开始入户调查 or by the report itself. Watched beside the
 * investigation step like every limit: late, the case is marked overdue, the township reminded
 * and the supervisors told. Answers the function that ends the watch once the step is decided.
 * Histories recorded before the patch had no such watch.
 */
export async function watchInvestigationStart(proc: CaseProcedure, limit: DayCount): Promise<() => void> {
  if (!since(INVESTIGATION_START_LIMIT)) return () => undefined;
  proc.investigationStarted = undefined;
  const watch = await watchRecordedWithin(proc, limit, {
    name: '开始入户调查',
    step: 'investigation',
    overdueEvent: 'investigationStartOverdue',
    recorded: () => proc.investigationStarted !== undefined,
  });
  return watch.end;
}
