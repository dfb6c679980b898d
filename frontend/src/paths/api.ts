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

const pathsQuery = (request: PathsRequest) => ({
  ...reportQuery(request),
  page: request.page,
  limit: request.limit,
});

export const fetchPaths = (request: PathsRequest, token: string, signal: AbortSignal) =>
  dataOf(
    api.GET('/api/sites/{siteId}/paths', {
      ...authorized(token, signal),
      params: { path: { siteId: request.siteId }, query: pathsQuery(request) },
    }),
    signal,
  );

/** The neighbours as a CSV file (`format=csv`): the page's own row (its visits), then next and previous. */
export const fetchPathsCsv = (request: PathsRequest, token: string): Promise<Blob> =>
  dataOf(
    api.GET('/api/sites/{siteId}/paths', {
      headers: { authorization: `Bearer ${token}` },
      params: { path: { siteId: request.siteId }, query: { ...pathsQuery(request), format: 'csv' } },
      parseAs: 'blob',
    }),
  );

/** Paths from the first view of a page on (`from`), or up to its last view (`to`). */
export type PathDirection = 'from' | 'to';

export interface SessionPathsRequest extends ReportRequest {
  page: string;
  direction: PathDirection;
  steps: number;
  limit: number;
}

const sessionPathsQuery = (request: SessionPathsRequest) => ({
  ...reportQuery(request),
  ...(request.direction === 'from' ? { start: request.page } : { end: request.page }),
  steps: request.steps,
  limit: request.limit,
});

export const fetchSessionPaths = (request: SessionPathsRequest, token: string, signal: AbortSignal) =>
  dataOf(
    api.GET('/api/sites/{siteId}/paths/sessions', {
      ...authorized(token, signal),
      params: { path: { siteId: request.siteId }, query: sessionPathsQuery(request) },
    }),
    signal,
  );

/** The top paths as a CSV file (`format=csv`): each path its pages joined by ` > `, and its visits. */
export const fetchSessionPathsCsv = (request: SessionPathsRequest, token: string): Promise<Blob> =>
  dataOf(
    api.GET('/api/sites/{siteId}/paths/sessions', {
      headers: { authorization: `Bearer ${token}` },
      params: { path: { siteId: request.siteId }, query: { ...sessionPathsQuery(request), format: 'csv' } },
      parseAs: 'blob',
    }),
  );
