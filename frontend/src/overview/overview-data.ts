import type { OverviewReport } from './api';

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

/** A count with the reader's digit grouping: 1234567 → "1,234,567" in English. */
export function formatCount(count: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(count);
}
