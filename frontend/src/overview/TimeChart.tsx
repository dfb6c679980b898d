import { useMemo } from 'react';
import { LineChart } from '../shared/LineChart';
import type { TimeseriesReport } from './api';
import { chartSeries, metricScale } from './timeseries-data';

interface TimeChartProps {
  report: TimeseriesReport;
  metric: string;
  metricLabel: string;
  /** The chart's description for screen readers. */
  summary: string;
}

/** The overview's time chart: one metric of the timeseries, and the comparison period's beside it. */
export function TimeChart({ report, metric, metricLabel, summary }: TimeChartProps) {
  // The chart is drawn again only when its data or metric changes, not on every render of the page.
  const series = useMemo(() => chartSeries(report, metric), [report, metric]);
  const scale = useMemo(() => metricScale(metric), [metric]);
  return <LineChart series={series} scale={scale} label={metricLabel} summary={summary} />;
}
