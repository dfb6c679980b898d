import { sql, type SqlFragment } from '../../clickhouse/sql-binder.js';

/**
 * Every metric is a named SQL fragment over visit rows (`visits-source.ts`): one row per visit, with
 * `visitor`, `visit_started`, `visit_ended`, `visit_pageviews` and `visit_events`, from the rollup or
 * from raw events alike. Counts are attributed to the moment their visit began.
 */
export const METRICS = {
  /**
   * `uniq`, not `uniqExact`: exact below 65,536 visitors in a bucket and within about 1% above, at a
   * fraction of the memory. `visitor` is the visitor of the visit's first event, so a resend from
   * another address (another visitor_id) adds nobody.
   */
  visitors: sql`uniq(visitor)`,
  visits: sql`count()`,
  /** Sums per-visit counts of distinct event ids: exact, and a copy of an event adds nothing. */
  pageviews: sql`sum(visit_pageviews)`,
  events: sql`sum(visit_events)`,
  /**
   * Ratios round half up, written out: ClickHouse's round() rounds a float's ties to even, and a ratio
   * of counts often is a tie (1/8 of visits is 12.5%). Over no visits ClickHouse would divide 0 by 0
   * into nan, which JSON can't carry: 0 instead.
   */
  views_per_visit: sql`if(count() = 0, 0, floor(100 * sum(visit_pageviews) / count() + 0.5) / 100)`,
  /** Percent of visits that viewed at most one page, to two decimals. */
  bounce_rate: sql`if(count() = 0, 0, floor(10000 * countIf(visit_pageviews <= 1) / count() + 0.5) / 100)`,
  /**
   * Mean whole seconds from a visit's first to its last event. UInt32 minus UInt32 is signed in
   * ClickHouse (Int64), so no wrap-around; a one-event visit lasts 0.
   */
  visit_duration: sql`if(count() = 0, 0, floor(sum(toUInt32(visit_ended) - toUInt32(visit_started)) / count() + 0.5))`,
} as const satisfies Record<string, SqlFragment>;

export type MetricName = keyof typeof METRICS;
export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];

/** What a breakdown shows when no metric is asked for. */
export const BREAKDOWN_METRICS: MetricName[] = ['visitors', 'visits', 'pageviews'];
