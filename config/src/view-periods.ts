/**
 * The periods and comparisons of a report view, as the panel's URL and a saved view (dashboard widget, shared
 * link) write them, and the days each covers given today's date in the site's zone. The panel draws its
 * toolbar from these and the backend answers saved views with them: one list, one calendar.
 */

/** `YYYY-MM-DD` days, both ends included. */
export interface DayRange {
  from: string;
  to: string;
}

export const VIEW_PERIODS = [
  'today',
  'yesterday',
  '7d',
  '30d',
  'month',
  'last_month',
  'year',
  '12mo',
  'custom',
] as const;
export type ViewPeriod = (typeof VIEW_PERIODS)[number];

/**
 * The periods an AI question may name that the panel has too, each with the panel's: an answer saved to a
 * dashboard keeps its period, and a question's days are the panel's for it.
 */
export const QUESTION_VIEW_PERIODS = {
  today: 'today',
  yesterday: 'yesterday',
  last_7_days: '7d',
  last_30_days: '30d',
  this_month: 'month',
  last_month: 'last_month',
} as const satisfies Record<string, ViewPeriod>;

/** How a toolbar and a saved view's caption name each period. */
export const VIEW_PERIOD_LABELS: Record<ViewPeriod, string> = {
  today: 'Today',
  yesterday: 'Yesterday',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  month: 'This month',
  last_month: 'Last month',
  year: 'This year',
  '12mo': 'Last 12 months',
  custom: 'Custom dates',
};

/** `previous`: as many days just before the period; `year`: the same days a year before. */
export const VIEW_COMPARISONS = ['previous', 'year', 'none'] as const;
export type ViewComparison = (typeof VIEW_COMPARISONS)[number];

export const VIEW_COMPARISON_LABELS: Record<ViewComparison, string> = {
  previous: 'Previous period',
  year: 'Same days last year',
  none: 'No comparison',
};

const MS_PER_DAY = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY;
const daysOf = (range: DayRange) => dayNumber(range.to) - dayNumber(range.from) + 1;

/** The day `days` calendar days after `date` (before it when negative). */
export const shiftDays = (date: string, days: number): string =>
  new Date((dayNumber(date) + days) * MS_PER_DAY).toISOString().slice(0, 10);

/** The same day of the month `months` months later (earlier when negative), the month's last where it is shorter. */
export function shiftMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

const monthStart = (date: string) => `${date.slice(0, 8)}01`;

/**
 * The first day of the day, week or month `date` falls in: itself, its week's Monday (weeks start on Monday,
 * as ClickHouse's toMonday), its month's first. Report buckets and retention periods are labelled by it.
 */
export function periodStart(date: string, period: 'day' | 'week' | 'month'): string {
  if (period === 'day') return date;
  if (period === 'month') return monthStart(date);
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  return shiftDays(date, -weekday);
}

/**
 * The days `period` covers when it is `today` in the site's zone: presets end today (or yesterday, or with
 * last month); this month and this year are so far; a custom period is its own days (the last 7 without them).
 */
export function periodDays(period: ViewPeriod, custom: DayRange | undefined, today: string): DayRange {
  const lastDays = (days: number) => ({ from: shiftDays(today, 1 - days), to: today });
  switch (period) {
    case 'today':
      return lastDays(1);
    case 'yesterday':
      return { from: shiftDays(today, -1), to: shiftDays(today, -1) };
    case '30d':
      return lastDays(30);
    case 'month':
      return { from: monthStart(today), to: today };
    case 'last_month': {
      const from = shiftMonths(monthStart(today), -1);
      return { from, to: shiftDays(monthStart(today), -1) };
    }
    case 'year':
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
    case '12mo':
      return { from: shiftMonths(monthStart(today), -11), to: today };
    case 'custom':
      return custom ?? lastDays(7);
    case '7d':
      return lastDays(7);
  }
}

/** The last day of the month `date` falls in. */
const monthEnd = (date: string) => shiftDays(shiftMonths(monthStart(date), 1), -1);

/** The presets that are so many days whatever their dates (the last 7 days on the 7th are not a month so far). */
const DAY_PERIODS: readonly ViewPeriod[] = ['today', 'yesterday', '7d', '30d'];

/**
 * The whole months a view covers, counting a month so far (ending today) as one; undefined for a range of days:
 * a preset of days, or dates that do not run from a month's first to a month's last (or to today).
 */
function monthsCovered(period: ViewPeriod, range: DayRange, today: string): number | undefined {
  if (
    DAY_PERIODS.includes(period) ||
    range.from !== monthStart(range.from) ||
    (range.to !== monthEnd(range.to) && range.to !== today)
  ) {
    return undefined;
  }
  const [fromYear, fromMonth] = range.from.split('-').map(Number);
  const [toYear, toMonth] = range.to.split('-').map(Number);
  return (toYear - fromYear) * 12 + toMonth - fromMonth + 1;
}

/**
 * The days just before (`step` -1) or after (+1) the days `range` of a view of `period`, as the toolbar's arrows
 * move it: whole months (this month so far, last month, this year, the last 12 months, or such custom dates) by
 * as many whole months, any other range by as many days; never past `today`. Undefined going later when the
 * range already reaches today: there is nothing after it yet.
 */
export function steppedDays(period: ViewPeriod, range: DayRange, step: -1, today: string): DayRange;
export function steppedDays(
  period: ViewPeriod,
  range: DayRange,
  step: 1,
  today: string,
): DayRange | undefined;
export function steppedDays(
  period: ViewPeriod,
  range: DayRange,
  step: -1 | 1,
  today: string,
): DayRange | undefined {
  if (step > 0 && range.to >= today) return undefined;
  const months = monthsCovered(period, range, today);
  const stepped = months === undefined ? daysBeside(range, step) : monthsBeside(range, months, step);
  return { from: stepped.from, to: stepped.to < today ? stepped.to : today };
}

/** The `months` whole months just before (`step` -1) or after (+1) those starting on `range`'s first day. */
function monthsBeside(range: DayRange, months: number, step: -1 | 1): DayRange {
  const from = shiftMonths(range.from, step * months);
  return { from, to: shiftDays(shiftMonths(from, months), -1) };
}

/** As many days as `range` just before (`step` -1) or after (+1) it. */
function daysBeside(range: DayRange, step: -1 | 1): DayRange {
  const days = step * daysOf(range);
  return { from: shiftDays(range.from, days), to: shiftDays(range.to, days) };
}

/** The days `range` is compared with; none when the view compares with nothing. */
export function comparisonDays(comparison: ViewComparison, range: DayRange): DayRange | undefined {
  switch (comparison) {
    case 'none':
      return undefined;
    case 'year':
      return { from: shiftMonths(range.from, -12), to: shiftMonths(range.to, -12) };
    case 'previous':
      return daysBeside(range, -1);
  }
}

/** The time chart's granularities, and the longest range each may cover (within the API's limits). */
export const CHART_INTERVALS = ['hour', 'day', 'week', 'month'] as const;
export type ChartInterval = (typeof CHART_INTERVALS)[number];

const CHART_MAX_DAYS: Record<ChartInterval, number> = { hour: 92, day: 366, week: 366, month: 366 };

/** Ranges longer than this are drawn by months unless a granularity is chosen: a year has twelve points, not 365. */
const DAILY_UP_TO_DAYS = 92;

/** The granularities a range can be drawn in. */
export const chartIntervalsFor = (range: DayRange): ChartInterval[] =>
  CHART_INTERVALS.filter((interval) => daysOf(range) <= CHART_MAX_DAYS[interval]);

/**
 * The granularity a range is drawn in: the one chosen where the range allows it; otherwise, or with none
 * chosen, hours for a single day, days up to three months, months beyond.
 */
export function chartInterval(chosen: string | undefined, range: DayRange): ChartInterval {
  const fitting = chartIntervalsFor(range).find((interval) => interval === chosen);
  if (fitting) return fitting;
  const days = daysOf(range);
  return days === 1 ? 'hour' : days <= DAILY_UP_TO_DAYS ? 'day' : 'month';
}
