import { reportKey } from '../reports/report-request';
import { useApiQuery } from '../shared/useApiQuery';
import { fetchBreakdown, type BreakdownRequest } from './api';

export function useBreakdownQuery(request: BreakdownRequest) {
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
  );
}
