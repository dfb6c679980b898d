import { reportKey } from '../reports/report-request';
import { useApiQuery } from '../shared/useApiQuery';
import { fetchPaths, fetchSessionPaths, type PathsRequest, type SessionPathsRequest } from './api';

/** The pages before and after a page. */
export function usePathsQuery(request: PathsRequest) {
  return useApiQuery(['paths', ...reportKey(request), request.page, request.limit], (token, signal) =>
    fetchPaths(request, token, signal),
  );
}

/** The most common paths from or to a page. */
export function useSessionPathsQuery(request: SessionPathsRequest) {
  return useApiQuery(
    ['paths-sessions', ...reportKey(request), request.page, request.direction, request.steps, request.limit],
    (token, signal) => fetchSessionPaths(request, token, signal),
  );
}
