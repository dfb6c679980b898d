import { DIMENSION_NAMES, LINK_OPERATORS, parseLinkCondition, type LinkCondition } from '@sluice/config';
import { addDays, daysInRange, localDateOf } from '../common/calendar.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { isCalendarDate } from '../common/calendar.js';
import type { DateRange, Interval } from '../reports/query/report-query.js';
import { INTERVALS } from '../reports/query/report-query.js';
import { METRIC_NAMES } from '../reports/query/metrics.js';
import { intervalFits } from '../reports/query/zoned-buckets.js';

/**
 * A report view as the panel writes it into its URL (frontend/src/routing/report-view.ts): `period`
 * (`today`, `7d`, `30d`, `month`, or `custom` with `from` and `to`), `compare` (`previous` or `none`),
 * `filter=dimension:value` or `filter=dimension:operator:value` (repeated; config/src/filter-conditions.ts), `metric` and `interval` of the time chart. A page's own options
 * (a funnel's steps…) are kept in the stored query string for the panel and ignored here.
 */
export const PERIODS = ['today', '7d', '30d', 'month', 'custom'] as const;
type Period = (typeof PERIODS)[number];

export interface SavedView {
  period: Period;
  custom: DateRange | undefined;
  compare: boolean;
  filters: LinkCondition[];
  metric: string;
  interval: Interval;
}

/** The panel's defaults: a parameter left out of the query string has this value. */
const DEFAULTS = { period: '7d', compare: 'previous', metric: 'visitors', interval: 'day' } as const;

const refuse = (rule: string): never => {
  throw new DomainError(ErrorCode.Validation, `query: ${rule}`);
};

const oneOf = <T extends string>(name: string, list: readonly T[], value: string): T =>
  list.find((candidate) => candidate === value) ??
  refuse(`${name} must be one of ${list.join(', ')}, not "${value}"`);

/** The view of a stored query string; a 400 naming the parameter when one breaks its rule. */
export function parseSavedView(query: string): SavedView {
  const search = new URLSearchParams(query);
  const period = oneOf('period', PERIODS, search.get('period') ?? DEFAULTS.period);
  let custom: DateRange | undefined;
  if (period === 'custom') {
    const from = search.get('from') ?? '';
    const to = search.get('to') ?? '';
    if (!isCalendarDate(from) || !isCalendarDate(to) || to < from)
      refuse('a custom period needs from and to, days (YYYY-MM-DD) with to not before from');
    custom = { from, to };
  }
  const filters = search
    .getAll('filter')
    .map(
      (text) =>
        parseLinkCondition(text) ??
        refuse(
          `filter must be dimension:value or dimension:operator:value, with a dimension of ${DIMENSION_NAMES.join(', ')} ` +
            `and an operator of ${LINK_OPERATORS.join(', ')} that the dimension takes`,
        ),
    );
  return {
    period,
    custom,
    compare: oneOf('compare', ['previous', 'none'], search.get('compare') ?? DEFAULTS.compare) === 'previous',
    filters,
    metric: oneOf('metric', METRIC_NAMES, search.get('metric') ?? DEFAULTS.metric),
    interval: oneOf('interval', INTERVALS, search.get('interval') ?? DEFAULTS.interval),
  };
}

/** The days a view covers at `now` in the site's zone: presets end today, `month` is this month so far. */
export function viewRange(view: SavedView, timeZone: string, now: number): DateRange {
  const today = localDateOf(now, timeZone);
  const lastDays = (days: number) => ({ from: addDays(today, 1 - days), to: today });
  switch (view.period) {
    case 'today':
      return lastDays(1);
    case '30d':
      return lastDays(30);
    case 'month':
      return { from: `${today.slice(0, 8)}01`, to: today };
    case 'custom':
      return view.custom ?? lastDays(7);
    case '7d':
      return lastDays(7);
  }
}

/** What every report route takes, for the view at `now`: as the panel asks for the same view. */
export function viewReportParams(view: SavedView, timeZone: string, now: number) {
  const range = viewRange(view, timeZone, now);
  const days = daysInRange(range.from, range.to);
  return {
    from: range.from,
    to: range.to,
    ...(view.compare && { compareFrom: addDays(range.from, -days), compareTo: addDays(range.from, -1) }),
    ...(view.filters.length > 0 && {
      filters: JSON.stringify(view.filters),
    }),
  };
}

/** The chart's interval, or `day` where the saved one doesn't fit the range (the panel draws days then). */
export const chartInterval = (view: SavedView, range: DateRange): Interval =>
  intervalFits(range, view.interval) ? view.interval : 'day';
