import { REPORT_DIMENSIONS } from '../../../config/src/report-dimensions.js';
import { valueLabel, type Dimension } from '../reports/dimension-labels.js';
import { barShare } from '../shared/bar-share.js';
import type { BreakdownRow, MetricValues } from './api.js';
import type { OverviewMetricName } from './overview-data.js';

/**
 * A card's tab: a dimension of the API, listed, or (countries) drawn on a world map, or (a property's values) of
 * the custom property chosen on the tab.
 */
export interface BreakdownTab {
  dimension: Dimension;
  label: string;
  view?: 'map' | 'property';
}

/** A breakdown card: a title and its tabs. */
export interface BreakdownCardSpec {
  title: string;
  tabs: BreakdownTab[];
}

export const BREAKDOWN_CARDS: BreakdownCardSpec[] = [
  {
    title: 'Pages',
    tabs: [
      { dimension: 'page', label: 'Top pages' },
      { dimension: 'entry_page', label: 'Entry pages' },
      { dimension: 'exit_page', label: 'Exit pages' },
    ],
  },
  {
    title: 'Sources',
    tabs: [
      { dimension: 'referrer_source', label: 'Sources' },
      { dimension: 'channel', label: 'Channels' },
      { dimension: 'utm_source', label: 'UTM source' },
      { dimension: 'utm_medium', label: 'UTM medium' },
      { dimension: 'utm_campaign', label: 'UTM campaign' },
    ],
  },
  {
    title: 'Locations',
    tabs: [
      { dimension: 'country', label: 'Countries' },
      { dimension: 'country', label: 'Map', view: 'map' },
      { dimension: 'region', label: 'Regions' },
      { dimension: 'city', label: 'Cities' },
    ],
  },
  {
    title: 'Devices',
    tabs: [
      { dimension: 'device', label: 'Devices' },
      { dimension: 'browser', label: 'Browsers' },
      { dimension: 'os', label: 'Operating systems' },
    ],
  },
  { title: 'Languages', tabs: [{ dimension: 'language', label: 'Languages' }] },
  {
    title: 'Events',
    tabs: [
      { dimension: 'event_name', label: 'Events' },
      { dimension: 'prop_value', label: 'Properties', view: 'property' },
    ],
  },
];

/**
 * The columns a card's detail view adds after its visitors, as Plausible's details do. A visit dimension's rows
 * are whole visits: how they went. An event dimension's rows are the events with that value (a page's views), so
 * their visits and how often they happened, not a bounce rate or duration of their own.
 */
export function detailMetrics(dimension: Dimension): OverviewMetricName[] {
  if (REPORT_DIMENSIONS[dimension].level === 'visit') {
    return ['visits', 'pageviews', 'bounce_rate', 'visit_duration'];
  }
  return dimension === 'event_name' || dimension === 'prop_value'
    ? ['visits', 'events']
    : ['visits', 'pageviews'];
}

export type BreakdownSort = 'value' | 'visitors';

export interface BreakdownLine {
  value: string;
  label: string;
  visitors: number;
  /** The row's bar: its visitors in percent of the largest row's (barShare). */
  share: number;
  /** Percent change of visitors against the comparison period: null against none then, undefined without one. */
  change: number | null | undefined;
  /** Every metric the row answers (a detail view's columns: detailMetrics). */
  metrics: MetricValues;
}

/**
 * The rows to show: those whose label or value contains `search` (case-insensitive; "DE" finds Germany), sorted by visitors (most first)
 * or by value (A–Z), each with its bar's length.
 */
export function breakdownLines(
  rows: BreakdownRow[],
  dimension: Dimension,
  search: string,
  sort: BreakdownSort,
): BreakdownLine[] {
  const needle = search.trim().toLowerCase();
  const max = Math.max(1, ...rows.map((row) => row.metrics.visitors ?? 0));
  const lines = rows
    .map((row) => ({
      value: row.value,
      label: valueLabel(dimension, row.value),
      visitors: row.metrics.visitors ?? 0,
      share: barShare(row.metrics.visitors ?? 0, max),
      change: row.comparison
        ? percentChange(row.metrics.visitors ?? 0, row.comparison.visitors ?? 0)
        : undefined,
      metrics: row.metrics,
    }))
    .filter((line) => `${line.label}\n${line.value}`.toLowerCase().includes(needle));
  return sort === 'value'
    ? lines.sort((a, b) => a.label.localeCompare(b.label))
    : lines.sort((a, b) => b.visitors - a.visitors || a.label.localeCompare(b.label));
}

/** As the API computes the overview's change: percent, rounded to one decimal; null against 0. */
export function percentChange(current: number, compared: number): number | null {
  return compared === 0 ? null : Math.round(((current - compared) / compared) * 1000) / 10;
}
