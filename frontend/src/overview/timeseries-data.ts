import { rangeDays, type DateRange } from '../date-range/date-range.js';
import type { TimeseriesReport } from './api.js';

/** The granularities of the time chart, and the longest range each may cover (the API's limits). */
export const INTERVALS = ['hour', 'day', 'week', 'month'] as const;
export type ChartInterval = (typeof INTERVALS)[number];

const MAX_DAYS: Record<ChartInterval, number> = { hour: 92, day: 366, week: 366, month: 366 };

export const INTERVAL_LABELS: Record<ChartInterval, string> = {
  hour: 'Hours',
  day: 'Days',
  week: 'Weeks',
  month: 'Months',
};

/** The granularities a range can be drawn in. */
export const intervalsFor = (range: DateRange): ChartInterval[] =>
  INTERVALS.filter((interval) => rangeDays(range) <= MAX_DAYS[interval]);

/** The view's granularity where the range allows it; otherwise hours for a single day, days for more. */
export function chartInterval(wanted: string, range: DateRange): ChartInterval {
  const allowed = intervalsFor(range);
  return allowed.find((interval) => interval === wanted) ?? (rangeDays(range) === 1 ? 'hour' : 'day');
}

export interface ChartSeries {
  /** The buckets' labels, as the API names them (`YYYY-MM-DD`, `YYYY-MM-DD HH:MM`). */
  labels: string[];
  current: number[];
  /** The comparison period's values, bucket by bucket (its n-th bucket beside the range's n-th); none without one. */
  comparison: (number | null)[] | undefined;
  comparisonLabels: string[] | undefined;
}

/** The chart's lines: one metric of every bucket, the comparison's buckets aligned by position. */
export function chartSeries(report: TimeseriesReport, metric: string): ChartSeries {
  const valueOf = (point: TimeseriesReport['points'][number]) =>
    (point.metrics as Record<string, number | undefined>)[metric] ?? 0;
  const compared = report.comparison?.points;
  return {
    labels: report.points.map((point) => point.bucket),
    current: report.points.map(valueOf),
    comparison:
      compared && report.points.map((_, index) => (compared[index] ? valueOf(compared[index]) : null)),
    comparisonLabels: compared && report.points.map((_, index) => compared[index]?.bucket ?? ''),
  };
}
