import {
  AGEING_BUCKETS,
  PROCESSING_BUCKETS,
  barLength,
  bucketOf,
  countByBucket,
  horizontalBars,
  medianOfCounts,
  processingDays,
  supportSplit,
  tallyByBucket,
  verticalBars,
  workingDaysOverdue,
} from '../../domain/case-ageing';

/** An instant given as the prefecture's wall clock (UTC+8). */
const local = (dateTime: string) => new Date(`${dateTime}+08:00`);

describe('ageing buckets of overdue steps (working days overdue)', () => {
  test.each([
    [0, null],
    [-2, null],
    [1, '1-3'],
    [3, '1-3'],
    [4, '4-10'],
    [10, '4-10'],
    [11, '11-20'],
    [20, '11-20'],
    [21, 'over20'],
    [365, 'over20'],
  ])('%i working days → %s', (days, key) => {
    expect(bucketOf(AGEING_BUCKETS, days)?.key ?? null).toBe(key);
  });
});

describe('processing-time buckets (calendar days)', () => {
  test.each([
    [0, '0-10'],
    [10, '0-10'],
    [11, '11-20'],
    [20, '11-20'],
    [21, '21-30'],
    [30, '21-30'],
    [31, '31-45'],
    [45, '31-45'],
    [46, 'over45'],
    [400, 'over45'],
  ])('%i days → %s', (days, key) => {
    expect(bucketOf(PROCESSING_BUCKETS, days)?.key).toBe(key);
  });
});

describe('countByBucket', () => {
  test.each([
    [[], [0, 0, 0, 0]],
    [
      [1, 2, 3],
      [3, 0, 0, 0],
    ],
    [
      [0, 1, 4, 10, 11, 25, 40],
      [1, 2, 1, 2],
    ],
  ])('%j → %j, in the buckets’ order, values in no bucket left out', (values, counts) => {
    const counted = countByBucket(AGEING_BUCKETS, values);
    expect(counted.map((c) => c.bucket.key)).toEqual(['1-3', '4-10', '11-20', 'over20']);
    expect(counted.map((c) => c.count)).toEqual(counts);
  });
});

describe('values the database counted: tallyByBucket and medianOfCounts', () => {
  test('a (value, count) row counts as many values as its count', () => {
    const counts = [
      { value: 0, count: 4 },
      { value: 2, count: 3 },
      { value: 12, count: 5 },
      { value: 40, count: 1 },
    ];
    expect(tallyByBucket(AGEING_BUCKETS, counts).map((c) => c.count)).toEqual([3, 0, 5, 1]);
    const spelledOut = counts.flatMap(({ value, count }) => Array<number>(count).fill(value));
    expect(tallyByBucket(AGEING_BUCKETS, counts)).toEqual(countByBucket(AGEING_BUCKETS, spelledOut));
  });

  test.each([
    [[], null],
    [[{ value: 7, count: 0 }], null],
    [[{ value: 7, count: 1 }], 7],
    // 3, 3, 5, 9 → the mean of the middle two.
    [
      [
        { value: 9, count: 1 },
        { value: 3, count: 2 },
        { value: 5, count: 1 },
      ],
      4,
    ],
    // 1, 1, 1, 30, 31 → the middle one, in whichever order the rows come.
    [
      [
        { value: 31, count: 1 },
        { value: 1, count: 3 },
        { value: 30, count: 1 },
      ],
      1,
    ],
  ])('median of %j → %s', (counts, median) => {
    expect(medianOfCounts(counts)).toBe(median);
  });
});

describe('workingDaysOverdue', () => {
  test.each([
    [-5, true, 5],
    [-1, true, 1],
    [3, false, 0],
    [0, false, 0],
    [null, false, 0],
    // Marked overdue by its workflow: at least one working day, whatever this clock says.
    [2, true, 1],
    [null, true, 1],
  ])('days left %s, marked overdue %s → %i', (daysLeft, marked, expected) => {
    expect(workingDaysOverdue(daysLeft, marked)).toBe(expected);
  });
});

describe('processingDays', () => {
  test.each([
    ['2026-11-02T09:00:00', '2026-11-02T17:00:00', 0],
    ['2026-11-02T23:30:00', '2026-11-03T00:10:00', 1],
    // The prefecture's dates count: 16:30 UTC on 2 Nov is already 3 Nov in Dali.
    ['2026-11-03T00:30:00', '2026-11-12T10:00:00', 9],
    ['2026-11-02T10:00:00', '2026-12-17T10:00:00', 45],
    ['2026-12-20T10:00:00', '2027-01-05T10:00:00', 16],
    // A decision recorded before the application (clock skew) counts as the same day.
    ['2026-11-05T10:00:00', '2026-11-04T10:00:00', 0],
  ])('%s → %s: %i days', (from, to, days) => {
    expect(processingDays(local(from), local(to))).toBe(days);
  });
});

describe('barLength', () => {
  test.each([
    [0, 10, 300, 0],
    [5, 0, 300, 0],
    [10, 10, 300, 300],
    [5, 10, 300, 150],
    [1, 3, 100, 33.3],
    [2, 3, 100, 66.7],
    // A small count stays visible.
    [1, 1000, 300, 1],
    // Never beyond the plot.
    [12, 10, 300, 300],
  ])('value %s of max %s over %s px → %s', (value, max, length, expected) => {
    expect(barLength(value, max, length)).toBe(expected);
  });
});

describe('horizontalBars', () => {
  const layout = { width: 400, labelWidth: 100, valueWidth: 40, barHeight: 20, gap: 10 };

  test('rows of bars from the label column, scaled to the largest', () => {
    const chart = horizontalBars(
      '按县（市）',
      [
        { label: '大理市', value: 4, href: '/dashboard/cases?countyId=532901' },
        { label: '漾濞彝族自治县', value: 1 },
        { label: '祥云县', value: 0 },
      ],
      layout,
    );
    expect(chart).toMatchObject({
      title: '按县（市）',
      orientation: 'horizontal',
      width: 400,
      height: 90,
      labelAnchor: 'end',
      valueAnchor: 'start',
      empty: false,
    });
    expect(chart.bars).toEqual([
      {
        label: '大理市',
        value: 4,
        href: '/dashboard/cases?countyId=532901',
        x: 100,
        y: 5,
        width: 260,
        height: 20,
        labelX: 94,
        labelY: 15,
        valueX: 364,
        valueY: 15,
      },
      {
        label: '漾濞彝族自治县',
        value: 1,
        href: null,
        x: 100,
        y: 35,
        width: 65,
        height: 20,
        labelX: 94,
        labelY: 45,
        valueX: 169,
        valueY: 45,
      },
      {
        label: '祥云县',
        value: 0,
        href: null,
        x: 100,
        y: 65,
        width: 0,
        height: 20,
        labelX: 94,
        labelY: 75,
        valueX: 104,
        valueY: 75,
      },
    ]);
  });

  test.each([
    [[], true, 0],
    [[{ label: '大理市', value: 0 }], true, 30],
    [[{ label: '大理市', value: 2 }], false, 30],
  ])('%j: empty %s, height %i', (items, empty, height) => {
    const chart = horizontalBars('t', items, layout);
    expect(chart.empty).toBe(empty);
    expect(chart.height).toBe(height);
  });
});

describe('verticalBars', () => {
  const layout = { width: 400, height: 200, labelHeight: 20, valueHeight: 20, gap: 20 };

  test('columns on a common baseline, labelled below, figured on top', () => {
    const chart = verticalBars(
      '超期时长',
      [
        { label: '1–3 个工作日', value: 2 },
        { label: '4–10 个工作日', value: 8, href: '/dashboard/cases?overdue=true&ageing=4-10' },
        { label: '11–20 个工作日', value: 0 },
        { label: '20 个工作日以上', value: 1 },
      ],
      layout,
    );
    expect(chart).toMatchObject({
      orientation: 'vertical',
      width: 400,
      height: 200,
      labelAnchor: 'middle',
      valueAnchor: 'middle',
      empty: false,
    });
    // Slots of 100 px, columns of 80 centred in them; 160 px of plot above the baseline at 180.
    expect(chart.bars.map(({ x, y, width, height }) => ({ x, y, width, height }))).toEqual([
      { x: 10, y: 140, width: 80, height: 40 },
      { x: 110, y: 20, width: 80, height: 160 },
      { x: 210, y: 180, width: 80, height: 0 },
      { x: 310, y: 160, width: 80, height: 20 },
    ]);
    expect(chart.bars.map(({ labelX, labelY, valueX, valueY }) => [labelX, labelY, valueX, valueY])).toEqual([
      [50, 194, 50, 136],
      [150, 194, 150, 16],
      [250, 194, 250, 176],
      [350, 194, 350, 156],
    ]);
    expect(chart.bars[1]!.href).toBe('/dashboard/cases?overdue=true&ageing=4-10');
    expect(chart.bars[0]!.href).toBeNull();
  });

  test.each([
    [[], true],
    [[{ label: 'a', value: 0 }], true],
    [[{ label: 'a', value: 3 }], false],
  ])('%j: empty %s', (items, empty) => {
    expect(verticalBars('t', items, layout).empty).toBe(empty);
  });
});

describe('特困 供养方式: centralised and dispersed among those supported', () => {
  test.each([
    [5, 2, { supported: 5, centralised: 2, dispersed: 3, share: 0.4 }],
    [3, 0, { supported: 3, centralised: 0, dispersed: 3, share: 0 }],
    [2, 2, { supported: 2, centralised: 2, dispersed: 0, share: 1 }],
    [0, 0, { supported: 0, centralised: 0, dispersed: 0, share: null }],
    // A placement whose case is no longer counted: never more placed than supported.
    [1, 3, { supported: 1, centralised: 1, dispersed: 0, share: 1 }],
    [0, 1, { supported: 0, centralised: 0, dispersed: 0, share: null }],
  ])('%i supported, %i placed', (supported, placed, split) => {
    expect(supportSplit(supported, placed)).toEqual(split);
  });
});
