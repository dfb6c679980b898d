import {
  chartInterval as viewChartInterval,
  comparisonDays,
  MAX_FUNNEL_STEPS,
  MIN_FUNNEL_STEPS,
  parseFunnelLink,
  LINK_CONDITION_RULE,
  parseLinkCondition,
  periodDays,
  VIEW_COMPARISONS,
  VIEW_PERIODS,
  type LinkCondition,
  type ViewComparison,
  type ViewPeriod,
} from '@sluice/config';
import { localDateOf } from '../common/calendar.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { isCalendarDate } from '../common/calendar.js';
import type { DateRange, Interval } from '../reports/query/report-query.js';
import { INTERVALS } from '../reports/query/report-query.js';
import { METRIC_NAMES } from '../reports/query/metrics.js';

/**
 * A report view as the panel writes it into its URL (frontend/src/routing/report-view.ts): `period`
 * (config/src/view-periods.ts: `today`, `7d`, `last_month`…, or `custom` with `from` and `to`), `compare`
 * (`previous`, `year` or `none`), `filter=dimension:value` or `filter=dimension:operator:value` (repeated;
 * config/src/filter-conditions.ts), `metric` and `interval` of the time chart. A page's own options (a
 * funnel's steps…) are kept in the stored query string for the panel and ignored here.
 */
export interface SavedView {
  period: ViewPeriod;
  custom: DateRange | undefined;
  comparison: ViewComparison;
  filters: LinkCondition[];
  metric: string;
  /** The time chart's granularity; none for the one the range is best drawn in. */
  interval: Interval | undefined;
}

/** The panel's defaults: a parameter left out of the query string has this value. */
const DEFAULTS = { period: '7d', compare: 'previous', metric: 'visitors' } as const;

const refuse = (rule: string): never => {
  throw new DomainError(ErrorCode.Validation, `query: ${rule}`);
};

const oneOf = <T extends string>(name: string, list: readonly T[], value: string): T =>
  list.find((candidate) => candidate === value) ??
  refuse(`${name} must be one of ${list.join(', ')}, not "${value}"`);

/** The view of a stored query string; a 400 naming the parameter when one breaks its rule. */
export function parseSavedView(query: string): SavedView {
  const search = new URLSearchParams(query);
  const period = oneOf('period', VIEW_PERIODS, search.get('period') ?? DEFAULTS.period);
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
    .map((text) => parseLinkCondition(text) ?? refuse(`filter must be ${LINK_CONDITION_RULE}`));
  return {
    period,
    custom,
    comparison: oneOf('compare', VIEW_COMPARISONS, search.get('compare') ?? DEFAULTS.compare),
    filters,
    metric: oneOf('metric', METRIC_NAMES, search.get('metric') ?? DEFAULTS.metric),
    interval: search.has('interval') ? oneOf('interval', INTERVALS, search.get('interval') ?? '') : undefined,
  };
}

/** The days a view covers at `now` in the site's zone. */
export const viewRange = (view: SavedView, timeZone: string, now: number): DateRange =>
  periodDays(view.period, view.custom, localDateOf(now, timeZone));

/** What every report route takes, for the view at `now`: as the panel asks for the same view. */
export function viewReportParams(view: SavedView, timeZone: string, now: number) {
  const range = viewRange(view, timeZone, now);
  const comparison = comparisonDays(view.comparison, range);
  return {
    from: range.from,
    to: range.to,
    ...(comparison && { compareFrom: comparison.from, compareTo: comparison.to }),
    ...(view.filters.length > 0 && { filters: JSON.stringify(view.filters) }),
  };
}

/** The chart's interval, as the panel draws the view (config/src/view-periods.ts). */
export const chartInterval = (view: SavedView, range: DateRange): Interval =>
  viewChartInterval(view.interval, range);

/**
 * A funnel widget's funnel: its view's steps and window in the link format the funnels page writes
 * (config/src/funnel-link.ts), as the funnel route takes them (which checks each step). A 400 when the view
 * holds too few or too many readable steps.
 */
export function savedFunnel(query: string): { steps: string; window: number } {
  const { steps, window } = parseFunnelLink(new URLSearchParams(query));
  if (steps.length < MIN_FUNNEL_STEPS || steps.length > MAX_FUNNEL_STEPS)
    refuse(
      `a funnel widget's view needs ${MIN_FUNNEL_STEPS} to ${MAX_FUNNEL_STEPS} steps (step=page:/pricing, ` +
        `step=event:signup…), not ${steps.length}`,
    );
  return { steps: JSON.stringify(steps), window };
}
