import { periodStart } from '../../../config/src/view-periods.js';
import { rangeDays, type DateRange } from '../date-range/date-range.js';
import { dateTimeFormat, formatCount, numberFormat } from '../shared/format.js';
import type { RetentionCohort, RetentionPeriod, RetentionReport } from './api.js';

export const RETENTION_PERIODS: RetentionPeriod[] = ['day', 'week', 'month'];
export const DEFAULT_PERIOD: RetentionPeriod = 'week';
/** The API's longest range for daily cohorts. */
const MAX_DAILY_DAYS = 92;

export const PERIOD_LABELS: Record<RetentionPeriod, string> = { day: 'Day', week: 'Week', month: 'Month' };

/** The cohort periods a range can be cut into: daily ones only up to the API's limit. */
export const periodsFor = (range: DateRange): RetentionPeriod[] =>
  RETENTION_PERIODS.filter((period) => period !== 'day' || rangeDays(range) <= MAX_DAILY_DAYS);

export interface RetentionOptions {
  period: RetentionPeriod;
  returnEvent: string | undefined;
}

/** The grid a URL asks for (`cohort=day|week|month`, `return=<event>`); a period the range can't have is weekly. */
export function parseRetentionOptions(search: URLSearchParams, range: DateRange): RetentionOptions {
  const period = periodsFor(range).find((candidate) => candidate === search.get('cohort')) ?? DEFAULT_PERIOD;
  return { period, returnEvent: search.get('return') || undefined };
}

export function retentionOptionChanges(options: RetentionOptions) {
  return {
    cohort: options.period === DEFAULT_PERIOD ? undefined : options.period,
    return: options.returnEvent,
  };
}

/** A cohort's or period's first day as its row says it: "Nov 9" (days, weeks from Monday), "November 2026". */
export function periodLabel(day: string, period: RetentionPeriod, locale?: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const format =
    period === 'month'
      ? dateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' })
      : dateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  return period === 'week' ? `Week of ${format.format(date)}` : format.format(date);
}

export interface RetentionCell {
  offset: number;
  percent: string;
  count: string;
  /** The share returning in tenths (0–10), for the cell's shade. */
  shade: number;
  /** Whether its period is under way (today's, in the site's zone): its share still grows. */
  inProgress: boolean;
  /** What a screen reader says of the cell. */
  description: string;
}

export interface RetentionRow {
  cohort: string;
  label: string;
  visitors: string;
  cells: RetentionCell[];
}

export interface RetentionGrid {
  /** The columns' offsets, 0 to the longest cohort's last. */
  offsets: number[];
  rows: RetentionRow[];
}

/**
 * A cell's share returning: one decimal between the ends, so a column reads alike ("19.0%" above "18.2%", not
 * "19%"); the ends whole ("100%", "0%").
 */
function cellPercent(percent: number, locale?: string): string {
  const digits = percent === 0 || percent === 100 ? 0 : 1;
  return numberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(percent / 100);
}

/**
 * The cohort grid: a row per cohort, a cell per period since (none past the range's end); the cells of the
 * period `today` (the site's date) falls in are under way.
 */
export function retentionGrid(report: RetentionReport, today: string, locale?: string): RetentionGrid {
  const longest = Math.max(0, ...report.cohorts.map((cohort) => cohort.returning.length));
  const unit = PERIOD_LABELS[report.period].toLowerCase();
  const current = periodStart(today, report.period);
  return {
    offsets: Array.from({ length: longest }, (_, offset) => offset),
    rows: report.cohorts.map((cohort) => ({
      cohort: cohort.cohort,
      label: periodLabel(cohort.cohort, report.period, locale),
      visitors: formatCount(cohort.visitors, locale),
      cells: cohort.returning.map((cell) => {
        const count = formatCount(cell.visitors, locale);
        // A cohort nobody began in has no share returning: "—", not a 0% that reads as everyone lost.
        if (cohort.visitors === 0)
          return {
            offset: cell.offset,
            percent: '—',
            count,
            shade: 0,
            inProgress: false,
            description: `${unit} ${cell.offset}: no visitors in this cohort`,
          };
        const percent = cellPercent(cell.percent, locale);
        const inProgress = cell.period === current;
        return {
          offset: cell.offset,
          percent,
          count,
          shade: Math.round(cell.percent / 10),
          inProgress,
          description: `${unit} ${cell.offset}: ${count} of ${formatCount(cohort.visitors, locale)} visitors, ${percent}${inProgress ? ` so far (this ${unit} is not over)` : ''}`,
        };
      }),
    })),
  };
}

export const isEmptyRetention = (report: RetentionReport) =>
  report.cohorts.every((cohort) => cohort.visitors === 0);

/** The report's identity mode in words: what the grid can and cannot show for this site. */
export function identityStatement(identity: RetentionReport['identity']): string {
  return identity === 'cookieless'
    ? 'This site counts visitors without cookies: a visitor’s anonymous id changes every day (UTC), so nobody can be followed past the day of their first visit and returns show only within that day. To follow visitors across days, switch the site’s privacy mode to persistent under Sites.'
    : 'This site follows visitors across days by the tracker’s first-party id: a return is a visitor coming back in a later period.';
}

/** The average share returning `offset` periods after the first visit (RetentionCurve). */
export interface CurvePoint {
  offset: number;
  /** Percent of the visitors of the cohorts counted, 0–100. */
  percent: number;
  /** The visitors of those cohorts, and how many cohorts they are. */
  visitors: number;
  cohorts: number;
  /** Counted from cells under way only (no cohort has this period over yet): the share still grows. */
  inProgress: boolean;
}

/**
 * The retention curve: for each period after the first visit, the share of visitors back in it, over every
 * cohort that has it, weighted by cohort size (a cohort of 1,000 counts for more than one of 3). Periods not
 * over yet are left out where any cohort has the period over; where none has, they are the curve's last point,
 * under way. Cohorts nobody began in have no share. `today` is the site's date (retentionGrid).
 */
export function retentionCurve(
  cohorts: RetentionCohort[],
  period: RetentionPeriod,
  today: string,
): CurvePoint[] {
  const current = periodStart(today, period);
  const longest = Math.max(0, ...cohorts.map((cohort) => cohort.returning.length));
  const points: CurvePoint[] = [];
  for (let offset = 0; offset < longest; offset += 1) {
    const cells = cohorts
      .filter((cohort) => cohort.visitors > 0 && cohort.returning[offset])
      .map((cohort) => ({ visitors: cohort.visitors, cell: cohort.returning[offset] }));
    const over = cells.filter(({ cell }) => cell.period !== current);
    const counted = over.length > 0 ? over : cells;
    const visitors = counted.reduce((sum, { visitors }) => sum + visitors, 0);
    if (visitors === 0) continue;
    const returned = counted.reduce((sum, { cell }) => sum + cell.visitors, 0);
    points.push({
      offset,
      percent: (100 * returned) / visitors,
      visitors,
      cohorts: counted.length,
      inProgress: over.length === 0,
    });
  }
  return points;
}
