import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useComparisonWords } from '../reports/comparison-words.js';
import { useTheme } from '../theme/useTheme.js';
import { tickSpace, valueAxisSplits, valueAxisTop, type ChartMark, type ValueScale } from './chart-scale.js';

const CHART_HEIGHT = 240;

/** The axes' font, given to uPlot and used to measure their labels (tickSpace). */
const AXIS_FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** A label's width in the axes' font; by its length where there is no canvas to measure with. */
function labelWidth(): (label: string) => number {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return (label) => label.length * 7;
  context.font = AXIS_FONT;
  return (label) => context.measureText(label).width;
}

/** A colour of the theme (app.css), read when the chart is drawn. */
const themeColour = (name: string) =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim();

/** A line over buckets, and optionally the comparison period's values beside them, bucket by bucket. */
export interface LineSeries {
  /** Each bucket's label under the axis. */
  ticks: string[];
  /** Each bucket named in full, in the legend when pointed at. */
  titles: string[];
  current: number[];
  comparison?: (number | null)[];
  /** The comparison's buckets named in full, beside its values. */
  comparisonTitles?: (string | null)[];
  /** The index of the bucket under way: the line runs dashed into it, and stops there. */
  inProgress?: number;
}

interface LineChartProps {
  /** Keep it (and `scale`) the same object while its data is the same: the chart is drawn again when it changes. */
  series: LineSeries;
  scale: ValueScale;
  label: string;
  /** The chart's description for screen readers. */
  summary: string;
  /** Buckets marked with notes: a flag and a dotted line on each, its notes beside its date in the legend. */
  marks?: ChartMark[];
}

/** Buckets between the axis' labels: whole buckets only, a day's hours and a week's days among them. */
const BUCKET_STEPS = [1, 2, 3, 4, 6, 7, 12, 14, 24, 28, 48, 72, 96, 168, 336, 720, 1440];

/** The legend's value of a series where nothing is pointed at. */
const NOTHING = '—';

/**
 * Whether the legend shows values: only while a bucket is pointed at (its date and each line's value); otherwise
 * it names the lines, without a row of dashes. uPlot's own stylesheet shows the values of a `u-live` legend.
 */
function legendValues(chart: uPlot, shown: boolean) {
  chart.root.querySelector('.u-legend')?.classList.toggle('u-live', shown);
}

/**
 * The range's values split where a bucket is under way: the settled line up to the bucket before it, the
 * stretch into it (dashed: its count still grows), and nothing past it (those buckets are to come, not zeros).
 */
function settledAndUnderWay(series: LineSeries): {
  settled: (number | null)[];
  underWay?: (number | null)[];
} {
  const current = series.inProgress;
  if (current === undefined) return { settled: series.current };
  return {
    settled: series.current.map((value, index) => (index < current ? value : null)),
    underWay: series.current.map((value, index) =>
      index === current || index === current - 1 ? value : null,
    ),
  };
}

/** The flag's size and the line's dashes, in CSS pixels. */
const FLAG = { width: 8, height: 9, dash: 3 };

/** Draws a flag at the top of each marked bucket and a dotted line down through it, over the lines. */
function drawMarks(chart: uPlot, marks: ChartMark[], colour: string) {
  const { ctx, bbox } = chart;
  const pixel = uPlot.pxRatio;
  ctx.save();
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = pixel;
  for (const { index } of marks) {
    const x = Math.round(chart.valToPos(index, 'x', true));
    ctx.setLineDash([FLAG.dash * pixel, FLAG.dash * pixel]);
    ctx.beginPath();
    ctx.moveTo(x, bbox.top);
    ctx.lineTo(x, bbox.top + bbox.height);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.beginPath();
    ctx.moveTo(x, bbox.top);
    ctx.lineTo(x + FLAG.width * pixel, bbox.top + (FLAG.height / 2) * pixel);
    ctx.lineTo(x, bbox.top + FLAG.height * pixel);
    ctx.closePath();
    ctx.fill();
  }
  ctx.restore();
}

/**
 * A line chart over time (uPlot, drawn on a canvas): the range's line, the comparison period's dashed beside it,
 * and flags on the buckets `marks` names.
 */
export function LineChart({ series, scale, label, summary, marks }: LineChartProps) {
  const container = useRef<HTMLDivElement>(null);
  // The theme's colours are read when the chart is drawn: a new theme draws it again.
  const theme = useTheme();
  const comparisonLabel = useComparisonWords().label;

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const xs = series.ticks.map((_, index) => index);
    const { settled, underWay } = settledAndUnderWay(series);
    const data: uPlot.AlignedData = [
      xs,
      settled,
      ...(series.comparison ? [series.comparison] : []),
      ...(underWay ? [underWay] : []),
    ];
    const accent = themeColour('--accent');
    // The legend reads the range's own values: the bucket under way's too, none for those to come.
    const rangeValue = (index: number | null) =>
      index === null || (series.inProgress !== undefined && index > series.inProgress)
        ? null
        : series.current[index];
    const text = themeColour('--muted');
    const notesAt = new Map(marks?.map((mark) => [mark.index, mark.notes.join(' · ')]));
    const noteColour = themeColour('--note');
    const grid = themeColour('--border');
    const axis = {
      font: AXIS_FONT,
      stroke: text,
      grid: { stroke: grid, width: 1 },
      ticks: { stroke: grid, width: 1 },
    };
    const chart = new uPlot(
      {
        width: element.clientWidth,
        height: CHART_HEIGHT,
        legend: { show: true },
        cursor: { drag: { x: false, y: false } },
        hooks: {
          setCursor: [(chart) => legendValues(chart, chart.cursor.idx != null)],
          draw: [(chart) => marks && drawMarks(chart, marks, noteColour)],
        },
        scales: { x: { time: false }, y: { range: (_, __, max) => [0, valueAxisTop(max, scale)] } },
        axes: [
          {
            ...axis,
            incrs: BUCKET_STEPS,
            space: tickSpace(series.ticks, labelWidth()),
            values: (_, splits) => splits.map((index) => series.ticks[index] ?? ''),
          },
          {
            ...axis,
            size: 64,
            splits: (_, __, ___, top) => valueAxisSplits(top, scale.steps),
            values: (_, splits) => splits.map(scale.axis),
          },
        ],
        series: [
          {
            label: 'Date',
            value: (_, __, ___, index) => {
              if (index === null) return '';
              const notes = notesAt.get(index);
              return notes ? `${series.titles[index] ?? ''} — ${notes}` : (series.titles[index] ?? '');
            },
          },
          {
            label,
            stroke: accent,
            width: 2,
            fill: themeColour('--accent-fill'),
            value: (_, __, ___, index) => {
              const value = rangeValue(index);
              return value === null || value === undefined ? NOTHING : scale.value(value);
            },
          },
          ...(series.comparison
            ? [
                {
                  label: comparisonLabel,
                  stroke: text,
                  width: 1.5,
                  dash: [6, 4],
                  value: (_: uPlot, value: number | null, __: number, index: number | null) => {
                    const title = index === null ? null : series.comparisonTitles?.[index];
                    if (value === null) return NOTHING;
                    return title ? `${scale.value(value)} (${title})` : scale.value(value);
                  },
                },
              ]
            : []),
          // Its legend row is hidden (app.css): the range's own row gives the bucket's value.
          ...(underWay
            ? [{ label: `${label} so far`, class: 'in-progress', stroke: accent, width: 2, dash: [4, 4] }]
            : []),
        ],
      },
      data,
      element,
    );
    legendValues(chart, false);
    const resize = new ResizeObserver(() =>
      chart.setSize({ width: element.clientWidth, height: CHART_HEIGHT }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [series, scale, label, theme, comparisonLabel, marks]);

  return <div className="time-chart" ref={container} role="img" aria-label={summary} />;
}
