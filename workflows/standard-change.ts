import { continueAsNew, patched, proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities';
import { records } from './case-ledger';

type Activities = ReturnType<typeof createActivities>;

/**
 * The paged fan-out, since this patch. Executions recorded before it ran one activity over
 * every case; on replay they take that path still.
 */
export const STANDARD_CHANGE_PAGES = 'standard-change-pages';

/** Enrolments per page (one activity each). */
export const STANDARD_CHANGE_PAGE_SIZE = 500;
/** Review requests in flight at once within a page. */
export const STANDARD_CHANGE_CONCURRENCY = 32;
/** Pages per run: the run continues as new after them, so its history stays small (≈ 6 events a page). */
export const STANDARD_CHANGE_PAGES_PER_RUN = 40;

/** A page signals up to 500 enrolments: a longer limit than a case's writes, and a heartbeat to see it alive. */
const fanOut = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

export interface StandardChangeInput {
  standardId: string;
  /** Set by continue-as-new: the last case number the run before reached. */
  after?: string | null;
  /** Enrolments per page and pages per run, when not the defaults (a test's small pages). */
  pageSize?: number;
  pagesPerRun?: number;
}

/**
 * After a county sets a new standard: every enrolled case of its programme is asked for an
 * out-of-cycle review (动态复核). A workflow, so the request survives an API or worker stopping
 * midway. The cases go in pages by case number, each page one activity that signals its
 * enrolments a few dozen at a time and moves the progress row on (the county sees "asked so
 * far / total"); the run continues as new every 40 pages. The request carries the standard's
 * id, so a page retried, or the fan-out resumed from the progress row, asks nobody twice in
 * effect: the enrolment counts one request per id.
 */
export async function standardChange(input: StandardChangeInput): Promise<{ signalled: number }> {
  const {
    standardId,
    pageSize = STANDARD_CHANGE_PAGE_SIZE,
    pagesPerRun = STANDARD_CHANGE_PAGES_PER_RUN,
  } = input;
  // A continued run is always of the paged shape: no marker needed there.
  if (input.after === undefined && !patched(STANDARD_CHANGE_PAGES))
    return records.requestReviewsAfterStandardChange({ standardId });

  // The first run opens the progress row, or finds it where a run before left it.
  let after =
    input.after === undefined ? (await fanOut.openStandardChangeReviews({ standardId })).cursor : input.after;
  for (let pages = 0; ; pages++) {
    if (pages === Math.max(1, pagesPerRun))
      return continueAsNew<typeof standardChange>({ standardId, after, pageSize, pagesPerRun });
    const page = await fanOut.requestStandardChangeReviewPage({
      standardId,
      after,
      pageSize,
      concurrency: STANDARD_CHANGE_CONCURRENCY,
    });
    if (page.last === null) break;
    after = page.last;
  }
  // Counted on the progress row: every run's pages, not this run's alone.
  return fanOut.finishStandardChangeReviews({ standardId });
}

export function standardChangeWorkflowId(standardId: string): string {
  return `standard-change-${standardId}`;
}
