import type { DimensionName } from '@sluice/config';
import { bind, identifier, joinSql, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';
import type { NamedQuery } from '../../clickhouse/clickhouse.service.js';
import { HEADLINE_SETTINGS } from '../../clickhouse/query-priority.js';
import { bucketVisitRows } from './bucket-visitors.js';
import { bucketDay, type DayInterval } from './day-buckets.js';
import { dimensionAlias } from './dimensions.js';
import { firstVisitRows } from './first-visits.js';
import { carriesRevenue, goalsVisits, withGoal } from './goals.js';
import {
  bucketFirstsMetric,
  COUNT_METRICS,
  firstVisitMetric,
  goalMetricsOver,
  isVisitMetric,
  mergedMetric,
  METRICS,
  REVENUE,
  revenueByGoal,
  type MetricName,
} from './metrics.js';
import { SAMPLE_PARTS } from './sample-clause.js';
import { scaledUp } from './sampling.js';
import { chooseSource, type VisitSource } from './plan.js';
import type { DateRange, GoalCondition, Interval, ReportQuery } from './report-query.js';
import { valueTotalRows } from './value-totals.js';
import { visitRows } from './visits.js';

/**
 * Where a query's metrics are read: over visit rows, merged from partials (value-totals.ts), from partials
 * whose visitors add up (first-visits.ts), or over visit rows that tell each visitor's first of its bucket
 * (bucket-visitors.ts).
 */
type MetricsOver = 'rows' | 'partials' | 'first-visits' | 'bucket-firsts';

/**
 * A metric's value over visit rows (in a sampled query, a count scaled up to the whole: sampling.ts) or
 * merged from partials (never sampled).
 */
function metricValue(name: MetricName, sample: number | undefined, over: MetricsOver): SqlFragment {
  if (over === 'partials' && isVisitMetric(name)) return mergedMetric(name);
  if (over === 'first-visits' && isVisitMetric(name)) return firstVisitMetric(name);
  if (over === 'bucket-firsts' && isVisitMetric(name)) return bucketFirstsMetric(name);
  return sample !== undefined && COUNT_METRICS.includes(name)
    ? scaledUp(METRICS[name], sample)
    : METRICS[name];
}

/** A revenue amount, scaled up like the counts in a sampled query. */
const scaledAmount = (amount: SqlFragment, sample: number | undefined) =>
  sample === undefined
    ? amount
    : sql`toInt64(intDiv(${amount} * ${bind.uint32(SAMPLE_PARTS)}, ${bind.uint32(sample)}))`;

/** Revenue per currency (REVENUE, metrics.ts), each amount scaled up in a sampled query. */
const revenueColumn = (sample: number | undefined) =>
  sample === undefined
    ? REVENUE
    : sql`arrayMap(pair -> (tupleElement(pair, 1), ${scaledAmount(sql`tupleElement(pair, 2)`, sample)}), ${REVENUE})`;

/** The metrics' values by name, and `revenue` beside them where an event goal is chosen. */
const metricPairs = (query: ReportQuery, over: MetricsOver = 'rows'): Array<[SqlFragment, SqlFragment]> => [
  ...query.metrics.map((name): [SqlFragment, SqlFragment] => [
    metricValue(name, query.sample, over),
    identifier(name),
  ]),
  ...(query.goal && carriesRevenue(query.goal)
    ? [[revenueColumn(query.sample), sql`revenue`] as [SqlFragment, SqlFragment]]
    : []),
];

/** The metrics' columns (metricPairs). */
const metricColumns = (query: ReportQuery, over?: MetricsOver) =>
  joinSql(
    metricPairs(query, over).map(([value, name]) => sql`${value} AS ${name}`),
    ', ',
  );

/** The names of metricColumns' columns. */
const metricNames = (query: ReportQuery) =>
  joinSql(
    metricPairs(query).map(([, name]) => name),
    ', ',
  );

/** The intervals whose buckets are shorter than a day: their label is the local minute or hour. */
type ClockInterval = Exclude<Interval, DayInterval>;

/**
 * A visit's start as the label of its minute or hour in the site's zone, as the gap filler writes it
 * (`zoned-buckets.ts`). The zone argument makes ClickHouse read the UTC instant there, half-hour zones and DST
 * days included: grouped by the label, the hour a DST change repeats is one bucket, as the filler has it.
 */
function clockLabel(interval: ClockInterval, timeZone: string): SqlFragment {
  const format = interval === 'minute' ? '%Y-%m-%d %H:%M' : '%Y-%m-%d %H:00';
  return sql`formatDateTime(visit_started, ${bind.string(format)}, ${bind.timeZone(timeZone)})`;
}

const isClockInterval = (interval: Interval): interval is ClockInterval =>
  interval === 'minute' || interval === 'hour';

/**
 * The SQL of a query over one range: its metrics over every visit, per time bucket (`interval`) or per
 * value of its dimension, from the source the planner chose (or the one a test names).
 */
export function reportSql(
  query: ReportQuery,
  range: DateRange,
  source: VisitSource = chooseSource(query),
): NamedQuery {
  const report = composedReport(query, range, source);
  // The overview and its series are what a page leads with: they go first (query-priority.ts).
  return query.dimension && !query.interval ? report : { ...report, settings: HEADLINE_SETTINGS };
}

/** reportSql's query, before its priority. */
function composedReport(query: ReportQuery, range: DateRange, source: VisitSource): NamedQuery {
  const name = `report:${query.interval ? 'timeseries' : query.dimension ? 'breakdown' : 'overview'}:${source}`;
  const firsts = firstVisitRows(query, range);
  if (firsts && query.dimension) {
    return {
      name: 'report:breakdown:first-visits',
      sql: breakdownSql(query, query.dimension, sql`(${firsts})`, metricColumns(query, 'first-visits')),
    };
  }
  const totals = valueTotalRows(query, range);
  if (totals && query.dimension) {
    return {
      name: 'report:breakdown:totals',
      sql: breakdownSql(query, query.dimension, sql`(${totals})`, metricColumns(query, 'partials')),
    };
  }
  const visits = withGoal(query, range, visitRows(query, range, source));
  const metrics = metricColumns(query);
  if (query.interval) {
    const { interval } = query;
    if (isClockInterval(interval)) {
      return {
        name,
        sql: sql`SELECT ${clockLabel(interval, query.site.timezone)} AS bucket, ${metrics}
          FROM ${visits} GROUP BY bucket ORDER BY bucket`,
      };
    }
    const firstsOfBuckets = source === 'rollup' ? bucketVisitRows(query, range) : undefined;
    return firstsOfBuckets
      ? {
          name: 'report:timeseries:bucket-firsts',
          sql: dayBucketsSql(
            query,
            interval,
            sql`(${firstsOfBuckets})`,
            metricColumns(query, 'bucket-firsts'),
          ),
        }
      : { name, sql: dayBucketsSql(query, interval, visits, metrics) };
  }
  if (query.dimension) return { name, sql: breakdownSql(query, query.dimension, visits, metrics) };
  return { name, sql: sql`SELECT ${metrics} FROM ${visits}` };
}

/**
 * A series by day, week or month: `metrics` over `rows` per bucket. Grouped by the day's number, labelled
 * after (the bucket's first day): 18.16 groups by a String or a Date key with a fixed cost a UInt32 key has
 * not (a 30-day series by day: 48-49 ms against 51-53).
 */
function dayBucketsSql(
  query: ReportQuery,
  interval: DayInterval,
  rows: SqlFragment,
  metrics: SqlFragment,
): SqlFragment {
  return sql`SELECT toString(toDate(bucket_day)) AS bucket, ${metricNames(query)} FROM (
      SELECT toUInt32(${bucketDay(interval, query.site.timezone, sql`visit_started`)}) AS bucket_day, ${metrics}
      FROM ${rows} GROUP BY bucket_day
    ) ORDER BY bucket_day`;
}

/**
 * Every goal of `goals` (at most GOALS_PER_QUERY) over one range, in one row: `conversions_<i>` and
 * `conversion_rate_<i>` of the goal at index i, as a report with that goal answers them, and with an event
 * goal among them `revenue`, every goal's as [index, currency, amount] triples (revenueByGoal). The visits
 * are read once and each tagged with the goals it completed (goalsVisits).
 */
export function goalConversionsSql(query: ReportQuery, range: DateRange, goals: GoalCondition[]): NamedQuery {
  const source = chooseSource(query);
  const withRevenue = goals.some(carriesRevenue);
  const visits = sql`(${visitRows(query, range, source)}) ANY LEFT JOIN (${goalsVisits(query, range, goals, withRevenue)}) USING visit_id`;
  const columns = goals.flatMap((_goal, index) => {
    const metrics = goalMetricsOver(sql`bitAnd(bitShiftRight(visit_goals, ${bind.uint32(index)}), 1) = 1`);
    const conversions =
      query.sample === undefined ? metrics.conversions : scaledUp(metrics.conversions, query.sample);
    return [
      sql`${conversions} AS ${identifier(`conversions_${index}`)}`,
      sql`${metrics.conversion_rate} AS ${identifier(`conversion_rate_${index}`)}`,
    ];
  });
  if (withRevenue) columns.push(sql`${revenueByGoal((sum) => scaledAmount(sum, query.sample))} AS revenue`);
  return {
    name: `report:goal-conversions:${source}`,
    sql: sql`SELECT ${joinSql(columns, ', ')} FROM ${visits}`,
  };
}

/** A breakdown's page of rows: `metrics` per value of `dimension` over `rows`, in the order asked. */
function breakdownSql(
  query: ReportQuery,
  dimension: DimensionName,
  rows: SqlFragment,
  metrics: SqlFragment,
): SqlFragment {
  const order = query.order ?? { by: query.metrics[0], direction: 'desc' };
  const by = order.by === 'value' ? sql`value` : identifier(order.by);
  const direction = order.direction === 'asc' ? sql`ASC` : sql`DESC`;
  // One row more than a page: whether there is a next page, without counting them all.
  return sql`SELECT ${dimensionAlias(dimension)} AS value, ${metrics} FROM ${rows}
    GROUP BY value ORDER BY ${by} ${direction}, value ASC
    LIMIT ${bind.uint32(query.offset ?? 0)}, ${bind.uint32((query.limit ?? 100) + 1)}`;
}
