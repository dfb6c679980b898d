import { useMemo } from 'react';
import { LineChart, type LineSeries } from '../shared/LineChart';
import { percentScale } from '../shared/chart-scale';
import { formatCount, formatPercent } from '../shared/format';
import type { RetentionReport } from './api';
import { PERIOD_LABELS, retentionCurve, type CurvePoint } from './retention-data';

const PERCENTS = percentScale();

interface RetentionCurveProps {
  report: RetentionReport;
  /** The site's date: its period is under way. */
  today: string;
}

/**
 * The grid in one line: the average share of a cohort back in each period after its first visit (retentionCurve),
 * the comparison range's beside it. Nothing where the grid has a single period.
 */
export function RetentionCurve({ report, today }: RetentionCurveProps) {
  const unit = PERIOD_LABELS[report.period];
  const { series, summary } = useMemo(() => {
    const points = retentionCurve(report.cohorts, report.period, today);
    const previous = report.comparison ? retentionCurve(report.comparison.cohorts, report.period, today) : [];
    const previousAt = (offset: number) => previous.find((point) => point.offset === offset);
    const underWay = points.findIndex((point) => point.inProgress);
    const series: LineSeries = {
      ticks: points.map((point) => `${unit} ${point.offset}`),
      titles: points.map((point) => `${unit} ${point.offset}: ${cohortsOf(point)}`),
      current: points.map((point) => point.percent),
      ...(report.comparison && {
        comparison: points.map((point) => previousAt(point.offset)?.percent ?? null),
        comparisonTitles: points.map((point) => {
          const before = previousAt(point.offset);
          return before ? cohortsOf(before) : null;
        }),
      }),
      ...(underWay !== -1 && { inProgress: underWay }),
    };
    const summary = `Average retention by ${unit.toLowerCase()} after the first visit: ${points
      .map(
        (point) =>
          `${unit} ${point.offset} ${formatPercent(point.percent)}${point.inProgress ? ' so far' : ''}`,
      )
      .join(', ')}`;
    return { series, summary };
  }, [report, today, unit]);
  if (series.ticks.length < 2) return null;
  return (
    <section className="retention-curve" aria-labelledby="retention-curve-heading">
      <h3 id="retention-curve-heading">Average retention</h3>
      <p className="retention-curve-note">
        The share of visitors back in each {unit.toLowerCase()} after their first, over every cohort that has
        that {unit.toLowerCase()} behind it, weighted by its size.
      </p>
      <LineChart series={series} scale={PERCENTS} label="Returning" summary={summary} />
    </section>
  );
}

/** A point's cohorts in words: "4 cohorts, 6,165 visitors". */
const cohortsOf = (point: CurvePoint) =>
  `${formatCount(point.cohorts)} ${point.cohorts === 1 ? 'cohort' : 'cohorts'}, ${formatCount(point.visitors)} visitors`;
