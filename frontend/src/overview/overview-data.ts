import type { OverviewReport } from './api.js';

export interface OverviewMetric {
  label: string;
  value: string;
}

export function overviewMetrics(overview: OverviewReport, locale?: string): OverviewMetric[] {
  return [
    { label: 'Visitors', value: formatCount(overview.metrics.visitors, locale) },
    { label: 'Pageviews', value: formatCount(overview.metrics.pageviews, locale) },
  ];
}

export function isEmptyOverview(overview: OverviewReport): boolean {
  return overview.metrics.visitors === 0 && overview.metrics.pageviews === 0;
}

/** A count with the reader's digit grouping: 1234567 → "1,234,567" in English; a metric not answered: "—". */
export function formatCount(count: number | undefined, locale?: string): string {
  if (count === undefined) return '—';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(count);
}
