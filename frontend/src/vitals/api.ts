import type { Schemas } from '../api/schemas.js';
import { reportQuery, type ReportRequest } from '../reports/report-request.js';
import { api, authorized, dataOf } from '../shared/api-client.js';

/** `GET /api/sites/:id/vitals`: p75 and ratings of LCP, INP and CLS, overall and per page or device. */
export type VitalsReport = Schemas['VitalsReportDto'];
export type Vitals = Schemas['VitalsDto'];
export type VitalsRow = Schemas['VitalsRowDto'];
export type Vital = Schemas['VitalDto'];
export type VitalsDimension = NonNullable<VitalsReport['dimension']>;

/** A vitals report of the range (no comparison: see `pageRequest`), with its rows per page or device. */
export interface VitalsRequest extends ReportRequest {
  dimension: VitalsDimension;
}

/** Rows at most: the API's own maximum, so sorting in the browser sorts every value it has. */
const VITALS_ROWS = 1000;

const vitalsQuery = (request: VitalsRequest) => ({
  ...reportQuery(request),
  dimension: request.dimension,
  limit: VITALS_ROWS,
});

export const fetchVitals = (request: VitalsRequest, token: string, signal: AbortSignal) =>
  dataOf(
    api.GET('/api/sites/{siteId}/vitals', {
      ...authorized(token, signal),
      params: { path: { siteId: request.siteId }, query: vitalsQuery(request) },
    }),
    signal,
  );

/** The rows as a CSV file, with counts of good, needs improvement and poor. */
export const fetchVitalsCsv = (request: VitalsRequest, token: string): Promise<Blob> =>
  dataOf(
    api.GET('/api/sites/{siteId}/vitals', {
      headers: { authorization: `Bearer ${token}` },
      params: { path: { siteId: request.siteId }, query: { ...vitalsQuery(request), format: 'csv' } },
      parseAs: 'blob',
    }),
  );
