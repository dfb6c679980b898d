import { identifier, render, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';

/**
 * What the visit metrics are made of, each an aggregate over visit rows (`visits.ts`): one row per visit,
 * with `visitor`, `visit_started`, `visit_ended`, `visit_pageviews` and `visit_events`, from the rollup or
 * from raw events alike. Counts are attributed to the moment their visit began. Each is also kept as a
 * partial (`state`, by default the aggregate itself) that `merge` combines, so a table of per-day partials
 * (`finalized_value_totals`, migration 0028) answers as the rows it was made of.
 */
interface Aggregate {
  /** Over visit rows. */
  over: SqlFragment;
  /** Its partial over visit rows; `over` where the partials are plain counts or sums. */
  state?: SqlFragment;
  /** The function that merges partials; `sum` by default. */
  merge?: SqlFragment;
}

const AGGREGATES = {
  /**
   * `uniq`, not `uniqExact`: exact below 65,536 visitors in a bucket and within about 1% above, at a
   * fraction of the memory. `visitor` is the visitor of the visit's first event, so a resend from
   * another address (another visitor_id) adds nobody.
   */
  visitors: { over: sql`uniq(visitor)`, state: sql`uniqState(visitor)`, merge: sql`uniqMerge` },
  visits: { over: sql`count()` },
  /** Sums per-visit counts of distinct event ids: exact, and a copy of an event adds nothing. */
  pageviews: { over: sql`sum(visit_pageviews)` },
  events: { over: sql`sum(visit_events)` },
  /** Visits that viewed at most one page. */
  bounces: { over: sql`countIf(visit_pageviews <= 1)` },
  /**
   * Whole seconds from each visit's first to its last event. UInt32 minus UInt32 is signed in
   * ClickHouse (Int64), so no wrap-around; a one-event visit lasts 0.
   */
  duration: { over: sql`sum(toUInt32(visit_ended) - toUInt32(visit_started))` },
} as const satisfies Record<string, Aggregate>;

export type AggregateName = keyof typeof AGGREGATES;
export const AGGREGATE_NAMES = Object.keys(AGGREGATES) as AggregateName[];

/** Each aggregate over visit rows, as a metric reads it there. */
const OVER_ROWS = Object.fromEntries(AGGREGATE_NAMES.map((name) => [name, AGGREGATES[name].over])) as Record<
  AggregateName,
  SqlFragment
>;

/** Each aggregate's partial over visit rows, to be merged (MERGED). */
export const aggregateState = (name: AggregateName): SqlFragment => {
  const aggregate: Aggregate = AGGREGATES[name];
  return aggregate.state ?? aggregate.over;
};

/**
 * The column of an aggregate's partials, `partial_<name>`: not the metric's own name, which a metric's
 * alias would shadow (ClickHouse resolves `visits` in `sum(visits) / ...` to `sum(visits) AS visits`).
 */
export const partialColumn = (name: AggregateName) => identifier(`partial_${name}`);

/** Each aggregate merged from its partials (partialColumn): sums are summed again. */
const MERGED = Object.fromEntries(
  AGGREGATE_NAMES.map((name) => {
    const aggregate: Aggregate = AGGREGATES[name];
    return [name, sql`${aggregate.merge ?? sql`sum`}(${partialColumn(name)})`];
  }),
) as Record<AggregateName, SqlFragment>;

/**
 * Every visit metric is a named SQL fragment over the aggregates, read over visit rows or merged from
 * partials alike.
 */
const VISIT_METRICS = {
  visitors: (a) => a.visitors,
  visits: (a) => a.visits,
  pageviews: (a) => a.pageviews,
  events: (a) => a.events,
  /**
   * Ratios round half up, written out: ClickHouse's round() rounds a float's ties to even, and a ratio
   * of counts often is a tie (1/8 of visits is 12.5%). Over no visits ClickHouse would divide 0 by 0
   * into nan, which JSON can't carry: 0 instead.
   */
  views_per_visit: (a) => sql`if(${a.visits} = 0, 0, floor(100 * ${a.pageviews} / ${a.visits} + 0.5) / 100)`,
  /** Percent of visits that viewed at most one page, to two decimals. */
  bounce_rate: (a) => sql`if(${a.visits} = 0, 0, floor(10000 * ${a.bounces} / ${a.visits} + 0.5) / 100)`,
  /** Mean whole seconds from a visit's first to its last event. */
  visit_duration: (a) => sql`if(${a.visits} = 0, 0, floor(${a.duration} / ${a.visits} + 0.5))`,
} as const satisfies Record<string, (aggregates: Record<AggregateName, SqlFragment>) => SqlFragment>;

type VisitMetricName = keyof typeof VISIT_METRICS;

/**
 * Metrics of a report with a goal, over visit rows where `converted` is true of a visit that completed
 * the goal: `visit_converted = 1` beside one goal (goals.ts), or the goal's bit of a visit's goals when every
 * goal of a site is counted at once (goalConversionsSql, compose.ts).
 */
export const goalMetricsOver = (converted: SqlFragment) =>
  ({
    /** Visitors with a converted visit among the row's visits. */
    conversions: sql`uniqIf(visitor, ${converted})`,
    /** Converted visitors as a percent of the row's visitors, two decimals, half up as above. */
    conversion_rate: sql`if(uniq(visitor) = 0, 0, floor(10000 * uniqIf(visitor, ${converted}) / uniq(visitor) + 0.5) / 100)`,
  }) as const satisfies Record<string, SqlFragment>;

const GOAL_METRICS = goalMetricsOver(sql`visit_converted = 1`);

/** What every report can answer. */
export const METRIC_NAMES = Object.keys(VISIT_METRICS) as VisitMetricName[];

/** Each metric over visit rows. */
export const METRICS = {
  ...(Object.fromEntries(METRIC_NAMES.map((name) => [name, VISIT_METRICS[name](OVER_ROWS)])) as Record<
    VisitMetricName,
    SqlFragment
  >),
  ...GOAL_METRICS,
};
export type MetricName = keyof typeof METRICS;

/** Whether a metric is made of the aggregates alone (mergedMetric answers it). */
export const isVisitMetric = (name: MetricName): name is VisitMetricName => name in VISIT_METRICS;

/** A visit metric over partials merged (AGGREGATES), from a column of each aggregate's (partialColumn). */
export const mergedMetric = (name: VisitMetricName): SqlFragment => VISIT_METRICS[name](MERGED);

/**
 * A visit metric over partials whose visitors are counts that add up (first-visits.ts), the other aggregates
 * merged as mergedMetric merges them.
 */
export const firstVisitMetric = (name: VisitMetricName): SqlFragment =>
  VISIT_METRICS[name]({ ...MERGED, visitors: sql`sum(${partialColumn('visitors')})` });

/**
 * A visit metric over visit rows that tell whether each is its visitor's first of its bucket, finalized or
 * on an open day (`first_in_bucket`, `open_row`: bucket-visitors.ts): the finalized visitors a count, the
 * open days' distinct, the other aggregates as over rows.
 */
export const bucketFirstsMetric = (name: VisitMetricName): SqlFragment =>
  VISIT_METRICS[name]({
    ...OVER_ROWS,
    visitors: sql`(countIf(first_in_bucket = 1 AND open_row = 0) + uniqExactIf(visitor, first_in_bucket = 1 AND open_row = 1))`,
  });

/** The aggregates a query's visit metrics (and the one it orders by) read, from their SQL. */
export function aggregatesReadBy(query: {
  metrics: MetricName[];
  order?: { by: MetricName | 'value' };
}): AggregateName[] {
  const read = metricsOf(query)
    .filter(isVisitMetric)
    .map((name) => render(mergedMetric(name)));
  return AGGREGATE_NAMES.filter((name) => read.some((text) => text.includes(render(partialColumn(name)))));
}

/** A query's metrics and the one it orders by. */
const metricsOf = (query: { metrics: MetricName[]; order?: { by: MetricName | 'value' } }) => {
  const by = query.order?.by;
  return by === undefined || by === 'value' ? query.metrics : [...query.metrics, by];
};

/**
 * A visit row's counts of distinct event ids (visits.ts). Over the open days each is counted per visit
 * (a state merged from the rollup, or distinct ids of raw events): the largest cost of an open day, which
 * a query whose metrics read neither (a timeseries of visitors, the visits a filter keeps) need not pay.
 */
const VISIT_COUNTS = ['visit_pageviews', 'visit_events'] as const;
export type VisitCount = (typeof VISIT_COUNTS)[number];

/** The visit counts a query's metrics (and the one it orders by) read, from their SQL. */
export function countsReadBy(query: {
  metrics: MetricName[];
  order?: { by: MetricName | 'value' };
}): Set<VisitCount> {
  const read = metricsOf(query).map((name) => render(METRICS[name]));
  return new Set(VISIT_COUNTS.filter((count) => read.some((text) => text.includes(count))));
}

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

/**
 * Every goal's revenue at once (goalsVisits, goals.ts), as [goal's index, currency, ten-thousandths]
 * triples: REVENUE's sums, keyed by the goal and the currency together (`revenue_keys`: the index times
 * 2^32 plus the currency's number), so one sumMap over the visits adds up every goal's. `amount` turns a
 * sum into the answer's amount (a sampled query's scales it up).
 */
export const revenueByGoal = (amount: (sum: SqlFragment) => SqlFragment) =>
  sql`arrayMap((key, total) -> (toUInt32(intDiv(key, 4294967296)), reinterpretAsString(toUInt32(key % 4294967296)), ${amount(sql`total`)}),
    tupleElement(sumMap(revenue_keys, revenue_amounts), 1),
    tupleElement(sumMap(revenue_keys, revenue_amounts), 2))`;

/** The metrics that count (visitors, visits, events…): a sampled query scales them up by its rate; the others are ratios. */
export const COUNT_METRICS: MetricName[] = ['visitors', 'visits', 'pageviews', 'events', 'conversions'];

/** What a breakdown shows when no metric is asked for. */
export const BREAKDOWN_METRICS: MetricName[] = ['visitors', 'visits', 'pageviews'];
