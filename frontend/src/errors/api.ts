import type { Schemas } from '../api/schemas.js';
import { reportQuery, type ReportRequest } from '../reports/report-request.js';
import { api, authorized, dataOf } from '../shared/api-client.js';

/** `GET /api/sites/:id/errors`: the range's error groups, most occurrences first. */
export type ErrorsReport = Schemas['ErrorsReportDto'];
export type ErrorGroup = Schemas['ErrorGroupDto'];
export type ErrorValue = Schemas['ErrorValueDto'];
/** `GET /api/sites/:id/errors/:group`: one group, its days and its latest occurrences. */
export type ErrorGroupReport = Schemas['ErrorGroupReportDto'];
export type ErrorDay = Schemas['ErrorDayDto'];
export type ErrorSample = Schemas['ErrorSampleDto'];

/** The most groups one page of the API answers: the page lists them all, searched and sorted in the browser. */
export const ERROR_GROUPS_LIMIT = 100;

/** Errors count events, not visits: the errors page asks for no comparison range (pageRequest). */
const errorsQuery = (request: ReportRequest) => reportQuery(request);

export const fetchErrors = (request: ReportRequest, token: string, signal: AbortSignal) =>
  dataOf(
    api.GET('/api/sites/{siteId}/errors', {
      ...authorized(token, signal),
      params: {
        path: { siteId: request.siteId },
        query: { ...errorsQuery(request), limit: ERROR_GROUPS_LIMIT },
      },
    }),
    signal,
  );

/** Every group of the range as a CSV file, without their pages and browsers. */
export const fetchErrorsCsv = (request: ReportRequest, token: string): Promise<Blob> =>
  dataOf(
    api.GET('/api/sites/{siteId}/errors', {
      headers: { authorization: `Bearer ${token}` },
      params: { path: { siteId: request.siteId }, query: { ...errorsQuery(request), format: 'csv' } },
      parseAs: 'blob',
    }),
  );

export const fetchErrorGroup = (request: ReportRequest, group: string, token: string, signal: AbortSignal) =>
  dataOf(
    api.GET('/api/sites/{siteId}/errors/{group}', {
      ...authorized(token, signal),
      params: { path: { siteId: request.siteId, group }, query: errorsQuery(request) },
    }),
    signal,
  );

/** A group's occurrences in the range as a CSV file, newest first. */
export const fetchErrorGroupCsv = (request: ReportRequest, group: string, token: string): Promise<Blob> =>
  dataOf(
    api.GET('/api/sites/{siteId}/errors/{group}', {
      headers: { authorization: `Bearer ${token}` },
      params: { path: { siteId: request.siteId, group }, query: { ...errorsQuery(request), format: 'csv' } },
      parseAs: 'blob',
    }),
  );
