import { addDays, lastDays, todayIn, type DateRange } from '../date-range/date-range.js';
import { parseCondition, writeCondition, type Condition } from '../reports/conditions.js';

/**
 * What a report page shows, all of it in the URL's query string so that every view is a link that reopens
 * exactly and back/forward step through views. Pure: parsing and writing the query string, and the dates a
 * view stands for on a given day.
 */
export const PERIODS = ['today', '7d', '30d', 'month', 'custom'] as const;
export type Period = (typeof PERIODS)[number];

/** A period as the toolbar and a saved view's caption say it. */
export const PERIOD_LABELS: Record<Period, string> = {
  today: 'Today',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  month: 'This month',
  custom: 'Custom dates',
};

export const COMPARISONS = ['previous', 'none'] as const;
export type Comparison = (typeof COMPARISONS)[number];

export interface ReportView {
  period: Period;
  /** The dates of a `custom` period; ignored otherwise. */
  custom: DateRange | undefined;
  comparison: Comparison;
  /** The filter bar's conditions, all of which must hold. */
  filters: Condition[];
  /** The time chart's metric and granularity. */
  metric: string;
  interval: string;
}

export const DEFAULT_VIEW: ReportView = {
  period: '7d',
  custom: undefined,
  comparison: 'previous',
  filters: [],
  metric: 'visitors',
  interval: 'day',
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const oneOf = <T extends string>(list: readonly T[], value: string | null, fallback: T): T =>
  list.find((candidate) => candidate === value) ?? fallback;

/** A query string's view; anything missing or unknown is the default (a hand-edited link still opens). */
export function parseReportView(search: URLSearchParams): ReportView {
  const from = search.get('from') ?? '';
  const to = search.get('to') ?? '';
  const custom = DATE.test(from) && DATE.test(to) && from <= to ? { from, to } : undefined;
  const period = oneOf(PERIODS, search.get('period'), DEFAULT_VIEW.period);
  return {
    period: period === 'custom' && !custom ? DEFAULT_VIEW.period : period,
    custom: period === 'custom' ? custom : undefined,
    comparison: oneOf(COMPARISONS, search.get('compare'), DEFAULT_VIEW.comparison),
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

/** The days a period covers on `now`'s day in `timeZone`: presets end today; `month` is this month so far. */
export function periodRange(view: ReportView, timeZone: string, now: Date): DateRange {
  switch (view.period) {
    case 'today':
      return lastDays(1, timeZone, now);
    case '30d':
      return lastDays(30, timeZone, now);
    case 'month': {
      const today = todayIn(timeZone, now);
      return { from: `${today.slice(0, 8)}01`, to: today };
    }
    case 'custom':
      return view.custom ?? lastDays(7, timeZone, now);
    case '7d':
      return lastDays(7, timeZone, now);
  }
}

/** The period just before `range`, as many days long; none when the view compares with nothing. */
export function comparisonRange(view: ReportView, range: DateRange): DateRange | undefined {
  if (view.comparison === 'none') return undefined;
  const days = daysBetween(range.from, range.to) + 1;
  return { from: addDays(range.from, -days), to: addDays(range.from, -1) };
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}
