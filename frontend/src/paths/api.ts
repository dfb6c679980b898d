import type { Schemas } from '../api/schemas.js';
import { reportQuery, type ReportRequest } from '../reports/report-request.js';
import { api, authorized, dataOf } from '../shared/api-client.js';

/** `GET /api/sites/:id/paths`: the visits that viewed a page, and the pages right before and after it. */
export type PathsReport = Schemas['PathsReportDto'];
export type PathNeighbour = Schemas['PathNeighbourDto'];
/** `GET /api/sites/:id/paths/sessions`: the most common sequences of pages from or to a page. */
export type SessionPathsReport = Schemas['SessionPathsReportDto'];
export type SessionPath = Schemas['SessionPathDto'];

export interface PathsRequest extends ReportRequest {
  page: string;
  limit: number;
}

export const fetchPaths = (request: PathsRequest, token: string, signal: AbortSignal) =>
  dataOf(
    api.GET('/api/sites/{siteId}/paths', {
      ...authorized(token, signal),
      params: {
        path: { siteId: request.siteId },
        query: { ...reportQuery(request), page: request.page, limit: request.limit },
      },
    }),
    signal,
  );

/** Paths from the first view of a page on (`from`), or up to its last view (`to`). */
export type PathDirection = 'from' | 'to';

export interface SessionPathsRequest extends ReportRequest {
  page: string;
  direction: PathDirection;
  steps: number;
  limit: number;
}

export const fetchSessionPaths = (request: SessionPathsRequest, token: string, signal: AbortSignal) =>
  dataOf(
    api.GET('/api/sites/{siteId}/paths/sessions', {
      ...authorized(token, signal),
      params: {
        path: { siteId: request.siteId },
        query: {
          ...reportQuery(request),
          ...(request.direction === 'from' ? { start: request.page } : { end: request.page }),
          steps: request.steps,
          limit: request.limit,
        },
      },
    }),
    signal,
  );
