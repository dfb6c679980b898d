import type { ReportRequest } from '../reports/report-request';
import { filtersByPage, readingCards } from './reading-data';
import { useEngagementQuery } from './useEngagementQuery';

/**
 * A view filtered by page: how its pages were read, as metric cards (time on page, scroll depth), with the
 * comparison's reading asked apart (the engagement report has one range). Otherwise nothing is asked.
 */
export function usePageReading(request: ReportRequest) {
  const byPage = filtersByPage(request.filters);
  const current = useEngagementQuery(request, byPage);
  const comparison = request.comparison;
  const compared = useEngagementQuery(
    // The comparison's days are past: read once, not again every minute as a live range's are.
    { ...request, range: comparison ?? request.range, comparison: undefined, live: false },
    byPage && comparison !== undefined,
  );
  return {
    byPage,
    cards: byPage
      ? readingCards(current.data?.overall, compared.data?.overall, comparison !== undefined)
      : [],
  };
}
