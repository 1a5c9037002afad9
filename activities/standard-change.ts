import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { ENROLMENT_STATUSES } from '../domain/case-steps';
import { chineseDate } from '../domain/chinese-date';
import type { Database } from '../platform/database';
import { enrolmentWorkflowId } from '../workflows/definitions';
import { requestReviewSignal } from '../workflows/enrolment-state';

/** The enrolments a standard change asks for a review: every one not already leaving. */
const REVIEWABLE_STATUSES = ENROLMENT_STATUSES.filter((s) => s !== 'EXIT_NOTIFIED');

async function standardOf(db: Database, standardId: string) {
  const standard = await db.assistanceStandard.findUniqueOrThrow({
    where: { id: standardId },
    include: { programme: true },
  });
  const reasons = `${standard.programme.name}标准自${chineseDate(standard.effectiveFrom)}起调整为每人每月 ${Number(standard.monthlyYuan)} 元`;
  return { standard, reasons };
}

/** The request a standard change sends: the enrolment counts one per request id, so a resend is harmless. */
function reviewRequest(standardId: string, reasons: string) {
  return { source: 'standardChange' as const, reasons, requestId: `standard-${standardId}` };
}

/** Signals one enrolment; false when it has ended meanwhile (nothing left to review). */
async function signalReview(
  temporal: Client,
  caseNo: string,
  request: ReturnType<typeof reviewRequest>,
): Promise<boolean> {
  try {
    await temporal.workflow.getHandle(enrolmentWorkflowId(caseNo)).signal(requestReviewSignal, request);
    return true;
  } catch (error) {
    if (
      error instanceof WorkflowNotFoundError ||
      (error as Error | undefined)?.name === 'WorkflowNotFoundError'
    )
      return false;
    throw error;
  }
}

/**
 * 标准调整 as first built: every enrolled case of the county and programme read at once and
 * signalled one after another in one activity. Kept for the executions recorded before the
 * paged fan-out (`standard-change-pages`), which still schedule it on replay.
 */
export async function requestReviewsAfterStandardChange(
  db: Database,
  temporal: Client,
  { standardId }: { standardId: string },
): Promise<{ signalled: number }> {
  const { standard, reasons } = await standardOf(db, standardId);
  const cases = await db.case.findMany({
    where: {
      countyId: standard.countyId,
      programmeCode: standard.programmeCode,
      status: { in: REVIEWABLE_STATUSES },
    },
    select: { caseNo: true },
  });
  let signalled = 0;
  for (const { caseNo } of cases) {
    if (await signalReview(temporal, caseNo, reviewRequest(standardId, reasons))) signalled += 1;
  }
  await db.assistanceStandard.update({ where: { id: standardId }, data: { reviewsRequestedAt: new Date() } });
  return { signalled };
}

/** Where a standard change's fan-out stands: the next page starts after `cursor`. */
export interface StandardChangeCursor {
  cursor: string | null;
  signalled: number;
  total: number;
}

/**
 * Opens (or finds) the progress row of a standard change: the enrolled cases counted once,
 * when the requests begin. A second call (a retry, a restarted fan-out) answers the row as it
 * stands, so the fan-out resumes after the last page it completed.
 */
export async function openStandardChangeReviews(
  db: Database,
  { standardId }: { standardId: string },
): Promise<StandardChangeCursor> {
  const known = await db.standardChangeProgress.findUnique({ where: { standardId } });
  if (known) return { cursor: known.cursor, signalled: known.signalled, total: known.total };
  const { standard } = await standardOf(db, standardId);
  const total = await db.case.count({
    where: {
      countyId: standard.countyId,
      programmeCode: standard.programmeCode,
      status: { in: REVIEWABLE_STATUSES },
    },
  });
  // Two openings at once: one row is written (ON CONFLICT DO NOTHING), both read it.
  await db.standardChangeProgress.createMany({ data: [{ standardId, total }], skipDuplicates: true });
  const row = await db.standardChangeProgress.findUniqueOrThrow({ where: { standardId } });
  return { cursor: row.cursor, signalled: row.signalled, total: row.total };
}

/** Runs `work` over `items`, at most `concurrency` at once; answers the results in order. */
async function boundedAll<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const runner = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, runner));
  return results;
}

export interface ReviewPageInput {
  standardId: string;
  /** The last case number of the page before (null: from the first). */
  after: string | null;
  pageSize: number;
  /** Signals in flight at once. */
  concurrency: number;
}

export interface ReviewPageResult {
  /** The page's last case number; null when there was no case after `after`. */
  last: string | null;
  signalled: number;
  ended: number;
}

/**
 * One page of a standard change's fan-out: the next `pageSize` reviewable enrolments after
 * `after` in case-number order (keyset, on the county's case-number index), each signalled for
 * a review, `concurrency` at a time, heartbeating as it goes. The progress row moves on only
 * from the cursor this page started at, so a retried page (its signals resent, which the
 * enrolment ignores by request id) never counts its cases twice.
 */
export async function requestStandardChangeReviewPage(
  db: Database,
  temporal: Client,
  { standardId, after, pageSize, concurrency }: ReviewPageInput,
  heartbeat: (details: unknown) => void = (details) => Context.current().heartbeat(details),
): Promise<ReviewPageResult> {
  const { standard, reasons } = await standardOf(db, standardId);
  const page = await db.case.findMany({
    where: {
      countyId: standard.countyId,
      programmeCode: standard.programmeCode,
      status: { in: REVIEWABLE_STATUSES },
      ...(after !== null && { caseNo: { gt: after } }),
    },
    orderBy: { caseNo: 'asc' },
    take: pageSize,
    select: { caseNo: true },
  });
  if (page.length === 0) return { last: null, signalled: 0, ended: 0 };
  const request = reviewRequest(standardId, reasons);
  let done = 0;
  const sent = await boundedAll(page, concurrency, async ({ caseNo }) => {
    const reached = await signalReview(temporal, caseNo, request);
    if (++done % concurrency === 0) heartbeat({ after, done });
    return reached;
  });
  const signalled = sent.filter(Boolean).length;
  const ended = sent.length - signalled;
  const last = page[page.length - 1]!.caseNo;
  await db.standardChangeProgress.updateMany({
    where: { standardId, cursor: after },
    data: {
      cursor: last,
      signalled: { increment: signalled },
      ended: { increment: ended },
      updatedAt: new Date(),
    },
  });
  return { last, signalled, ended };
}

/** The fan-out reached the last case: the standard's reviews are all requested. */
export async function finishStandardChangeReviews(
  db: Database,
  { standardId }: { standardId: string },
): Promise<{ signalled: number }> {
  const now = new Date();
  const [, , row] = await db.$transaction([
    db.standardChangeProgress.updateMany({
      where: { standardId, finishedAt: null },
      data: { finishedAt: now, updatedAt: now },
    }),
    db.assistanceStandard.updateMany({
      where: { id: standardId, reviewsRequestedAt: null },
      data: { reviewsRequestedAt: now },
    }),
    db.standardChangeProgress.findUniqueOrThrow({ where: { standardId } }),
  ]);
  return { signalled: row.signalled };
}
