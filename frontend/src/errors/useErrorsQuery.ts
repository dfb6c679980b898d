import { reportKey, type ReportRequest } from '../reports/report-request';
import { useApiQuery } from '../shared/useApiQuery';
import { fetchErrorGroup, fetchErrors } from './api';

export function useErrorsQuery(request: ReportRequest) {
  return useApiQuery(['errors', ...reportKey(request)], (token, signal) =>
    fetchErrors(request, token, signal),
  );
}

export function useErrorGroupQuery(request: ReportRequest, group: string) {
  return useApiQuery(['error-group', ...reportKey(request), group], (token, signal) =>
    fetchErrorGroup(request, group, token, signal),
  );
}
