import { liveRefresh, reportKey, type ReportRequest } from '../reports/report-request';
import { useApiQuery } from '../shared/useApiQuery';
import { fetchTimeseries } from './api';
import type { ChartInterval } from '../../../config/src/view-periods.js';

/** The series of `request`; not asked while not `enabled` (a card out of view). */
export function useTimeseriesQuery(
  request: ReportRequest & { metric: string; interval: ChartInterval; goal?: number },
  enabled = true,
) {
  return useApiQuery(
    ['timeseries', ...reportKey(request), request.metric, request.interval, request.goal ?? ''],
    (token, signal) => fetchTimeseries(request, token, signal),
    { ...liveRefresh(request), enabled },
  );
}
