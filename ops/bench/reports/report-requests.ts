/**
 * The reports `npm run bench:reports` times: one named HTTP request each, with its target. The list
 * grows as the reports engine lands endpoints — add a row here, nothing else changes.
 *
 * Targets (issue 17): every report ≤ 200 ms p95 warm and alone; overview and timeseries ≤ 50 ms p95;
 * every report ≤ 500 ms p95 with 8 concurrent clients.
 *
 * Still to add as the reports engine lands them: funnels, retention, errors, web vitals, goals and
 * the events explorer (their parameters are the engine's to define).
 */

/** What a request is built from: the largest benchmark site and its seeded period, in its time zone. */
export interface ReportContext {
  siteId: number;
  /** First and last day of the seeded period (YYYY-MM-DD). */
  from: string;
  to: string;
  /** `days` days ending on `to`. */
  lastDays(days: number): { from: string; to: string };
}

export interface ReportRequest {
  name: string;
  /** p95 warm and alone, in ms. */
  aloneTargetMs: number;
  /** Path and query of the GET, authenticated as the site's owner. */
  path(context: ReportContext): string;
}

export const CONCURRENT_TARGET_MS = 500;
export const CONCURRENT_CLIENTS = 8;
const OVERVIEW_TARGET_MS = 50;
const TIMESERIES_TARGET_MS = 50;
const REPORT_TARGET_MS = 200;

export const REPORT_REQUESTS: ReportRequest[] = [
  {
    name: 'overview, 30 days',
    aloneTargetMs: OVERVIEW_TARGET_MS,
    path: ({ siteId, from, to }) => `/api/sites/${siteId}/overview?from=${from}&to=${to}`,
  },
  {
    name: 'overview, 7 days',
    aloneTargetMs: OVERVIEW_TARGET_MS,
    path: ({ siteId, lastDays }) => {
      const { from, to } = lastDays(7);
      return `/api/sites/${siteId}/overview?from=${from}&to=${to}`;
    },
  },
  {
    name: 'timeseries by day, 30 days',
    aloneTargetMs: TIMESERIES_TARGET_MS,
    path: ({ siteId, from, to }) => `/api/sites/${siteId}/timeseries?from=${from}&to=${to}&interval=day`,
  },
  {
    name: 'timeseries by hour, 7 days',
    aloneTargetMs: TIMESERIES_TARGET_MS,
    path: ({ siteId, lastDays }) => {
      const { from, to } = lastDays(7);
      return `/api/sites/${siteId}/timeseries?from=${from}&to=${to}&interval=hour`;
    },
  },
  ...['page', 'referrer_source', 'country', 'browser'].map((dimension): ReportRequest => ({
    name: `breakdown by ${dimension}, 30 days`,
    aloneTargetMs: REPORT_TARGET_MS,
    path: ({ siteId, from, to }) =>
      `/api/sites/${siteId}/breakdown?from=${from}&to=${to}&dimension=${dimension}`,
  })),
  {
    name: 'paths: next and previous of /pricing, 30 days',
    aloneTargetMs: REPORT_TARGET_MS,
    path: ({ siteId, from, to }) => `/api/sites/${siteId}/paths?from=${from}&to=${to}&page=/pricing`,
  },
  {
    name: 'session paths from /, 30 days',
    aloneTargetMs: REPORT_TARGET_MS,
    path: ({ siteId, from, to }) => `/api/sites/${siteId}/paths/sessions?from=${from}&to=${to}&start=/`,
  },
  {
    name: 'heatmap of /pricing on desktop, 30 days',
    aloneTargetMs: REPORT_TARGET_MS,
    path: ({ siteId, from, to }) =>
      `/api/sites/${siteId}/heatmap?from=${from}&to=${to}&page=/pricing&viewport=desktop`,
  },
];
