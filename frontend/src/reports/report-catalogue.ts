import { comparisonRange, periodRange, reportViewSearch, type ReportView } from '../routing/report-view.js';
import { todayIn } from '../date-range/date-range.js';
import type { ReportRequest } from './report-request.js';

/**
 * A site's report pages by their path segment (`/sites/:id/<key>`), with their tabs' titles, in the tabs'
 * order. What links, tabs and saved widgets need of a page; its view is in report-pages.ts, which loads it.
 */
export const REPORT_TITLES = {
  overview: 'Overview',
  ask: 'Ask',
  goals: 'Goals',
  funnels: 'Funnels',
  retention: 'Retention',
  paths: 'Paths',
  heatmap: 'Heatmap',
  actions: 'Actions',
  errors: 'Errors',
  vitals: 'Web vitals',
  realtime: 'Realtime',
  events: 'Events',
  health: 'Ingest health',
  alerts: 'Alerts',
  dashboards: 'Dashboards',
  flags: 'Flags',
} as const;

export type ReportKey = keyof typeof REPORT_TITLES;

export const REPORT_KEYS = Object.keys(REPORT_TITLES) as ReportKey[];

export const isReportKey = (key: string | undefined): key is ReportKey =>
  REPORT_KEYS.some((candidate) => candidate === key);

/**
 * Pages whose answers carry their own period (Ask's, each dashboard widget's), or that show the site as it is
 * now (realtime, ingest health) or its settings (alerts, flags): the period, comparison and filters of the other
 * pages do not apply there, so those pages show no controls for them.
 */
const OWN_PERIOD: ReadonlySet<ReportKey> = new Set([
  'ask',
  'realtime',
  'health',
  'alerts',
  'dashboards',
  'flags',
]);

/** Whether the page `key` follows the view's period and filters. */
export const followsPeriod = (key: ReportKey) => !OWN_PERIOD.has(key);

/**
 * Pages whose view is not a report to save or share: Ask saves each answer on its own, a dashboard is shared
 * from its page, and alerts and flags are settings.
 */
const UNSAVED: ReadonlySet<ReportKey> = new Set(['ask', 'dashboards', 'alerts', 'flags']);

/** Whether the page `key` offers "Add to dashboard" and "Share this view". */
export const savesView = (key: ReportKey) => !UNSAVED.has(key);

/** Pages that draw the comparison period beside the period's numbers; the others compare nothing. */
const COMPARED: ReadonlySet<ReportKey> = new Set(['overview', 'goals', 'funnels', 'actions']);

/** Whether the page `key` follows the view's comparison: the others neither ask for it nor offer it. */
export const followsComparison = (key: ReportKey) => COMPARED.has(key);

/**
 * What the page `key` (a widget's may be one this panel does not know) asks the reports for under `view` at
 * `now`: the view's days and filters, and its comparison only where the page draws one.
 */
export function pageRequest(
  key: string,
  view: ReportView,
  site: { id: number; timezone: string },
  now: Date,
): ReportRequest {
  const range = periodRange(view, site.timezone, now);
  const compared = isReportKey(key) && followsComparison(key);
  return {
    siteId: site.id,
    range,
    comparison: compared ? comparisonRange(view, range) : undefined,
    filters: view.filters,
    live: range.to >= todayIn(site.timezone, now),
  };
}

/** A page's title, or the key itself for a page this panel does not know (a widget saved by a newer one). */
export const reportTitle = (key: string) => (isReportKey(key) ? REPORT_TITLES[key] : key);

/** The link to a site's report page with `view` (its range, comparison and filters; no page options). */
export function reportPath(siteId: number, key: string, view: ReportView | string): string {
  const search = typeof view === 'string' ? view : reportViewSearch(view);
  return `/sites/${siteId}/${key}${search ? `?${search}` : ''}`;
}
