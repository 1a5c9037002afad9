import { localDateOf } from './working-days';

/**
 * The supervisor dashboard's figures: how long overdue steps have been waiting, how long
 * applications took to decide, and the geometry of the bar charts that show them. Pure: the
 * console reads the rows and the clock, this module only counts and measures.
 */

/** A range of whole numbers, both ends included; `max` null: no upper end. */
export interface Bucket<K extends string = string> {
  key: K;
  label: string;
  min: number;
  max: number | null;
}

/** 超期时长: working days an open step is past its deadline. */
export const AGEING_BUCKETS = [
  { key: '1-3', label: '1–3 个工作日', min: 1, max: 3 },
  { key: '4-10', label: '4–10 个工作日', min: 4, max: 10 },
  { key: '11-20', label: '11–20 个工作日', min: 11, max: 20 },
  { key: 'over20', label: '20 个工作日以上', min: 21, max: null },
] as const satisfies readonly Bucket[];

export type AgeingBucketKey = (typeof AGEING_BUCKETS)[number]['key'];

export const AGEING_BUCKET_KEYS = AGEING_BUCKETS.map((b) => b.key) as [AgeingBucketKey, ...AgeingBucketKey[]];

/** 办理用时: calendar days from the application to its decision. */
export const PROCESSING_BUCKETS = [
  { key: '0-10', label: '0–10 天', min: 0, max: 10 },
  { key: '11-20', label: '11–20 天', min: 11, max: 20 },
  { key: '21-30', label: '21–30 天', min: 21, max: 30 },
  { key: '31-45', label: '31–45 天', min: 31, max: 45 },
  { key: 'over45', label: '45 天以上', min: 46, max: null },
] as const satisfies readonly Bucket[];

export type ProcessingBucketKey = (typeof PROCESSING_BUCKETS)[number]['key'];

/** The bucket a whole number falls in, or null when it falls in none (below the first). */
export function bucketOf<B extends Bucket>(buckets: readonly B[], value: number): B | null {
  return buckets.find((b) => value >= b.min && (b.max === null || value <= b.max)) ?? null;
}

/** How many values fall in each bucket, in the buckets' order; values in no bucket are left out. */
export function countByBucket<B extends Bucket>(
  buckets: readonly B[],
  values: readonly number[],
): { bucket: B; count: number }[] {
  return tallyByBucket(
    buckets,
    values.map((value) => ({ value, count: 1 })),
  );
}

/** A value and how many times it occurs: a row of a SQL `GROUP BY value`. */
export interface ValueCount {
  value: number;
  count: number;
}

/** countByBucket over values already counted by the database. */
export function tallyByBucket<B extends Bucket>(
  buckets: readonly B[],
  counts: readonly ValueCount[],
): { bucket: B; count: number }[] {
  const totals = new Map<B, number>(buckets.map((b) => [b, 0]));
  for (const { value, count } of counts) {
    const bucket = bucketOf(buckets, value);
    if (bucket) totals.set(bucket, totals.get(bucket)! + count);
  }
  return buckets.map((bucket) => ({ bucket, count: totals.get(bucket)! }));
}

/**
 * The median of values already counted by the database, as domain/referral-summary.ts's
 * `median` of the same values spelled out: the middle one, or the mean of the middle two.
 */
export function medianOfCounts(counts: readonly ValueCount[]): number | null {
  const sorted = counts.filter((c) => c.count > 0).sort((a, b) => a.value - b.value);
  const n = sorted.reduce((sum, c) => sum + c.count, 0);
  if (n === 0) return null;
  /** The value at a 0-based position of the sorted values. */
  const at = (position: number) => {
    let seen = 0;
    for (const c of sorted) {
      seen += c.count;
      if (position < seen) return c.value;
    }
    return sorted.at(-1)!.value;
  };
  return n % 2 === 1 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
}

/**
 * Working days a step is overdue, from `workingDaysLeft`'s answer (negative: overdue by that
 * many). A step its workflow has marked overdue is at least one working day overdue, as
 * `workingDaysLeft` counts it, even when the reading clock lags the workflow's.
 */
export function workingDaysOverdue(daysLeft: number | null, markedOverdue: boolean): number {
  if (daysLeft !== null && daysLeft < 0) return -daysLeft;
  return markedOverdue ? 1 : 0;
}

const DAY_MS = 24 * 3_600_000;

/** Calendar days from the application to its decision, on the prefecture's dates (UTC+8); never negative. */
export function processingDays(appliedAt: Date | number, decidedAt: Date | number): number {
  const days = (Date.parse(localDateOf(decidedAt)) - Date.parse(localDateOf(appliedAt))) / DAY_MS;
  return Math.max(0, Math.round(days));
}

// Bar charts: inline SVG drawn by templates/pages/partials/bar-chart.hbs from this geometry.

export interface BarInput {
  label: string;
  value: number;
  /** Where the bar leads (a drill-down), if anywhere. */
  href?: string | null;
}

export interface Bar {
  label: string;
  value: number;
  href: string | null;
  x: number;
  y: number;
  width: number;
  height: number;
  labelX: number;
  labelY: number;
  valueX: number;
  valueY: number;
}

export interface BarChart {
  title: string;
  orientation: 'horizontal' | 'vertical';
  width: number;
  height: number;
  labelAnchor: 'end' | 'middle';
  valueAnchor: 'start' | 'middle';
  bars: Bar[];
  /** No bars, or every bar zero: the page says so instead of drawing nothing. */
  empty: boolean;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The length of a bar for `value` when `max` fills `length`: proportional, to a tenth of a
 * pixel, at least one pixel for any value above zero (so a small count stays visible).
 */
export function barLength(value: number, max: number, length: number): number {
  if (value <= 0 || max <= 0 || length <= 0) return 0;
  return Math.max(1, round1((Math.min(value, max) / max) * length));
}

export interface HorizontalLayout {
  width: number;
  /** Left of the bars, for their labels (right-aligned). */
  labelWidth: number;
  /** Right of the longest bar, for its figure. */
  valueWidth: number;
  barHeight: number;
  gap: number;
  /** The value a full-length bar stands for (100 for shares in per cent); the largest value when absent. */
  scaleMax?: number;
}

export const HORIZONTAL_DEFAULTS: HorizontalLayout = {
  width: 480,
  labelWidth: 130,
  valueWidth: 44,
  barHeight: 18,
  gap: 8,
};

/** Bars from the left, one row each, labelled on the left and figured at the end: for named units. */
export function horizontalBars(
  title: string,
  items: readonly BarInput[],
  layout: Partial<HorizontalLayout> = {},
): BarChart {
  const { width, labelWidth, valueWidth, barHeight, gap, scaleMax } = { ...HORIZONTAL_DEFAULTS, ...layout };
  const plot = width - labelWidth - valueWidth;
  const largest = Math.max(0, ...items.map((i) => i.value));
  const max = scaleMax ?? largest;
  const bars = items.map((item, i): Bar => {
    const y = round1(gap / 2 + i * (barHeight + gap));
    const length = barLength(item.value, max, plot);
    const middle = round1(y + barHeight / 2);
    return {
      label: item.label,
      value: item.value,
      href: item.href ?? null,
      x: labelWidth,
      y,
      width: length,
      height: barHeight,
      labelX: labelWidth - 6,
      labelY: middle,
      valueX: round1(labelWidth + length + 4),
      valueY: middle,
    };
  });
  return {
    title,
    orientation: 'horizontal',
    width,
    height: items.length * (barHeight + gap),
    labelAnchor: 'end',
    valueAnchor: 'start',
    bars,
    empty: largest === 0,
  };
}

export interface VerticalLayout {
  width: number;
  height: number;
  /** Below the columns, for their labels. */
  labelHeight: number;
  /** Above the tallest column, for its figure. */
  valueHeight: number;
  gap: number;
}

export const VERTICAL_DEFAULTS: VerticalLayout = {
  width: 480,
  height: 200,
  labelHeight: 22,
  valueHeight: 18,
  gap: 16,
};

/** Columns side by side on a common baseline, labelled below and figured on top: for histograms. */
export function verticalBars(
  title: string,
  items: readonly BarInput[],
  layout: Partial<VerticalLayout> = {},
): BarChart {
  const { width, height, labelHeight, valueHeight, gap } = { ...VERTICAL_DEFAULTS, ...layout };
  const plot = height - labelHeight - valueHeight;
  const baseline = height - labelHeight;
  const slot = items.length > 0 ? width / items.length : width;
  const columnWidth = round1(Math.max(1, slot - gap));
  const max = Math.max(0, ...items.map((i) => i.value));
  const bars = items.map((item, i): Bar => {
    const length = barLength(item.value, max, plot);
    const x = round1(i * slot + gap / 2);
    const centre = round1(i * slot + slot / 2);
    const top = round1(baseline - length);
    return {
      label: item.label,
      value: item.value,
      href: item.href ?? null,
      x,
      y: top,
      width: columnWidth,
      height: length,
      labelX: centre,
      labelY: round1(baseline + labelHeight - 6),
      valueX: centre,
      valueY: round1(top - 4),
    };
  });
  return {
    title,
    orientation: 'vertical',
    width,
    height,
    labelAnchor: 'middle',
    valueAnchor: 'middle',
    bars,
    empty: max === 0,
  };
}

// 特困 供养方式 on the dashboard.

/** 特困 people being supported, by where they live: in a care home (集中供养) or at home (分散供养). */
export interface SupportSplit {
  supported: number;
  centralised: number;
  /** At home, those waiting for a bed included. */
  dispersed: number;
  /** Centralised / supported; null when none is supported. */
  share: number | null;
}

/**
 * The split of `supported` people of which `placed` live in a care home (a PLACED placement).
 * A placement counted against a case no longer counted as supported cannot make the figures
 * add up to more than those supported: placed is capped at supported.
 */
export function supportSplit(supported: number, placed: number): SupportSplit {
  const total = Math.max(0, supported);
  const centralised = Math.min(Math.max(0, placed), total);
  return {
    supported: total,
    centralised,
    dispersed: total - centralised,
    share: total === 0 ? null : centralised / total,
  };
}
