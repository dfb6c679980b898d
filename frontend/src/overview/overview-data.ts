import { formatChange, formatCount, formatDuration, formatNumber, formatPercent } from '../shared/format.js';
import type { MetricValues, OverviewReport } from './api.js';

/** The overview's metrics, in the order of its cards. */
export const OVERVIEW_METRICS = [
  'visitors',
  'visits',
  'pageviews',
  'views_per_visit',
  'bounce_rate',
  'visit_duration',
  'events',
] as const satisfies readonly (keyof MetricValues)[];
export type OverviewMetricName = (typeof OVERVIEW_METRICS)[number];

export const METRIC_LABELS: Record<OverviewMetricName, string> = {
  visitors: 'Unique visitors',
  visits: 'Visits',
  pageviews: 'Pageviews',
  views_per_visit: 'Views per visit',
  bounce_rate: 'Bounce rate',
  visit_duration: 'Visit duration',
  events: 'Events',
};

const GOAL_METRIC_LABELS: Record<string, string> = {
  conversions: 'Conversions',
  conversion_rate: 'Conversion rate',
};

/** Any metric's name as people read it: the overview's, and a goal's conversions and rate. */
export const metricLabel = (metric: string) =>
  isOverviewMetric(metric) ? METRIC_LABELS[metric] : (GOAL_METRIC_LABELS[metric] ?? metric);

/** Metrics where a fall is the good news. */
const LOWER_IS_BETTER: ReadonlySet<OverviewMetricName> = new Set(['bounce_rate']);

export const isOverviewMetric = (name: string): name is OverviewMetricName =>
  (OVERVIEW_METRICS as readonly string[]).includes(name);

export interface MetricCard {
  /** The metric a card charts when chosen; none for a figure of another report (a page's time on page). */
  metric?: OverviewMetricName;
  label: string;
  value: string;
  /** "+12%", "−5%", "0%"; undefined without a comparison, "—" against nothing in the comparison. */
  change: string | undefined;
  /** Whether the change is good news, bad news or neither, for its colour. */
  trend: 'better' | 'worse' | 'flat';
  /** Its figure is on its way (a report asked apart from the overview). */
  loading?: boolean;
}

/**
 * A change's news: a change that formatChange writes as "0%" (or "—") is neither good nor bad, whatever its
 * sign; otherwise a rise is good news unless `lowerIsBetter`.
 */
export function changeTrend(change: number | null | undefined, lowerIsBetter: boolean): MetricCard['trend'] {
  if (!change || Math.abs(change) < 0.5) return 'flat';
  return change < 0 === lowerIsBetter ? 'better' : 'worse';
}

/** The cards of the visits as a whole, which a page filter leaves out: the page's reading takes their place. */
const WHOLE_VISITS: ReadonlySet<OverviewMetricName> = new Set(['views_per_visit', 'visit_duration']);

/** The overview's metric cards; `byPage`, filtered by page, without those of the visits as a whole. */
export function metricCards(overview: OverviewReport, locale?: string, byPage = false): MetricCard[] {
  return OVERVIEW_METRICS.filter((metric) => !byPage || !WHOLE_VISITS.has(metric)).map((metric) => {
    const change = overview.change?.[metric];
    return {
      metric,
      label: METRIC_LABELS[metric],
      value: formatMetric(metric, overview.metrics[metric], locale),
      change: overview.change ? formatChange(change, locale) : undefined,
      trend: changeTrend(change, LOWER_IS_BETTER.has(metric)),
    };
  });
}

/** A metric's value as people read it: counts grouped, the bounce rate in percent, durations in m and s. */
export function formatMetric(metric: string, value: number | undefined, locale?: string): string {
  if (value === undefined) return '—';
  switch (metric) {
    case 'views_per_visit':
      return formatNumber(value, 2, locale);
    case 'bounce_rate':
    case 'conversion_rate':
      return formatPercent(value, locale);
    case 'visit_duration':
      return formatDuration(value, locale);
    default:
      return formatCount(value, locale);
  }
}

export function isEmptyOverview(overview: OverviewReport): boolean {
  return !overview.metrics.visitors && !overview.metrics.pageviews && !overview.metrics.events;
}
