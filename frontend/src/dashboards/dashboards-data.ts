import { comparisonWords } from '../reports/comparison-words.js';
import { conditionLabel } from '../reports/conditions.js';
import { dimensionLabel } from '../reports/dimension-labels.js';
import type { ReportRequest } from '../reports/report-request.js';
import { pageRequest } from '../reports/report-catalogue.js';
import { VIEW_PERIOD_LABELS } from '../../../config/src/view-periods.js';
import { parseReportView } from '../routing/report-view.js';
import { isOverviewMetric, type OverviewMetricName } from '../overview/overview-data.js';
import { chartInterval, type ChartInterval } from '../../../config/src/view-periods.js';
import type { Widget, WidgetKind } from './api.js';
import { formatDateRange } from '../shared/format.js';

/** What each kind of widget shows, as its picker and its card say it. */
export const WIDGET_KIND_LABELS: Record<WidgetKind, string> = {
  metrics: 'Metric cards',
  chart: 'Time chart',
  breakdown: 'Breakdown',
  funnel: 'Funnel',
  link: 'Link to the page',
};

/** The kinds a page's view may be saved as, its own first: a funnel only from the funnels page. */
export function widgetKindsFor(reportKey: string): WidgetKind[] {
  const kinds = Object.keys(WIDGET_KIND_LABELS) as WidgetKind[];
  return reportKey === 'funnels'
    ? ['funnel', ...kinds.filter((kind) => kind !== 'funnel')]
    : kinds.filter((kind) => kind !== 'funnel');
}

export const WIDGET_WIDTHS = [1, 2, 3] as const;

/** A widget's saved view as the reports take it: as its page asks (pageRequest), at `now`. */
export interface WidgetReport {
  request: ReportRequest;
  metric: OverviewMetricName;
  interval: ChartInterval;
}

export function widgetReport(widget: Widget, siteId: number, timeZone: string, now: Date): WidgetReport {
  const view = parseReportView(new URLSearchParams(widget.query));
  const request = pageRequest(widget.reportKey, view, { id: siteId, timezone: timeZone }, now);
  return {
    request,
    metric: isOverviewMetric(view.metric) ? view.metric : 'visitors',
    interval: chartInterval(view.interval, request.range),
  };
}

/** The saved view in words: "Last 30 days · Country is Germany", or its own dates when custom. */
export function viewCaption(query: string, locale?: string): string {
  const view = parseReportView(new URLSearchParams(query));
  const period =
    view.period === 'custom' && view.custom
      ? formatDateRange(view.custom, locale)
      : VIEW_PERIOD_LABELS[view.period];
  // The previous period is what a comparison is unless said otherwise: only last year's is named.
  const compared = view.comparison === 'year' ? [`against ${comparisonWords('year').phrase}`] : [];
  return [period, ...compared, ...view.filters.map(conditionLabel)].join(' · ');
}

/** A widget's heading: what it shows ("Visitors by country", "Metric cards") and of which page. */
export function widgetTitle(widget: Widget, pageTitle: string): string {
  if (widget.kind === 'breakdown' && widget.dimension) return `${dimensionLabel(widget.dimension)}`;
  if (widget.kind === 'link') return pageTitle;
  return WIDGET_KIND_LABELS[widget.kind];
}

/** The public page of a shared link's token, on this panel's origin. */
export const sharedLinkUrl = (origin: string, token: string) => `${origin}/shared/${token}`;

/** What an embedded shared page posts to the page framing it: its height in CSS pixels (EMBED_HEIGHT_MESSAGE). */
export const EMBED_HEIGHT_KEY = 'sluiceEmbedHeight';

/**
 * The HTML that embeds a shared link's page in any web page, as Plausible's embedded dashboards: its embedded
 * form (no header, the host's background) in an iframe as wide as its container, and a script that sets the
 * frame's height to the page's as the page posts it (the frame's own message only, by its window); without
 * scripts the frame keeps a dashboard's height of a few rows.
 */
export function embedSnippet(url: string): string {
  const src = `${url}?embed=true`;
  return (
    `<iframe src="${src}" title="Analytics dashboard" loading="lazy" ` +
    `style="width: 100%; height: 1600px; border: 0"></iframe>\n` +
    `<script>addEventListener("message", function (e) { ` +
    `var f = document.querySelector('iframe[src="${src}"]'); ` +
    `if (f && e.source === f.contentWindow && e.data && e.data.${EMBED_HEIGHT_KEY} > 0) ` +
    `f.style.height = e.data.${EMBED_HEIGHT_KEY} + "px"; });</script>`
  );
}
