import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useTheme } from '../theme/useTheme.js';

const CHART_HEIGHT = 240;

/** A colour of the theme (app.css), read when the chart is drawn. */
const themeColour = (name: string) =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim();

/** Axis labels: "11-03" for days, "14:00" for hours, as the API's buckets say them. */
const tickLabel = (bucket: string | undefined) =>
  bucket ? (bucket.length > 10 ? bucket.slice(11) : bucket.slice(5)) : '';

/** A line over buckets, and optionally the comparison period's values beside them, bucket by bucket. */
export interface LineSeries {
  /** The buckets' labels, as the API names them (`YYYY-MM-DD`, `YYYY-MM-DD HH:MM`). */
  labels: string[];
  current: number[];
  comparison?: (number | null)[];
}

interface LineChartProps {
  /** Keep it the same object while its data is the same: the chart is drawn again when it changes. */
  series: LineSeries;
  label: string;
  /** The chart's description for screen readers. */
  summary: string;
}

/** A line chart over time (uPlot, drawn on a canvas): the range's line, the comparison period's dashed beside it. */
export function LineChart({ series, label, summary }: LineChartProps) {
  const container = useRef<HTMLDivElement>(null);
  // The theme's colours are read when the chart is drawn: a new theme draws it again.
  const theme = useTheme();

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const xs = series.labels.map((_, index) => index);
    const data: uPlot.AlignedData = series.comparison
      ? [xs, series.current, series.comparison]
      : [xs, series.current];
    const text = themeColour('--muted');
    const grid = themeColour('--border');
    const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const chart = new uPlot(
      {
        width: element.clientWidth,
        height: CHART_HEIGHT,
        legend: { show: true },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: false }, y: { range: (_, __, max) => [0, Math.max(1, max * 1.1)] } },
        axes: [
          { ...axis, values: (_, splits) => splits.map((index) => tickLabel(series.labels[index])) },
          { ...axis, size: 56 },
        ],
        series: [
          { label: 'Bucket', value: (_, index) => (index === null ? '' : (series.labels[index] ?? '')) },
          { label, stroke: themeColour('--accent'), width: 2, fill: themeColour('--accent-fill') },
          ...(series.comparison
            ? [{ label: 'Previous period', stroke: text, width: 1.5, dash: [6, 4] }]
            : []),
        ],
      },
      data,
      element,
    );
    const resize = new ResizeObserver(() =>
      chart.setSize({ width: element.clientWidth, height: CHART_HEIGHT }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [series, label, theme]);

  return <div className="time-chart" ref={container} role="img" aria-label={summary} />;
}
