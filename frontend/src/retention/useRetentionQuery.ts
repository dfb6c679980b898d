import { reportKey } from '../reports/report-request';
import { useApiQuery } from '../shared/useApiQuery';
import { fetchRetention, type RetentionRequest } from './api';

export function useRetentionQuery(request: RetentionRequest) {
  return useApiQuery(
    ['retention', ...reportKey(request), request.period, request.returnEvent ?? ''],
    (token, signal) => fetchRetention(request, token, signal),
  );
}
