import { liveRefresh, reportKey, type ReportRequest } from '../reports/report-request';
import { useApiQuery, type QueryResult } from '../shared/useApiQuery';
import { fetchOverview, type OverviewReport } from './api';

export function useOverviewQuery(request: ReportRequest): QueryResult<OverviewReport> {
  return useApiQuery(
    ['overview', ...reportKey(request)],
    (token, signal) => fetchOverview(request, token, signal),
    liveRefresh(request),
  );
}
