import { liveRefresh, reportKey } from '../reports/report-request';
import { useApiQuery } from '../shared/useApiQuery';
import { fetchBreakdown, type BreakdownRequest } from './api';

/** `enabled` false: not asked, out of view (useApiQuery). */
export function useBreakdownQuery(request: BreakdownRequest, enabled = true) {
  return useApiQuery(
    [
      'breakdown',
      ...reportKey(request),
      request.dimension,
      request.limit,
      request.goal ?? '',
      request.metrics ?? 'visitors',
    ],
    (token, signal) => fetchBreakdown(request, token, signal),
    { enabled, ...liveRefresh(request) },
  );
}
