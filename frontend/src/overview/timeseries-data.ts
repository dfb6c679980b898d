import { bucketTick, bucketTitle, countScale, percentScale, type ValueScale } from '../shared/chart-scale.js';
import { formatDurationStep } from '../shared/format.js';
import type { TimeseriesReport } from './api.js';
import { formatMetric } from './overview-data.js';

import type { ChartInterval } from '../../../config/src/view-periods.js';

export const INTERVAL_LABELS: Record<ChartInterval, string> = {
  hour: 'Hours',
  day: 'Days',
  week: 'Weeks',
  month: 'Months',
};

/** Durations step by seconds, minutes and hours as a clock does. */
const DURATION_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 18000, 36000];

/** Rates: in percent, their axis in whole steps. */
const RATES = new Set(['bounce_rate', 'conversion_rate']);

/**
 * How the chart writes `metric`: as its cards do (formatMetric) in the legend; on the axis, rates in whole
 * percents, views per visit as its cards write it, counts short ("1.2K") in whole steps, durations in clock steps.
 */
export function metricScale(metric: string, locale?: string): ValueScale {
  const value = (amount: number) => formatMetric(metric, amount, locale);
  if (RATES.has(metric)) return { ...percentScale(locale), value };
  if (metric === 'views_per_visit') return { value, axis: value };
  if (metric === 'visit_duration')
    return { value, axis: (amount) => formatDurationStep(amount, locale), steps: DURATION_STEPS };
  return { ...countScale(locale), value };
}

export interface ChartSeries {
  /** Each bucket's label under the axis (bucketTick). */
  ticks: string[];
  /** Each bucket named in full (bucketTitle). */
  titles: string[];
  current: number[];
  /** The comparison period's values, bucket by bucket (its n-th bucket beside the range's n-th); none without one. */
  comparison: (number | null)[] | undefined;
  comparisonTitles: (string | null)[] | undefined;
  /** The index of the bucket under way (its numbers still grow; the buckets after it are to come); none when all are over. */
  inProgress: number | undefined;
}

/** The index of the point of `bucket`, if any. */
function indexOf(points: TimeseriesReport['points'], bucket: string | null): number | undefined {
  const index = points.findIndex((point) => point.bucket === bucket);
  return index === -1 ? undefined : index;
}

/** The chart's lines: one metric of every bucket, the comparison's buckets aligned by position. */
export function chartSeries(report: TimeseriesReport, metric: string, locale?: string): ChartSeries {
  const valueOf = (point: TimeseriesReport['points'][number]) =>
    (point.metrics as Record<string, number | undefined>)[metric] ?? 0;
  const title = (bucket: string) => bucketTitle(bucket, report.interval, locale);
  const compared = report.comparison?.points;
  return {
    ticks: report.points.map((point) => bucketTick(point.bucket, report.interval, locale)),
    titles: report.points.map((point) => title(point.bucket)),
    current: report.points.map(valueOf),
    comparison:
      compared && report.points.map((_, index) => (compared[index] ? valueOf(compared[index]) : null)),
    comparisonTitles:
      compared && report.points.map((_, index) => (compared[index] ? title(compared[index].bucket) : null)),
    inProgress: indexOf(report.points, report.inProgress),
  };
}
