import type { Condition } from '../reports/conditions.js';
import { formatChange, formatDuration, formatWholePercent } from '../shared/format.js';
import type { Engagement, EngagementReport } from './api.js';
import type { BreakdownTab } from './breakdown-data.js';
import { percentChange } from './breakdown-data.js';
import { changeTrend, type MetricCard } from './overview-data.js';

/**
 * Whether a tab's detail view also shows how its pages were read (time on page, scroll depth), as Plausible's
 * Top pages do: the engagement report's rows are pages, not entry or exit pages (those are visits' ends).
 */
export const showsReading = (tab: BreakdownTab) => tab.dimension === 'page';

/** A detail view's reading columns, after its metrics (readingCells); the metric cards' labels too. */
export const READING_COLUMNS = ['Time on page', 'Scroll depth'] as const;

/** The pages' readings, by path, for the rows to look up. */
export const readingsByPage = (report: EngagementReport): Map<string, Engagement> =>
  new Map(report.rows.map((row) => [row.value, row]));

/** A reading's time on page and scroll depth as people read them: "—" for none, or no depth measured. */
export function readingCells(reading: Engagement | undefined, locale?: string): [string, string] {
  if (reading === undefined || reading.views === 0) return ['—', '—'];
  return [
    formatDuration(reading.timeOnPage, locale),
    reading.scrollDepth === 0 ? '—' : formatWholePercent(reading.scrollDepth, locale),
  ];
}

/** Operators that leave pages out rather than choose them. */
const EXCLUDING: ReadonlySet<Condition['operator']> = new Set(['is_not', 'does_not_contain']);

/**
 * Whether the view is filtered to some pages (page is, contains, matches): its metric cards then show how they
 * were read, as Plausible's do, in place of the views per visit and the visit duration, which are the whole
 * visits'. A page left out (is not) chooses no page: the cards stay the visits'.
 */
export const filtersByPage = (filters: Condition[]) =>
  filters.some((filter) => filter.dimension === 'page' && !EXCLUDING.has(filter.operator));

/**
 * The metric cards of the filtered pages' reading, with their change against the comparison's reading where
 * one is `comparing` (a longer time and a deeper scroll are good news, "—" against none read); "…", loading,
 * until the reading is in, and no change until the comparison's is.
 */
export function readingCards(
  current: Engagement | undefined,
  compared: Engagement | undefined,
  comparing: boolean,
  locale?: string,
): MetricCard[] {
  const values = readingCells(current, locale);
  // 0 where nothing was read or no depth measured: no change against it, nor from it.
  const figure = (reading: Engagement | undefined, i: number) =>
    !reading || reading.views === 0 ? 0 : [reading.timeOnPage, reading.scrollDepth][i];
  return READING_COLUMNS.map((label, i) => {
    const now = figure(current, i);
    const change = now > 0 ? percentChange(now, figure(compared, i)) : null;
    return {
      label,
      value: current === undefined ? '…' : values[i],
      loading: current === undefined,
      change:
        comparing && current !== undefined && compared !== undefined
          ? formatChange(change, locale)
          : undefined,
      trend: changeTrend(change, false),
    };
  });
}
