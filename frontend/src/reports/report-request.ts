import type { DateRange } from '../date-range/date-range.js';
import type { ViewFilter } from '../routing/report-view.js';

/** What every report of a site takes: its days, the days compared with them, and the filter bar's filters. */
export interface ReportRequest {
  siteId: number;
  range: DateRange;
  comparison: DateRange | undefined;
  filters: ViewFilter[];
}

/** The query parameters every report route shares (`from`, `to`, `compareFrom`, `compareTo`, `filters`). */
export function reportQuery({ range, comparison, filters }: ReportRequest) {
  return {
    from: range.from,
    to: range.to,
    ...(comparison && { compareFrom: comparison.from, compareTo: comparison.to }),
    ...(filters.length > 0 && { filters: JSON.stringify(filterConditions(filters)) }),
  };
}

/** The filter bar's filters as the API's conditions (`is`), for a page that adds conditions of its own. */
export const filterConditions = (filters: ViewFilter[]) =>
  filters.map(({ dimension, value }) => ({ dimension, operator: 'is', value }));

/** Every input of a report request, for a query key: the same request is the same cached answer. */
export const reportKey = (request: ReportRequest) => [
  request.siteId,
  request.range.from,
  request.range.to,
  request.comparison?.from ?? '',
  request.comparison?.to ?? '',
  JSON.stringify(request.filters),
];
