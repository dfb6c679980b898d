import type { Schemas } from '../api/schemas.js';
import { reportQuery, type ReportRequest } from '../reports/report-request.js';
import { api, authorized, dataOf } from '../shared/api-client.js';

/** `GET /api/sites/:id/heatmap`: a page's clicks by cell, its most clicked elements, how far views scrolled. */
export type HeatmapReport = Schemas['HeatmapReportDto'];
export type HeatmapCell = Schemas['HeatmapCellDto'];
export type HeatmapElement = Schemas['HeatmapElementDto'];
export type Scroll = Schemas['ScrollDto'];
/** `GET /api/sites/:id/heatmap/framing`: whether the panel may show the page itself in a frame. */
export type PageFraming = Schemas['PageFramingDto'];
export type Viewport = NonNullable<HeatmapReport['viewport']>;

export interface HeatmapRequest extends ReportRequest {
  page: string;
  viewport: Viewport;
}

export const fetchHeatmap = (request: HeatmapRequest, token: string, signal: AbortSignal) =>
  dataOf(
    api.GET('/api/sites/{siteId}/heatmap', {
      ...authorized(token, signal),
      params: {
        path: { siteId: request.siteId },
        query: { ...reportQuery(request), page: request.page, viewport: request.viewport },
      },
    }),
    signal,
  );

export const fetchPageFraming = (siteId: number, page: string, token: string, signal: AbortSignal) =>
  dataOf(
    api.GET('/api/sites/{siteId}/heatmap/framing', {
      ...authorized(token, signal),
      params: { path: { siteId }, query: { page } },
    }),
    signal,
  );
