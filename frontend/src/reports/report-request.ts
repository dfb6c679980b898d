import type { DateRange } from '../date-range/date-range.js';
import type { Condition } from './conditions.js';

/** What every report of a site takes: its days, the days compared with them, and the filter bar's filters. */
export interface ReportRequest {
  siteId: number;
  range: DateRange;
  comparison: DateRange | undefined;
  filters: Condition[];
  /** The range runs into the site's today, whose figures still move: the overview reads them again (liveRefresh). */
  live?: boolean;
}

/** How often a live request's overview is read again while the tab is visible. */
export const LIVE_REFRESH_MS = 60_000;

/** useApiQuery's schedule for a report of `request`: again every LIVE_REFRESH_MS while it is live, else none. */
export const liveRefresh = (request: ReportRequest) =>
  request.live ? { refreshEveryMs: LIVE_REFRESH_MS } : {};

/** The query parameters every report route shares (`from`, `to`, `compareFrom`, `compareTo`, `filters`). */
export function reportQuery({ range, comparison, filters }: ReportRequest) {
  return {
    from: range.from,
    to: range.to,
    ...(comparison && { compareFrom: comparison.from, compareTo: comparison.to }),
    ...(filters.length > 0 && { filters: JSON.stringify(filters) }),
  };
}

/** Every input of a report request, for a query key: the same request is the same cached answer. */
export const reportKey = (request: ReportRequest) => [
  request.siteId,
  request.range.from,
  request.range.to,
  request.comparison?.from ?? '',
  request.comparison?.to ?? '',
  JSON.stringify(request.filters),
];
