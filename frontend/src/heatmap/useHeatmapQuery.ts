import { reportKey } from '../reports/report-request';
import { useApiQuery } from '../shared/useApiQuery';
import { fetchHeatmap, fetchPageFraming, type HeatmapRequest } from './api';

export function useHeatmapQuery(request: HeatmapRequest) {
  return useApiQuery(['heatmap', ...reportKey(request), request.page, request.viewport], (token, signal) =>
    fetchHeatmap(request, token, signal),
  );
}

/** Whether the page may be framed: a property of the page, not of the range or filters. */
export function usePageFramingQuery(siteId: number, page: string) {
  return useApiQuery(['heatmap-framing', siteId, page], (token, signal) =>
    fetchPageFraming(siteId, page, token, signal),
  );
}
