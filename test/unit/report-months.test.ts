import { horizontalBars } from '../../domain/case-ageing';
import {
  monthsInRange,
  rangeProblem,
  reportQuerySchema,
  reportRange,
  tallyBy,
} from '../../domain/report-months';

describe('the report month range', () => {
  test.each([
    ['2026-01', '2026-01', 1],
    ['2025-12', '2026-01', 2],
    ['2026-01', '2026-12', 12],
    ['2017-01', '2026-12', 120],
    ['2026-02', '2026-01', 0],
  ])('%s to %s is %i months', (from, to, n) => expect(monthsInRange(from, to)).toBe(n));

  test.each([
    [{}, { from: '2026-01', to: '2026-11' }],
    [{ to: '2025-06' }, { from: '2025-01', to: '2025-06' }],
    [{ from: '2026-03' }, { from: '2026-03', to: '2026-11' }],
    // A start after this month: the range is that month alone, never inverted.
    [{ from: '2027-02' }, { from: '2027-02', to: '2027-02' }],
    [
      { from: '2024-05', to: '2024-08' },
      { from: '2024-05', to: '2024-08' },
    ],
  ])('asked %j in 2026-11: %j', (q, range) => expect(reportRange(q, '2026-11')).toEqual(range));

  test.each([
    ['2026-01', '2026-12', null],
    ['2026-06', '2026-05', '截止月份不能早于起始月份 (to is before from)'],
    ['2017-01', '2026-12', null],
    ['2016-12', '2026-12', '统计期间最长 120 个月 (at most 120 months)'],
  ])('%s to %s: %s', (from, to, problem) => expect(rangeProblem(from, to)).toBe(problem));

  test.each([
    [{ from: '2026-1' }, 'from'],
    [{ to: '2026-00' }, 'to'],
    [{ from: '2026-05', to: '2026-04' }, 'to'],
    [{ countyId: '5329' }, 'countyId'],
    [{ year: '2026' }, ''],
  ])('%j is refused at %j', (q, path) => {
    const parsed = reportQuerySchema.safeParse(q);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path.join('.')).toBe(path);
  });
});

describe('tallies for a chart', () => {
  const rows = [
    { reason: 'a', n: 1 },
    { reason: 'b', n: 5 },
    { reason: 'a', n: 2 },
    { reason: 'c', n: 1 },
    { reason: 'd', n: 1 },
  ];
  test('summed by label, largest first, ties by label', () =>
    expect(
      tallyBy(
        rows,
        (r) => r.reason,
        (r) => r.n,
      ),
    ).toEqual([
      { label: 'b', value: 5 },
      { label: 'a', value: 3 },
      { label: 'c', value: 1 },
      { label: 'd', value: 1 },
    ]));
  test('beyond the top ones, the rest as 其他', () =>
    expect(
      tallyBy(
        rows,
        (r) => r.reason,
        (r) => r.n,
        2,
      ),
    ).toEqual([
      { label: 'b', value: 5 },
      { label: 'a', value: 3 },
      { label: '其他', value: 2 },
    ]));
  test('nothing: nothing', () => expect(tallyBy([], String, Number)).toEqual([]));
});

describe('bars on a fixed scale (shares in per cent)', () => {
  const layout = { width: 300, labelWidth: 100, valueWidth: 0 };
  test.each([
    [50, 100],
    [100, 200],
    [120, 200],
    [0, 0],
  ])('%d %% is %d px of 200', (value, px) =>
    expect(
      horizontalBars('执行率', [{ label: 'x', value }], { ...layout, scaleMax: 100 }).bars[0]!.width,
    ).toBe(px),
  );
  test('without a scale the largest fills the plot', () =>
    expect(horizontalBars('执行率', [{ label: 'x', value: 10 }], layout).bars[0]!.width).toBe(200));
  test('all zero on a fixed scale: empty', () =>
    expect(horizontalBars('执行率', [{ label: 'x', value: 0 }], { ...layout, scaleMax: 100 }).empty).toBe(
      true,
    ));
});
