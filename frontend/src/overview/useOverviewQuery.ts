import { liveRefresh, reportKey, type ReportRequest } from '../reports/report-request';
import { useApiQuery, type QueryResult } from '../shared/useApiQuery';
import { fetchOverview, type OverviewReport } from './api';

/** The overview of `request`; not asked while not `enabled` (a card out of view). */
export function useOverviewQuery(request: ReportRequest, enabled = true): QueryResult<OverviewReport> {
  return useApiQuery(
    ['overview', ...reportKey(request)],
    (token, signal) => fetchOverview(request, token, signal),
    { ...liveRefresh(request), enabled },
  );
}
