import { reportKey } from '../reports/report-request';
import { useApiQuery } from '../shared/useApiQuery';
import { fetchFunnelVisitors, type FunnelVisitorsRequest } from './api';

/** The visitors behind one of a funnel's figures (a step's visitors, or those who dropped off before it). */
export const useFunnelVisitorsQuery = (request: FunnelVisitorsRequest) =>
  useApiQuery(
    [
      'funnel-visitors',
      ...reportKey({ ...request, comparison: undefined }),
      JSON.stringify(request.steps),
      request.window,
      request.step,
      request.outcome,
    ],
    (token, signal) => fetchFunnelVisitors(request, token, signal),
  );
