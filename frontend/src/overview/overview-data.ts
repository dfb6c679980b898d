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

/** Metrics where a fall is the good news. */
const LOWER_IS_BETTER: ReadonlySet<OverviewMetricName> = new Set(['bounce_rate']);

export const isOverviewMetric = (name: string): name is OverviewMetricName =>
  (OVERVIEW_METRICS as readonly string[]).includes(name);

export interface MetricCard {
  metric: OverviewMetricName;
  label: string;
  value: string;
  /** "+12%", "−5%", "0%"; undefined without a comparison, "—" against nothing in the comparison. */
  change: string | undefined;
  /** Whether the change is good news, bad news or neither, for its colour. */
  trend: 'better' | 'worse' | 'flat';
}

export function metricCards(overview: OverviewReport, locale?: string): MetricCard[] {
  return OVERVIEW_METRICS.map((metric) => {
    const change = overview.change?.[metric];
    const better = LOWER_IS_BETTER.has(metric) ? (change ?? 0) < 0 : (change ?? 0) > 0;
    return {
      metric,
      label: METRIC_LABELS[metric],
      value: formatMetric(metric, overview.metrics[metric], locale),
      change: overview.change ? formatChange(change, locale) : undefined,
      trend: !change ? 'flat' : better ? 'better' : 'worse',
    };
  });
}

/** A percent change with its sign ("+12%", "−5%"); null (against 0 in the comparison): "—". */
export function formatChange(change: number | null | undefined, locale?: string): string {
  if (change === null || change === undefined) return '—';
  const percent = new Intl.NumberFormat(locale, {
    style: 'percent',
    signDisplay: 'exceptZero',
    maximumFractionDigits: 0,
  });
  // A true minus sign, as wide as the plus, so a column of changes lines up.
  return percent.format(change / 100).replace('-', '−');
}

/** A metric's value as people read it: counts grouped, the bounce rate in percent, durations in m and s. */
export function formatMetric(metric: string, value: number | undefined, locale?: string): string {
  if (value === undefined) return '—';
  switch (metric) {
    case 'views_per_visit':
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
    case 'bounce_rate':
    case 'conversion_rate':
      return formatPercent(value, locale);
    case 'visit_duration':
      return formatDuration(value);
    default:
      return formatCount(value, locale);
  }
}

/** Seconds as "1h 02m", "3m 05s" or "42s". */
export function formatDuration(seconds: number): string {
  const whole = Math.round(seconds);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (whole >= 3600) return `${Math.floor(whole / 3600)}h ${pad(Math.floor((whole % 3600) / 60))}m`;
  if (whole >= 60) return `${Math.floor(whole / 60)}m ${pad(whole % 60)}s`;
  return `${whole}s`;
}

export function isEmptyOverview(overview: OverviewReport): boolean {
  return !overview.metrics.visitors && !overview.metrics.pageviews && !overview.metrics.events;
}

/** A count with the reader's digit grouping: 1234567 → "1,234,567" in English. */
export function formatCount(count: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(count);
}

/** A percent as the API gives it (0–100, one decimal) in the reader's format: 66.7 → "66.7%". */
export function formatPercent(percent: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(percent / 100);
}
