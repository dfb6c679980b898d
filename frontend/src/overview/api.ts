import type { Schemas } from '../api/schemas.js';
import type { Dimension } from '../reports/dimension-labels.js';
import { reportQuery, type ReportRequest } from '../reports/report-request.js';
import { api, authorized, dataOf } from '../shared/api-client.js';

/** `GET /api/sites/:id/overview`: every metric of the range, and its change against the comparison. */
export type OverviewReport = Schemas['OverviewReportDto'];
export type MetricValues = Schemas['MetricValuesDto'];
/** `GET /api/sites/:id/timeseries`: every bucket of the range, and of the comparison. */
export type TimeseriesReport = Schemas['TimeseriesReportDto'];
/** `GET /api/sites/:id/breakdown`: the range's values of a dimension. */
export type BreakdownReport = Schemas['BreakdownReportDto'];
/** One value of `GET /api/sites/:id/breakdown`. */
export type BreakdownRow = Schemas['BreakdownRowDto'];

/** `GET /api/sites/:id/engagement`: how the range's pages were read (time on page, scroll depth). */
export type EngagementReport = Schemas['EngagementReportDto'];
export type Engagement = Schemas['EngagementDto'];

/** A goal of the site (`GET /api/sites/:id/goals`). */
export type Goal = Schemas['GoalResponse'];
/** A goal of the site beside its conversions in the view (GET …/conversions). */
export type GoalConversion = Schemas['GoalConversionDto'];

const sitePath = (request: ReportRequest) => ({ siteId: request.siteId });

export const fetchOverview = (request: ReportRequest, token: string, signal: AbortSignal) =>
  dataOf(
    api.GET('/api/sites/{siteId}/overview', {
      ...authorized(token, signal),
      params: { path: sitePath(request), query: reportQuery(request) },
    }),
    signal,
  );

/** A series; with `goal`, `conversions` and `conversion_rate` are metrics it can draw. */
export const fetchTimeseries = (
  request: ReportRequest & { metric: string; interval: 'hour' | 'day' | 'week' | 'month'; goal?: number },
  token: string,
  signal: AbortSignal,
) =>
  dataOf(
    api.GET('/api/sites/{siteId}/timeseries', {
      ...authorized(token, signal),
      params: {
        path: sitePath(request),
        query: {
          ...reportQuery(request),
          metrics: request.metric,
          interval: request.interval,
          ...(request.goal !== undefined && { goal: request.goal }),
        },
      },
    }),
    signal,
  );

export interface BreakdownRequest extends ReportRequest {
  dimension: Dimension;
  limit: number;
  /** A goal of the site: each row also answers its conversions, conversion rate (and revenue, for an event goal). */
  goal?: number;
  /** Comma-separated metrics; `visitors` when not given. */
  metrics?: string;
}

const breakdownQuery = (request: BreakdownRequest) => ({
  ...reportQuery(request),
  dimension: request.dimension,
  limit: request.limit,
  ...(request.goal === undefined
    ? { metrics: request.metrics ?? 'visitors' }
    : { metrics: 'visitors,conversions,conversion_rate', goal: request.goal }),
});

export const fetchBreakdown = (request: BreakdownRequest, token: string, signal: AbortSignal) =>
  dataOf(
    api.GET('/api/sites/{siteId}/breakdown', {
      ...authorized(token, signal),
      params: { path: sitePath(request), query: breakdownQuery(request) },
    }),
    signal,
  );

/** The breakdown as a CSV file (`format=csv`): every row, not only those shown. */
export const fetchBreakdownCsv = (request: BreakdownRequest, token: string): Promise<Blob> =>
  dataOf(
    api.GET('/api/sites/{siteId}/breakdown', {
      headers: { authorization: `Bearer ${token}` },
      params: { path: sitePath(request), query: { ...breakdownQuery(request), format: 'csv' } },
      parseAs: 'blob',
    }),
  );

export const fetchGoals = (siteId: number, token: string, signal: AbortSignal) =>
  dataOf(
    api.GET('/api/sites/{siteId}/goals', { ...authorized(token, signal), params: { path: { siteId } } }),
    signal,
  );

/** Every goal of the site with its conversions, rate and (event goals) revenue in the view: one request. */
export const fetchConversions = (request: ReportRequest, token: string, signal: AbortSignal) =>
  dataOf(
    api.GET('/api/sites/{siteId}/conversions', {
      ...authorized(token, signal),
      params: { path: sitePath(request), query: reportQuery(request) },
    }),
    signal,
  );

/** The rows a card's details (and the map, which shades every country) ask for: the API's page maximum. */
export const DETAIL_ROWS = 1000;

/** The pages' readings, as many as the details list, most read first: the report has no comparison range. */
export const fetchEngagement = (request: ReportRequest, token: string, signal: AbortSignal) =>
  dataOf(
    api.GET('/api/sites/{siteId}/engagement', {
      ...authorized(token, signal),
      params: {
        path: sitePath(request),
        query: { ...reportQuery({ ...request, comparison: undefined }), limit: DETAIL_ROWS },
      },
    }),
    signal,
  );
