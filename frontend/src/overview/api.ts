import type { Schemas } from '../api/schemas';
import { reportQuery, type ReportRequest } from '../reports/report-request';
import { api, authorized, dataOf } from '../shared/api-client';

/** `GET /api/sites/:id/overview`: every metric of the range, and its change against the comparison. */
export type OverviewReport = Schemas['OverviewReportDto'];
export type MetricValues = Schemas['MetricValuesDto'];

export const fetchOverview = (request: ReportRequest, token: string, signal: AbortSignal) =>
  dataOf(
    api.GET('/api/sites/{siteId}/overview', {
      ...authorized(token, signal),
      params: { path: { siteId: request.siteId }, query: reportQuery(request) },
    }),
    signal,
  );
