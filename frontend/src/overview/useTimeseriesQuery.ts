import { reportKey, type ReportRequest } from '../reports/report-request';
import { useApiQuery } from '../shared/useApiQuery';
import { fetchTimeseries } from './api';
import type { ChartInterval } from './timeseries-data';

export function useTimeseriesQuery(request: ReportRequest & { metric: string; interval: ChartInterval }) {
  return useApiQuery(
    ['timeseries', ...reportKey(request), request.metric, request.interval],
    (token, signal) => fetchTimeseries(request, token, signal),
  );
}
