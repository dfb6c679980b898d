import type { Vital, VitalsDimension, VitalsRow } from './api.js';
import { formatDecimal } from '../shared/format.js';

export const VITALS = ['lcp', 'inp', 'cls'] as const;
export type VitalName = (typeof VITALS)[number];

interface VitalInfo {
  short: string;
  name: string;
  /** Google's Core Web Vitals thresholds: good up to `good` (included), poor above `poor`. */
  good: number;
  poor: number;
}

export const VITAL_INFO: Record<VitalName, VitalInfo> = {
  lcp: { short: 'LCP', name: 'Largest Contentful Paint', good: 2500, poor: 4000 },
  inp: { short: 'INP', name: 'Interaction to Next Paint', good: 200, poor: 500 },
  cls: { short: 'CLS', name: 'Cumulative Layout Shift', good: 0.1, poor: 0.25 },
};

export type Rating = 'good' | 'needs-improvement' | 'poor' | 'none';

export const RATING_LABELS: Record<Rating, string> = {
  good: 'Good',
  'needs-improvement': 'Needs improvement',
  poor: 'Poor',
  none: 'Not measured',
};

/** A p75's rating by the thresholds, as the API rates each sample; `none` without samples. */
export function vitalRating(vital: VitalName, p75: number | null): Rating {
  if (p75 === null) return 'none';
  const { good, poor } = VITAL_INFO[vital];
  return p75 <= good ? 'good' : p75 <= poor ? 'needs-improvement' : 'poor';
}

/** LCP in seconds ("2.35 s"), INP in milliseconds ("180 ms"), CLS unitless ("0.05"); "—" without samples. */
export function formatVital(vital: VitalName, p75: number | null, locale?: string): string {
  if (p75 === null) return '—';
  const number = (value: number, digits: number) => formatDecimal(value, digits, locale);
  if (vital === 'lcp') return `${number(p75 / 1000, 2)} s`;
  if (vital === 'inp') return `${number(p75, 0)} ms`;
  return number(p75, 2);
}

/** The samples' shares by rating, for the stacked bar and its legend, in percent (two decimals, as the API). */
export const ratingShares = (vital: Vital): Array<{ rating: Exclude<Rating, 'none'>; percent: number }> => [
  { rating: 'good', percent: vital.good },
  { rating: 'needs-improvement', percent: vital.needsImprovement },
  { rating: 'poor', percent: vital.poor },
];

export const VITALS_DIMENSIONS = ['page', 'device'] as const satisfies readonly VitalsDimension[];

export const DIMENSION_LABELS: Record<VitalsDimension, string> = { page: 'Page', device: 'Device' };

/** The `by` option of the URL; pages unless it asks for devices. */
export const vitalsDimension = (value: string | null): VitalsDimension =>
  VITALS_DIMENSIONS.find((dimension) => dimension === value) ?? 'page';

/** The table's columns: the value A–Z, page views measured most first, each vital's p75 worst first. */
export const VITALS_SORTS = ['value', 'engagements', ...VITALS] as const;
export type VitalsSort = (typeof VITALS_SORTS)[number];

/** The `sort` option of the URL; most page views measured (the API's order) when missing or unknown. */
export const vitalsSort = (value: string | null): VitalsSort =>
  VITALS_SORTS.find((sort) => sort === value) ?? 'engagements';

export const vitalsSortDirection = (sort: VitalsSort) => (sort === 'value' ? 'ascending' : 'descending');

/** The rows in the order of `sort`; a vital without samples goes last, whichever vital sorts. */
export function vitalsRows(rows: VitalsRow[], sort: VitalsSort): VitalsRow[] {
  const order = (a: VitalsRow, b: VitalsRow) => {
    if (sort === 'value') return a.value.localeCompare(b.value);
    if (sort === 'engagements') return b.engagements - a.engagements;
    return (b[sort].p75 ?? -1) - (a[sort].p75 ?? -1);
  };
  return [...rows].sort(order);
}
