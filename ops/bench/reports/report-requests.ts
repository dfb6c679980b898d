import type { BenchGoals } from './bench-backend';
import { CHECKOUT_EXPERIMENT } from '@sluice/traffic';

/**
 * The reports `npm run bench:reports` times: one named HTTP request each, with its target. The list
 * grows as the reports engine lands endpoints — add a row here, nothing else changes.
 *
 * Targets (issue 17): every report ≤ 200 ms p95 warm and alone; overview and timeseries ≤ 50 ms p95;
 * every report ≤ 500 ms p95 with 8 concurrent clients.
 */

/** What a request is built from: the largest benchmark site and its seeded period, in its time zone. */
export interface ReportContext {
  siteId: number;
  /** First and last day of the seeded period (YYYY-MM-DD). */
  from: string;
  to: string;
  /** `days` days ending on `to`. */
  lastDays(days: number): { from: string; to: string };
  /** The site's goals (their ids), created before timing. */
  goals: BenchGoals;
  /** The id of the site's error group with the most occurrences in the period, read before timing. */
  errorGroup: string;
  /** Whose profile is timed: a signed-in user (or a visitor) of the newest events, read before timing. */
  profileOwner: { kind: 'user' | 'visitor'; value: string };
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

/** A 3-step funnel the catalogue's visitors walk: pricing, the signup page, the signup event. */
const FUNNEL_STEPS = encodeURIComponent(
  JSON.stringify([
    { kind: 'page', match: '/pricing' },
    { kind: 'page', match: '/signup' },
    { kind: 'event', match: 'signup' },
  ]),
);

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
  ...['page', 'referrer_source', 'country', 'browser', 'entry_page', 'utm_campaign', 'city'].map(
    (dimension): ReportRequest => ({
      name: `breakdown by ${dimension}, 30 days`,
      aloneTargetMs: REPORT_TARGET_MS,
      path: ({ siteId, from, to }) =>
        `/api/sites/${siteId}/breakdown?from=${from}&to=${to}&dimension=${dimension}`,
    }),
  ),
  {
    name: 'overview with a page goal, 30 days',
    aloneTargetMs: OVERVIEW_TARGET_MS,
    path: ({ siteId, from, to, goals }) =>
      `/api/sites/${siteId}/overview?from=${from}&to=${to}&goal=${goals.pricing}`,
  },
  {
    name: 'breakdown by source with an event goal, 30 days',
    aloneTargetMs: REPORT_TARGET_MS,
    path: ({ siteId, from, to, goals }) =>
      `/api/sites/${siteId}/breakdown?from=${from}&to=${to}&dimension=referrer_source&goal=${goals.signup}` +
      '&metrics=visitors,conversions,conversion_rate',
  },
  {
    name: "every goal's conversions (the site's two), 30 days",
    aloneTargetMs: REPORT_TARGET_MS,
    path: ({ siteId, from, to }) => `/api/sites/${siteId}/conversions?from=${from}&to=${to}`,
  },
  {
    name: 'breakdown by page, 30 days, CSV of every row',
    aloneTargetMs: REPORT_TARGET_MS,
    path: ({ siteId, from, to }) =>
      `/api/sites/${siteId}/breakdown?from=${from}&to=${to}&dimension=page&limit=1000&format=csv`,
  },
  {
    name: 'funnel, 3 steps, 30 days',
    aloneTargetMs: REPORT_TARGET_MS,
    path: ({ siteId, from, to }) => `/api/sites/${siteId}/funnel?from=${from}&to=${to}&steps=${FUNNEL_STEPS}`,
  },
  {
    name: 'funnel by country, 30 days',
    aloneTargetMs: REPORT_TARGET_MS,
    path: ({ siteId, from, to }) =>
      `/api/sites/${siteId}/funnel?from=${from}&to=${to}&steps=${FUNNEL_STEPS}&dimension=country`,
  },
  {
    // As a funnel's figure opens them: the 100 latest of those who went no further than step 1.
    name: 'funnel: who dropped off after step 1, 30 days',
    aloneTargetMs: REPORT_TARGET_MS,
    path: ({ siteId, from, to }) =>
      `/api/sites/${siteId}/funnel/visitors?from=${from}&to=${to}&steps=${FUNNEL_STEPS}&step=1&outcome=dropped`,
  },
  ...['week', 'day'].map((period): ReportRequest => ({
    name: `retention by ${period}, 30 days`,
    aloneTargetMs: REPORT_TARGET_MS,
    path: ({ siteId, from, to }) => `/api/sites/${siteId}/retention?from=${from}&to=${to}&period=${period}`,
  })),
  // Sampled mode reads raw events (SAMPLE by visitor) where the unsampled one reads the rollup: these
  // show what a tenth, and auto past SLUICE_SAMPLING_MIN_ROWS, cost beside the exact answers above.
  {
    name: 'overview, 30 days, sample 0.1',
    aloneTargetMs: OVERVIEW_TARGET_MS,
    path: ({ siteId, from, to }) => `/api/sites/${siteId}/overview?from=${from}&to=${to}&sample=0.1`,
  },
  {
    name: 'breakdown by page, 30 days, sample auto',
    aloneTargetMs: REPORT_TARGET_MS,
    path: ({ siteId, from, to }) =>
      `/api/sites/${siteId}/breakdown?from=${from}&to=${to}&dimension=page&sample=auto`,
  },
  // The last 5 minutes of the site, wherever the seeded period lies (the stream is not a request to time).
  {
    name: 'realtime, last 5 minutes',
    aloneTargetMs: REPORT_TARGET_MS,
    path: ({ siteId }) => `/api/sites/${siteId}/realtime`,
  },
  ...['event_name', 'prop_key', 'outbound_link', 'download', 'element'].map((dimension): ReportRequest => ({
    name: `breakdown by ${dimension}, 30 days`,
    aloneTargetMs: REPORT_TARGET_MS,
    path: ({ siteId, from, to }) =>
      `/api/sites/${siteId}/breakdown?from=${from}&to=${to}&dimension=${dimension}`,
  })),
  {
    name: 'events explorer: the newest 100 events, 30 days',
    aloneTargetMs: REPORT_TARGET_MS,
    path: ({ siteId, from, to }) => `/api/sites/${siteId}/events?from=${from}&to=${to}&limit=100`,
  },
  {
    name: 'events explorer: the newest 100 signups, 30 days',
    aloneTargetMs: REPORT_TARGET_MS,
    path: ({ siteId, from, to }) =>
      `/api/sites/${siteId}/events?from=${from}&to=${to}&limit=100&filters=` +
      encodeURIComponent(JSON.stringify([{ dimension: 'event_name', operator: 'is', value: 'signup' }])),
  },
  {
    name: "a signed-in user's profile and newest visits, 30 days",
    aloneTargetMs: REPORT_TARGET_MS,
    path: ({ siteId, from, to, profileOwner }) =>
      `/api/sites/${siteId}/events/profile?from=${from}&to=${to}&${profileOwner.kind}=${encodeURIComponent(profileOwner.value)}`,
  },
  {
    name: 'errors, 30 days',
    aloneTargetMs: REPORT_TARGET_MS,
    path: ({ siteId, from, to }) => `/api/sites/${siteId}/errors?from=${from}&to=${to}`,
  },
  {
    name: 'one error group: its days, samples, pages and browsers, 30 days',
    aloneTargetMs: REPORT_TARGET_MS,
    path: ({ siteId, from, to, errorGroup }) =>
      `/api/sites/${siteId}/errors/${errorGroup}?from=${from}&to=${to}`,
  },
  {
    name: 'web vitals by page, 30 days',
    aloneTargetMs: REPORT_TARGET_MS,
    path: ({ siteId, from, to }) => `/api/sites/${siteId}/vitals?from=${from}&to=${to}&dimension=page`,
  },
  {
    // As the Top pages' details ask for it: every page they list.
    name: 'time on page and scroll depth by page, 30 days',
    aloneTargetMs: REPORT_TARGET_MS,
    path: ({ siteId, from, to }) => `/api/sites/${siteId}/engagement?from=${from}&to=${to}&limit=1000`,
  },
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
    // The seed's cart pages read the checkout flag (CHECKOUT_EXPERIMENT): its variants compared by a goal.
    name: "a flag's results by an event goal, 30 days",
    aloneTargetMs: REPORT_TARGET_MS,
    path: ({ siteId, from, to, goals }) =>
      `/api/sites/${siteId}/experiment?from=${from}&to=${to}&flag=${CHECKOUT_EXPERIMENT.flag}&goal=${goals.signup}`,
  },
  {
    name: 'heatmap of /pricing on desktop, 30 days',
    aloneTargetMs: REPORT_TARGET_MS,
    path: ({ siteId, from, to }) =>
      `/api/sites/${siteId}/heatmap?from=${from}&to=${to}&page=/pricing&viewport=desktop`,
  },
];
