import {
  comparisonDays,
  periodDays,
  VIEW_COMPARISONS,
  VIEW_PERIODS,
  type ViewComparison,
  type ViewPeriod,
} from '../../../config/src/view-periods.js';
import { todayIn, type DateRange } from '../date-range/date-range.js';
import { parseCondition, writeCondition, type Condition } from '../reports/conditions.js';

/**
 * What a report page shows, all of it in the URL's query string so that every view is a link that reopens
 * exactly and back/forward step through views. Pure: parsing and writing the query string, and the dates a
 * view stands for on a given day. Its periods and comparisons, and their days, are the backend's for a saved
 * view (config/src/view-periods.ts).
 */
export interface ReportView {
  period: ViewPeriod;
  /** The dates of a `custom` period; ignored otherwise. */
  custom: DateRange | undefined;
  comparison: ViewComparison;
  /** The filter bar's conditions, all of which must hold. */
  filters: Condition[];
  /** The time chart's metric, and its granularity ('' for the one the range is best drawn in). */
  metric: string;
  interval: string;
}

export const DEFAULT_VIEW: ReportView = {
  period: '7d',
  custom: undefined,
  comparison: 'previous',
  filters: [],
  metric: 'visitors',
  interval: '',
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const oneOf = <T extends string>(list: readonly T[], value: string | null, fallback: T): T =>
  list.find((candidate) => candidate === value) ?? fallback;

/** A query string's view; anything missing or unknown is the default (a hand-edited link still opens). */
export function parseReportView(search: URLSearchParams): ReportView {
  const from = search.get('from') ?? '';
  const to = search.get('to') ?? '';
  const custom = DATE.test(from) && DATE.test(to) && from <= to ? { from, to } : undefined;
  const period = oneOf(VIEW_PERIODS, search.get('period'), DEFAULT_VIEW.period);
  return {
    period: period === 'custom' && !custom ? DEFAULT_VIEW.period : period,
    custom: period === 'custom' ? custom : undefined,
    comparison: oneOf(VIEW_COMPARISONS, search.get('compare'), DEFAULT_VIEW.comparison),
    filters: search.getAll('filter').flatMap(parseCondition),
    metric: search.get('metric') || DEFAULT_VIEW.metric,
    interval: search.get('interval') || DEFAULT_VIEW.interval,
  };
}

/** The query parameters a view is written to; a page's own options (a funnel's steps…) are the others. */
const VIEW_PARAMETERS = ['period', 'from', 'to', 'compare', 'filter', 'metric', 'interval'];

/**
 * `search` with its view replaced by `view` and its page options kept: changing the period on a funnel
 * page keeps the funnel's steps.
 */
export function withView(search: URLSearchParams, view: ReportView): string {
  const next = new URLSearchParams(reportViewSearch(view));
  for (const [name, value] of search) if (!VIEW_PARAMETERS.includes(name)) next.append(name, value);
  return next.toString();
}

/** A page's options, changed in `search`: a list sets every value of a name, `undefined` removes it. */
export type PageOptionChanges = Record<string, string | string[] | undefined>;

export function withPageOptions(search: URLSearchParams, changes: PageOptionChanges): string {
  const next = new URLSearchParams(search);
  for (const [name, value] of Object.entries(changes)) {
    if (VIEW_PARAMETERS.includes(name)) throw new Error(`"${name}" belongs to the report view`);
    next.delete(name);
    for (const one of value === undefined ? [] : [value].flat()) next.append(name, one);
  }
  return next.toString();
}

/** The query string of a view, defaults left out so links stay short. */
export function reportViewSearch(view: ReportView): string {
  const search = new URLSearchParams();
  if (view.period !== DEFAULT_VIEW.period) search.set('period', view.period);
  if (view.period === 'custom' && view.custom) {
    search.set('from', view.custom.from);
    search.set('to', view.custom.to);
  }
  if (view.comparison !== DEFAULT_VIEW.comparison) search.set('compare', view.comparison);
  for (const filter of view.filters) search.append('filter', writeCondition(filter));
  if (view.metric !== DEFAULT_VIEW.metric) search.set('metric', view.metric);
  if (view.interval !== DEFAULT_VIEW.interval) search.set('interval', view.interval);
  return search.toString();
}

/** The days a view's period covers on `now`'s day in `timeZone`. */
export const periodRange = (view: ReportView, timeZone: string, now: Date): DateRange =>
  periodDays(view.period, view.custom, todayIn(timeZone, now));

/** The days a view compares its range with; none when it compares with nothing. */
export const comparisonRange = (view: ReportView, range: DateRange): DateRange | undefined =>
  comparisonDays(view.comparison, range);
