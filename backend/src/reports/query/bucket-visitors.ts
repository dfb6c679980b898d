import { bind, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';
import { bucketDay, type DayInterval } from './day-buckets.js';
import { finalizedVisitRows, latestDaysOf } from './finalized-visits.js';
import { dayBounds, finalizedThenOpen, type OpenDays } from './range-days.js';
import type { DateRange, ReportQuery } from './report-query.js';
import { rollupVisitRows } from './visits.js';

/**
 * The (visitor, bucket) pairs of a site's finalized visits that began in [start, end) in a bucket the open
 * days also fall in, each as one 64-bit hash (`cityHash64(visitor, bucket)`): an open day's visit whose pair
 * is among them is not its visitor's first of the bucket. `bucketOf` gives an instant's bucket, a Date in the
 * site's zone (a day, a week or a month: bucketDay); the buckets the open days fall in begin with the one of
 * their first instant. Two pairs sharing a hash by chance (about 1 in 10^8 for a month's) would count a
 * visitor as seen.
 */
export function finalizedPairsOfOpenBuckets(
  query: Pick<ReportQuery, 'site' | 'finalizedVersions'>,
  bucketOf: (instant: SqlFragment) => SqlFragment,
  bounds: { start: SqlFragment; end: SqlFragment },
  open: OpenDays,
  finalizedThrough: string,
): SqlFragment {
  const openBucketsBegin = bucketBegins(
    query,
    bucketOf,
    sql`toDateTime(${bind.date(open.from)}, ${bind.timeZone('UTC')})`,
  );
  return sql`SELECT ${visitorBucket(bucketOf(sql`started`))} FROM visits
    WHERE ${latestDaysOf(bind.uint32(query.site.id), sql`toDate(${openBucketsBegin}, ${bind.timeZone('UTC')})`, bind.date(finalizedThrough), query.finalizedVersions)}
      AND started >= ${openBucketsBegin} AND started >= ${bounds.start} AND started < ${bounds.end}`;
}

/**
 * A row's visitor and a bucket's first day (a period's: a cohort's, a return's) as one hash: the pairs of
 * finalizedPairsOfOpenBuckets, and of retention's cohorts.
 */
export const visitorBucket = (bucket: SqlFragment) => sql`cityHash64(visitor, ${bucket})`;

/** When the bucket of `instant` begins, as an instant: its first day's midnight in the site's zone. */
export const bucketBegins = (
  query: Pick<ReportQuery, 'site'>,
  bucketOf: (instant: SqlFragment) => SqlFragment,
  instant: SqlFragment,
) => sql`toDateTime(${bucketOf(instant)}, ${bind.timeZone(query.site.timezone)})`;

/**
 * The visit rows of a timeseries by day, week or month whose visitors are counted without hashing them
 * (`first_in_bucket`, `open_row`: bucketFirstsMetric, metrics.ts). A finalized visit is its visitor's first
 * of its bucket when their previous visit began before the bucket, or before the range where the bucket
 * begins before it (`prev_started`, migration 0032); an open day's visit is counted, once per visitor by
 * `uniqExact`, unless a finalized visit of its visitor is in its bucket. Exact where `uniq` dropped a
 * visitor now and then (two of a month's days on the benchmark's largest site), and cheaper: that month by
 * day 46 → 41 ms on ClickHouse, a past month (no open day) a plain count.
 * Over the rollup's visits only (the planner's source without filters); undefined where it can't answer: a
 * clock interval, filters (they choose the visits whose first counts), a goal, a sample.
 */
export function bucketVisitRows(query: ReportQuery, range: DateRange): SqlFragment | undefined {
  const interval = query.interval;
  if (!isDayInterval(interval) || query.filters || query.goal || query.sample !== undefined) return undefined;
  const { start, end, firstDay, lastDay } = dayBounds(query.site, range);
  const bucketOf = (instant: SqlFragment) => bucketDay(interval, query.site.timezone, instant);
  const columns = sql`visit_id, visitor, visit_started, visit_ended, visit_pageviews, visit_events`;
  return finalizedThenOpen(
    query,
    range,
    (through) => sql`SELECT ${columns},
        toUInt8(prev_started < greatest(${bucketBegins(query, bucketOf, sql`visit_started`)}, ${start})) AS first_in_bucket,
        toUInt8(0) AS open_row
      FROM (${finalizedVisitRows(bind.uint32(query.site.id), { first: firstDay, through, versions: query.finalizedVersions }, { start, end }, [sql`prev_started`])})`,
    (open, finalizedThrough) => {
      const seen = finalizedThrough
        ? sql`${visitorBucket(bucketOf(sql`visit_started`))} IN (${finalizedPairsOfOpenBuckets(query, bucketOf, { start, end }, open, finalizedThrough)})`
        : sql`0`;
      return sql`SELECT ${columns}, toUInt8(NOT ${seen}) AS first_in_bucket, toUInt8(1) AS open_row
        FROM (${rollupVisitRows(query, { start, end, lastDay }, open)})`;
    },
  );
}

const isDayInterval = (interval: ReportQuery['interval']): interval is DayInterval =>
  interval === 'day' || interval === 'week' || interval === 'month';
