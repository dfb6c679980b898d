import { liveRefresh, reportKey, type ReportRequest } from '../reports/report-request';
import { useApiQuery } from '../shared/useApiQuery';
import { fetchEngagement } from './api';

/**
 * How the pages were read, as many as a card's details list: the details and a page-filtered view's metric cards
 * share one answer. `enabled` false: not asked (the details closed, the card out of view, no page filter).
 */
export function useEngagementQuery(request: ReportRequest, enabled: boolean) {
  return useApiQuery(
    ['engagement', ...reportKey({ ...request, comparison: undefined })],
    (token, signal) => fetchEngagement(request, token, signal),
    { enabled, ...liveRefresh(request) },
  );
}
