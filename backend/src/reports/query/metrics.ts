import { sql, type SqlFragment } from '../../clickhouse/sql-binder.js';

/**
 * Every metric is a named SQL fragment over visit rows (`visits-source.ts`): one row per visit, with
 * `visitor`, `visit_started`, `visit_ended`, `visit_pageviews` and `visit_events`, from the rollup or
 * from raw events alike. Counts are attributed to the moment their visit began.
 */
const VISIT_METRICS = {
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

/**
 * Metrics of a report with a goal, over visit rows beside `visit_converted` (goals.ts): 1 for a visit
 * that completed the goal, 0 for one that did not.
 */
const GOAL_METRICS = {
  /** Visitors with a converted visit among the row's visits. */
  conversions: sql`uniqIf(visitor, visit_converted = 1)`,
  /** Converted visitors as a percent of the row's visitors, two decimals, half up as above. */
  conversion_rate: sql`if(uniq(visitor) = 0, 0, floor(10000 * uniqIf(visitor, visit_converted = 1) / uniq(visitor) + 0.5) / 100)`,
} as const satisfies Record<string, SqlFragment>;

export const METRICS = { ...VISIT_METRICS, ...GOAL_METRICS };
export type MetricName = keyof typeof METRICS;
/** What every report can answer. */
export const METRIC_NAMES = Object.keys(VISIT_METRICS) as Array<keyof typeof VISIT_METRICS>;
/** What only a report with a goal can answer. */
export const GOAL_METRIC_NAMES = Object.keys(GOAL_METRICS) as MetricName[];

/**
 * A report's revenue with an event goal: the sum of its visits' goal revenue, per currency, as
 * [currency, ten-thousandths] pairs (goals.ts says why the currency is a number until here).
 * Currencies are never added together: each is its own pair.
 */
export const REVENUE = sql`arrayMap((code, amount) -> (reinterpretAsString(code), amount),
  tupleElement(sumMap(revenue_currencies, revenue_amounts), 1),
  tupleElement(sumMap(revenue_currencies, revenue_amounts), 2))`;

/** The metrics that count (visitors, visits, events…): a sampled query scales them up by its rate; the others are ratios. */
export const COUNT_METRICS: MetricName[] = ['visitors', 'visits', 'pageviews', 'events', 'conversions'];

/** What a breakdown shows when no metric is asked for. */
export const BREAKDOWN_METRICS: MetricName[] = ['visitors', 'visits', 'pageviews'];
