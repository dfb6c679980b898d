import type { Schemas } from '../api/schemas.js';
import type { Dimension } from '../reports/dimension-labels.js';
import { reportQuery, type ReportRequest } from '../reports/report-request.js';
import { api, authorized, dataOf } from '../shared/api-client.js';

/** `GET /api/sites/:id/funnel`: every step's visitors and times, the comparison's, and a breakdown's. */
export type FunnelReport = Schemas['FunnelReportDto'];
export type FunnelStepResult = Schemas['FunnelStepResultDto'];
export type FunnelBreakdownRow = Schemas['FunnelBreakdownRowDto'];

/** A step as the API takes it (the goals' shape): a page pattern, an event (with a property), an action. */
export interface FunnelStep {
  kind: FunnelStepResult['kind'];
  match: string;
  propertyKey: string | null;
  propertyValue: string | null;
}

export interface FunnelRequest extends ReportRequest {
  steps: FunnelStep[];
  /** The conversion window, in seconds. */
  window: number;
  /** A breakdown of the entrants by this dimension's top values. */
  dimension: Dimension | undefined;
}

/** Only the keys a step uses: the API refuses a property on an action step. */
const stepJson = ({ kind, match, propertyKey, propertyValue }: FunnelStep) =>
  propertyKey === null ? { kind, match } : { kind, match, propertyKey, propertyValue };

/** The funnel's own parameters, as both of its routes take them. */
const funnelQuery = (request: FunnelRequest) => ({
  ...reportQuery(request),
  steps: JSON.stringify(request.steps.map(stepJson)),
  window: request.window,
});

export const fetchFunnel = (request: FunnelRequest, token: string, signal: AbortSignal) =>
  dataOf(
    api.GET('/api/sites/{siteId}/funnel', {
      ...authorized(token, signal),
      params: {
        path: { siteId: request.siteId },
        query: {
          ...funnelQuery(request),
          ...(request.dimension && { dimension: request.dimension }),
        },
      },
    }),
    signal,
  );

/** `GET /api/sites/:id/funnel/visitors`: who reached a step, or reached it and went no further. */
export type FunnelVisitors = Schemas['FunnelVisitorsDto'];
export type FunnelVisitor = Schemas['FunnelVisitorDto'];
export type FunnelOutcome = FunnelVisitors['outcome'];

export interface FunnelVisitorsRequest extends FunnelRequest {
  /** The step as the API counts it, from 1. */
  step: number;
  outcome: FunnelOutcome;
}

export const fetchFunnelVisitors = (request: FunnelVisitorsRequest, token: string, signal: AbortSignal) =>
  dataOf(
    api.GET('/api/sites/{siteId}/funnel/visitors', {
      ...authorized(token, signal),
      params: {
        path: { siteId: request.siteId },
        query: {
          // The list has no comparison: the route refuses one.
          ...funnelQuery({ ...request, comparison: undefined }),
          step: request.step,
          outcome: request.outcome,
        },
      },
    }),
    signal,
  );
