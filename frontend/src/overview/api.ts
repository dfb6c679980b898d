import { apiGet } from '../shared/api-client';

/** `GET /api/sites/:id/overview?from&to`: both dates included, days in the site's time zone. */
export interface OverviewRequest {
  siteId: number;
  from: string;
  to: string;
}

/** The metrics of the range (the backend's `OverviewReportDto`; the panel shows two of them so far). */
export interface OverviewReport {
  siteId: number;
  from: string;
  to: string;
  timezone: string;
  metrics: { visitors: number; pageviews: number };
}

export function fetchOverview(
  request: OverviewRequest,
  token: string,
  signal: AbortSignal,
): Promise<OverviewReport> {
  const { siteId, from, to } = request;
  return apiGet<OverviewReport>(
    `/sites/${siteId}/overview?${new URLSearchParams({ from, to })}`,
    token,
    signal,
  );
}
