import type { Schemas } from '../api/schemas.js';
import { reportQuery, type ReportRequest } from '../reports/report-request.js';
import { api, authorized, dataOf } from '../shared/api-client.js';

/** `GET /api/sites/:id/retention`: cohorts by first-ever visit and their returns, with the site's identity mode. */
export type RetentionReport = Schemas['RetentionReportDto'];
export type RetentionCohort = Schemas['RetentionCohortDto'];
export type RetentionPeriod = RetentionReport['period'];

export interface RetentionRequest extends ReportRequest {
  period: RetentionPeriod;
  /** A return is an event of this name; undefined: any visit. */
  returnEvent: string | undefined;
}

export const fetchRetention = (request: RetentionRequest, token: string, signal: AbortSignal) =>
  dataOf(
    api.GET('/api/sites/{siteId}/retention', {
      ...authorized(token, signal),
      params: {
        path: { siteId: request.siteId },
        query: {
          ...reportQuery(request),
          period: request.period,
          ...(request.returnEvent !== undefined && { returnEvent: request.returnEvent }),
        },
      },
    }),
    signal,
  );
