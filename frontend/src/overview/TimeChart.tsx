import { useMemo } from 'react';
import { annotationMarks, type DatedNote } from '../annotations/annotation-marks';
import { LineChart } from '../shared/LineChart';
import type { TimeseriesReport } from './api';
import { chartSeries, metricScale } from './timeseries-data';

interface TimeChartProps {
  report: TimeseriesReport;
  metric: string;
  metricLabel: string;
  /** The chart's description for screen readers. */
  summary: string;
  /** Notes on the range's days (annotations), flagged on their buckets. */
  notes?: DatedNote[];
}

/** The overview's time chart: one metric of the timeseries, the comparison period's beside it, and the range's notes. */
export function TimeChart({ report, metric, metricLabel, summary, notes }: TimeChartProps) {
  // The chart is drawn again only when its data, metric or notes change, not on every render of the page.
  const series = useMemo(() => chartSeries(report, metric), [report, metric]);
  const scale = useMemo(() => metricScale(metric), [metric]);
  const marks = useMemo(
    () =>
      notes &&
      annotationMarks(
        report.points.map((point) => point.bucket),
        report.interval,
        notes,
      ),
    [report, notes],
  );
  return <LineChart series={series} scale={scale} label={metricLabel} summary={summary} marks={marks} />;
}
