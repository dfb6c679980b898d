import { useApiQuery, type QueryResult } from '../shared/useApiQuery';
import { fetchOverview, type OverviewReport, type OverviewRequest } from './api';

export function useOverviewQuery({ siteId, from, to }: OverviewRequest): QueryResult<OverviewReport> {
  return useApiQuery(['overview', siteId, from, to], (token, signal) =>
    fetchOverview({ siteId, from, to }, token, signal),
  );
}
