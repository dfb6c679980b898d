import { reportKey } from '../reports/report-request';
import { ApiError } from '../shared/api-client';
import { useApiQuery } from '../shared/useApiQuery';
import { fetchFunnel, type FunnelRequest } from './api';
import { funnelErrorText } from './funnel-data';

/** The funnel of the request; a 400's message names the step in words ("Step 2 (match): …"). */
export function useFunnelQuery(request: FunnelRequest) {
  return useApiQuery(
    ['funnel', ...reportKey(request), JSON.stringify(request.steps), request.window, request.dimension ?? ''],
    async (token, signal) => {
      try {
        return await fetchFunnel(request, token, signal);
      } catch (error) {
        if (error instanceof ApiError && error.status === 400)
          throw new ApiError(error.status, error.code, funnelErrorText(error.message));
        throw error;
      }
    },
  );
}
