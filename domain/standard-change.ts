/**
 * 标准调整复核进度: how far a new standard's review requests have gone, as the county policy
 * answer and page show it. Pure: the routes read the rows, this says what they mean.
 */

/** The standard as stored, with its progress row if the fan-out has begun. */
export interface StandardWithProgress {
  createdBy: string | null;
  reviewsRequestedAt: Date | null;
  reviewProgress: {
    total: number;
    signalled: number;
    ended: number;
    startedAt: Date;
    finishedAt: Date | null;
  } | null;
}

export interface ReviewProgressView {
  /** Enrolled cases when the requests began; null before they began (or when asked before progress was kept). */
  total: number | null;
  signalled: number | null;
  ended: number | null;
  startedAt: string | null;
  /** Set once every enrolled case was asked. */
  finishedAt: string | null;
}

/** Who set the seeded standards a county starts with: they asked for no review. */
export const SEEDED_STANDARD_AUTHOR = 'seed';

/**
 * The progress of a standard set through the API; null for the standards a county starts
 * with (and any written outside the API), which ask for no review.
 */
export function reviewProgressView(standard: StandardWithProgress): ReviewProgressView | null {
  const progress = standard.reviewProgress;
  if (progress)
    return {
      total: progress.total,
      signalled: progress.signalled,
      ended: progress.ended,
      startedAt: progress.startedAt.toISOString(),
      finishedAt: progress.finishedAt?.toISOString() ?? null,
    };
  if (standard.createdBy === null || standard.createdBy === SEEDED_STANDARD_AUTHOR) return null;
  return {
    total: null,
    signalled: null,
    ended: null,
    startedAt: null,
    finishedAt: standard.reviewsRequestedAt?.toISOString() ?? null,
  };
}

/** The standards table's 复核进度 column, in the console's words. */
export function reviewProgressText(view: ReviewProgressView | null): string {
  if (!view) return '—';
  if (view.total === null || view.signalled === null)
    return view.finishedAt ? '已全部发起复核' : '等待发起复核';
  const ended = view.ended ? `（${view.ended} 户已终止，无需复核）` : '';
  const asked = `已通知 ${view.signalled} / ${view.total} 户${ended}`;
  return view.finishedAt ? `${asked}，已全部发起复核` : `${asked}，正在发起复核`;
}
