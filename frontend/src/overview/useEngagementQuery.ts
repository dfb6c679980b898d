import { liveRefresh, reportKey, type ReportRequest } from '../reports/report-request';
import { useApiQuery } from '../shared/useApiQuery';
import { fetchEngagement } from './api';

/** How the pages were read, `limit` of them; `enabled` false: not asked (a card's details closed, out of view). */
export function useEngagementQuery(request: ReportRequest & { limit: number }, enabled: boolean) {
  return useApiQuery(
    ['engagement', ...reportKey({ ...request, comparison: undefined }), request.limit],
    (token, signal) => fetchEngagement(request, token, signal),
    { enabled, ...liveRefresh(request) },
  );
}
