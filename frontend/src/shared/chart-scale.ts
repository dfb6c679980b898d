import { formatCompact, formatCount, formatPercent, formatWallClock, formatWholePercent } from './format.js';

/**
 * How a chart over time writes its buckets and values in the reader's words (LineChart): the API names
 * buckets by the site's wall clock, `YYYY-MM-DD` or `YYYY-MM-DD HH:MM`.
 */

/** The API's granularities of a series. */
export type Bucketing = 'minute' | 'hour' | 'day' | 'week' | 'month';

const SHORT_DAY: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric' };
const CLOCK: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };

/**
 * A bucket's label under the axis: "14:00" for hours (the day, "Nov 10", at midnight, where a new day
 * begins), "Nov 10" for days and weeks, "Nov 2026" for months.
 */
export function bucketTick(bucket: string, interval: Bucketing, locale?: string): string {
  if (interval === 'month') return formatWallClock(bucket, { month: 'short', year: 'numeric' }, locale);
  if ((interval === 'hour' || interval === 'minute') && !bucket.endsWith(' 00:00'))
    return formatWallClock(bucket, CLOCK, locale);
  return formatWallClock(bucket, SHORT_DAY, locale);
}

/** The least room between the time axis' labels, as uPlot's own default. */
const MIN_TICK_SPACE = 50;
/** Room kept clear between two labels. */
const TICK_GAP = 16;

/**
 * The room a label of the time axis takes (uPlot's `space`): the widest of its labels, as `width` measures
 * them in the axis' font, and a gap. uPlot's fixed 50 px let "06:00 AM" and "12:00 PM" touch on a phone.
 */
export function tickSpace(ticks: string[], width: (label: string) => number): number {
  return Math.max(MIN_TICK_SPACE, Math.ceil(Math.max(0, ...ticks.map(width))) + TICK_GAP);
}

/** A bucket in full, where the chart names the one pointed at: "Tue, Nov 10, 2026", "Week of Nov 9, 2026". */
export function bucketTitle(bucket: string, interval: Bucketing, locale?: string): string {
  const day = { ...SHORT_DAY, year: 'numeric' } as const;
  switch (interval) {
    case 'month':
      return formatWallClock(bucket, { month: 'long', year: 'numeric' }, locale);
    case 'week':
      return `Week of ${formatWallClock(bucket, day, locale)}`;
    case 'day':
      return formatWallClock(bucket, { ...day, weekday: 'short' }, locale);
    default:
      return formatWallClock(bucket, { ...SHORT_DAY, weekday: 'short', ...CLOCK }, locale);
  }
}

/** A bucket of a time chart marked with notes (annotations made on its days), oldest first. */
export interface ChartMark {
  index: number;
  notes: string[];
}

/** How a chart writes the values of its metric. */
export interface ValueScale {
  /** A value in the legend, in full. */
  value: (value: number) => string;
  /** A value on the vertical axis, short. */
  axis: (value: number) => string;
  /** The steps the axis may take (whole numbers for counts); 1, 2 and 5 times powers of ten where undefined. */
  steps?: number[];
  /** The most a value can be (a percent's 100): the axis stops there. */
  ceiling?: number;
}

/** Steps of 1, 2 and 5 times a power of ten, from `from` up. */
const ladder = (from: number) =>
  Array.from({ length: 12 }, (_, power) =>
    [1, 2, 5].map((step) => Number((step * from * 10 ** power).toPrecision(6))),
  ).flat();

/** The value axis' steps where a scale names none (views per visit): from a hundredth up. */
const FINE_STEPS = ladder(0.01);
/** At most this many steps up the value axis: at the chart's height their labels stay apart. */
const VALUE_AXIS_STEPS = 5;

/** The least of `steps` with which the axis' few steps reach `value`. */
const stepReaching = (value: number, steps: readonly number[]) =>
  steps.find((step) => step * VALUE_AXIS_STEPS >= value * (1 - 1e-9)) ?? steps[steps.length - 1];

/**
 * The value axis' top: a whole number of steps a little above the largest value, so that the line at the top
 * is labelled and the peak stays under it (a top at 1.1 × the peak left the peak above the last label).
 */
export function valueAxisTop(max: number, scale: Pick<ValueScale, 'steps' | 'ceiling'> = {}): number {
  const reach = Math.max(max, 0) * 1.05 || 1;
  const step = stepReaching(reach, scale.steps ?? FINE_STEPS);
  const top = Math.ceil(reach / step - 1e-9) * step;
  return scale.ceiling !== undefined && max <= scale.ceiling ? Math.min(top, scale.ceiling) : top;
}

/** The labelled lines up to an axis' top (valueAxisTop): 0 and each step, the top the last. */
export function valueAxisSplits(top: number, steps: readonly number[] = FINE_STEPS): number[] {
  const step = stepReaching(top, steps);
  return Array.from({ length: Math.round(top / step) + 1 }, (_, index) =>
    Number((index * step).toPrecision(12)),
  );
}

/** Steps of 1, 2 and 5 times a power of ten: an axis of counts never reads 0.5 visitors. */
const COUNT_STEPS = ladder(1);

/** Counts: grouped digits in the legend, "1.2K" on the axis, whole steps. */
export const countScale = (locale?: string): ValueScale => ({
  value: (value) => formatCount(value, locale),
  axis: (value) => formatCompact(value, locale),
  steps: COUNT_STEPS,
});

/** Percents (0–100): one decimal in the legend, whole steps on the axis ("20%"). */
export const percentScale = (locale?: string): ValueScale => ({
  value: (value) => formatPercent(value, locale),
  axis: (value) => formatWholePercent(value, locale),
  steps: [1, 2, 5, 10, 20, 25, 50],
  ceiling: 100,
});
