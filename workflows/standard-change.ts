import { records } from './case-ledger';

/**
 * After a county sets a new standard: every enrolled case of its programme is asked for an
 * out-of-cycle review. A workflow, so the request survives an API or worker stopping midway.
 */
export async function standardChange({ standardId }: { standardId: string }): Promise<{ signalled: number }> {
  return records.requestReviewsAfterStandardChange({ standardId });
}

export function standardChangeWorkflowId(standardId: string): string {
  return `standard-change-${standardId}`;
}
