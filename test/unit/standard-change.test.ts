import {
  reviewProgressText,
  reviewProgressView,
  type StandardWithProgress,
} from '../../domain/standard-change';

const STARTED = new Date('2027-01-04T02:00:00Z');
const FINISHED = new Date('2027-01-04T02:06:40Z');
const progress = (signalled: number, ended: number, finishedAt: Date | null) => ({
  total: 100_000,
  signalled,
  ended,
  startedAt: STARTED,
  finishedAt,
});

describe('复核进度: what a standard change has asked so far', () => {
  test.each<[string, StandardWithProgress, string]>([
    [
      'a seeded standard asks for no review',
      { createdBy: 'seed', reviewsRequestedAt: STARTED, reviewProgress: null },
      '—',
    ],
    ['written outside the API', { createdBy: null, reviewsRequestedAt: null, reviewProgress: null }, '—'],
    [
      'set, the fan-out not yet begun',
      { createdBy: 'u1', reviewsRequestedAt: null, reviewProgress: null },
      '等待发起复核',
    ],
    [
      'asked before progress was kept',
      { createdBy: 'u1', reviewsRequestedAt: FINISHED, reviewProgress: null },
      '已全部发起复核',
    ],
    [
      'halfway',
      { createdBy: 'u1', reviewsRequestedAt: null, reviewProgress: progress(50_000, 0, null) },
      '已通知 50000 / 100000 户，正在发起复核',
    ],
    [
      'done, some enrolments had ended',
      { createdBy: 'u1', reviewsRequestedAt: FINISHED, reviewProgress: progress(99_997, 3, FINISHED) },
      '已通知 99997 / 100000 户（3 户已终止，无需复核），已全部发起复核',
    ],
  ])('%s', (_, standard, text) => {
    expect(reviewProgressText(reviewProgressView(standard))).toBe(text);
  });

  test('the API answer carries the figures and instants', () => {
    expect(
      reviewProgressView({
        createdBy: 'u1',
        reviewsRequestedAt: FINISHED,
        reviewProgress: progress(10, 1, FINISHED),
      }),
    ).toEqual({
      total: 100_000,
      signalled: 10,
      ended: 1,
      startedAt: '2027-01-04T02:00:00.000Z',
      finishedAt: '2027-01-04T02:06:40.000Z',
    });
    expect(
      reviewProgressView({ createdBy: 'seed', reviewsRequestedAt: null, reviewProgress: null }),
    ).toBeNull();
  });
});
