import type { NamedQuery } from '../../clickhouse/clickhouse.service.js';
import { bind, identifier, joinSql, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';
import { daysInRange } from '../../common/calendar.js';
import { bucketBegins, finalizedPairsOfOpenBuckets, visitorBucket } from './bucket-visitors.js';
import { bucketDay, bucketOfDate } from './day-buckets.js';
import { chooseSource } from './plan.js';
import type { DateRange, ReportQuery } from './report-query.js';
import { latestDaysOf } from './finalized-visits.js';
import { dayBounds, eventDays, finalizedThenOpen, type OpenDays } from './range-days.js';
import { rollupVisitRows, visitRows } from './visits.js';
import { VISIT_KEY } from './visit-key.js';

export const RETENTION_PERIODS = ['day', 'week', 'month'] as const;
export type RetentionPeriod = (typeof RETENTION_PERIODS)[number];

/** The longest range per period: a grid has a row per period and a column per later period. */
export const MAX_RETENTION_DAYS: Record<RetentionPeriod, number> = { day: 92, week: 366, month: 366 };

/** A retention request: the report's range and filters, the period, and what counts as returning. */
export interface RetentionQuery extends Omit<ReportQuery, 'metrics'> {
  period: RetentionPeriod;
  /** Returning means an event of this name; undefined: any visit. */
  returnEvent?: string;
}

/** The label of the cohort that stands for its whole size in the answer's rows (no period is empty). */
export const COHORT_SIZE = '';

/** A period's first day (a Date) in the site's zone; its label in the answer is `toString` of it. */
const periodStart = (query: RetentionQuery, instant: SqlFragment) =>
  bucketDay(query.period, query.site.timezone, instant);

/**
 * The visitors first seen in the range (their first-ever event, so a visitor first seen before the range is
 * in no cohort), each with the first day of their cohort's period in the site's zone (`cohort_start`):
 * those first seen on finalized days as written then (`finalized_first_seen`, migration 0026), the others
 * from the `visitors_first_seen` rollup, merged only for the visitors with events on the open days (a
 * visitor first seen there has their first event there; the whole rollup is every visitor of the site's
 * history: openVisitorsFirstSeen).
 */
function cohorts(query: RetentionQuery, range: DateRange): SqlFragment {
  const { start, end, firstDay, lastDay } = dayBounds(query.site, range);
  const site = bind.uint32(query.site.id);
  const inRange = (instant: SqlFragment) => sql`${instant} >= ${start} AND ${instant} < ${end}`;
  const firstSeen = finalizedThenOpen(
    query,
    range,
    (through) => sql`SELECT visitor, first_seen FROM finalized_first_seen
      WHERE ${latestDaysOf(site, firstDay, bind.date(through), query.finalizedVersions)} AND ${inRange(sql`first_seen`)}`,
    (open) => sql`${openVisitorsFirstSeen(query, open, lastDay)}
      HAVING ${inRange(sql`first_seen`)} AND toDate(first_seen) >= ${bind.date(open.from)}`,
  );
  return sql`SELECT visitor, ${periodStart(query, sql`first_seen`)} AS cohort_start FROM (${firstSeen})`;
}

/**
 * When each visitor with events on the open days was first seen at all, merged from the `visitors_first_seen`
 * rollup for those visitors only (the whole rollup is every visitor of the site's history), grouped by visitor
 * for a HAVING to follow. GLOBAL: on a cluster both tables are Distributed, whose IN subqueries ClickHouse
 * refuses.
 */
const openVisitorsFirstSeen = (query: RetentionQuery, open: OpenDays, lastDay: SqlFragment) =>
  sql`SELECT visitor, minMerge(first_seen) AS first_seen FROM visitors_first_seen
    WHERE site_id = ${bind.uint32(query.site.id)} AND visitor GLOBAL IN (
      SELECT sipHash64(visitor_id) FROM events
      WHERE site_id = ${bind.uint32(query.site.id)} AND toDate(ts) >= ${bind.date(open.from)}
        AND toDate(ts) <= ${lastDay} AND is_bot = 0
    )
    GROUP BY visitor`;

/**
 * Who was active in which period of the range (`period_start`, the period's first day): `visited` on a
 * visit's start (its visitor is its first event's, so a resend from another address is nobody new), and
 * `returned` on a visit or, with a return event, on that event (each event once, by its id, at its first
 * ts; its visitor its visit's).
 */
function activity(query: RetentionQuery, range: DateRange): SqlFragment {
  const { start, end } = dayBounds(query.site, range);
  const visitsQuery = { ...query, metrics: [] };
  const visits = visitRows(visitsQuery, range, chooseSource(visitsQuery));
  const visited = sql`SELECT visitor, ${periodStart(query, sql`visit_started`)} AS period_start, toUInt8(1) AS visited
    FROM (${visits})`;
  if (query.returnEvent === undefined) return visited;
  return sql`${visited} UNION ALL
    SELECT visitor, ${periodStart(query, sql`at`)} AS period_start, toUInt8(0) AS visited FROM (
      SELECT any(${VISIT_KEY}) AS visit_id, min(ts) AS at FROM events
      WHERE ${eventDays(query, range)} AND is_bot = 0 AND name = ${bind.string(query.returnEvent)}
      GROUP BY event_id
      HAVING at >= ${start} AND at < ${end}
    ) ANY INNER JOIN (SELECT visit_id, any(visitor) AS visitor FROM (${visits}) GROUP BY visit_id) USING visit_id`;
}

/**
 * The retention grid of a range: rows (cohort, period, visitors) where period `COHORT_SIZE` is the
 * cohort's size and any other the visitors of the cohort who returned in that period. Returning on any
 * visit without a filter, firstVisitsGrid answers; what follows is how every other grid is counted.
 *
 * A visitor is in their cohort only with a visit in its period that the filters keep: so the filters
 * choose the cohort, and an address that only ever resent someone else's events (its own visitor id,
 * no visit of its own) is in none. Counts are exact: each visitor is one row before they are counted.
 *
 * Where the time goes: the activity is grouped per visitor, the periods they returned in as bits of
 * 64-bit masks (returnMasks: no array, no hash set per visitor, no strings); labels are written last, on
 * the grid's few cells. Each cell is a (kind, period) pair: kind 0 the cohort's size, 1 a return. A visitor's
 * cohort is the period of their first visit in the range when that (visitor, period) pair is a cohort's: no
 * visit of theirs precedes their first-ever event, so they have a visit in their cohort's period exactly
 * when their first one is in it. The pair is tested once per visitor, against a set of those pairs as one
 * 64-bit hash each: on the benchmark's month, 305 ms against 340–360 for joining the cohorts to the grouped
 * activity, the same grid (two pairs sharing a hash by chance, about 1 in 10^8 there, would put a visitor
 * in a cohort).
 */
export function retentionSql(query: RetentionQuery, range: DateRange): NamedQuery {
  if (query.returnEvent === undefined && !query.filters) {
    return { name: `retention:${query.period}`, sql: firstVisitsGrid(query, range) };
  }
  const returned = query.returnEvent === undefined ? sql`visited = 1` : sql`visited = 0`;
  const cohortPairs = sql`SELECT ${visitorBucket(sql`cohort_start`)} FROM (${cohorts(query, range)})`;
  const masks = returnMasks(query, range, returned);
  return {
    name: `retention:${query.period}`,
    sql: sql`SELECT toString(cohort_start) AS cohort,
        if(tupleElement(cell, 1) = 0, ${bind.string(COHORT_SIZE)}, toString(tupleElement(cell, 2))) AS period,
        count() AS visitors
      FROM (
        SELECT cohort_start,
          arrayJoin(arrayPushFront(${masks.returns}, (0, cohort_start))) AS cell
        FROM (
          SELECT visitor,
            minIf(period_start, visited = 1) AS cohort_start,
            ${masks.columns}
          FROM (${activity(query, range)})
          GROUP BY visitor
          HAVING ${visitorBucket(sql`cohort_start`)} IN (${cohortPairs})
        )
      )
      GROUP BY cohort_start, cell`,
  };
}

/**
 * The grid of a retention on visits alone (no return event, no filter), without grouping the visits by
 * visitor: a finalized visit counts in its cell, (the period of its visitor's `first_seen`, its own period),
 * when it is its visitor's first in that period (`prev_started` before the period begins; migration 0032),
 * so each visitor of a cell is one visit of it. The open days' visits are merged from the rollup, their
 * visitors' first-seen instants looked up in `visitors_first_seen` (as cohorts() does), and each (visitor,
 * period) pair counted once there unless a finalized visit of that pair counts it already. Every cohort's
 * size is its cell of its own period: its visitors' first visit is in it. On the benchmark's largest site,
 * a month by week: 70 ms against 202 for grouping its activity by visitor (retentionSql's other path).
 */
function firstVisitsGrid(query: RetentionQuery, range: DateRange): SqlFragment {
  const { start, end, firstDay, lastDay } = dayBounds(query.site, range);
  const site = bind.uint32(query.site.id);
  const inRange = (instant: SqlFragment) => sql`${instant} >= ${start} AND ${instant} < ${end}`;
  const periodOf = (instant: SqlFragment) => periodStart(query, instant);
  const cells = finalizedThenOpen(
    query,
    range,
    (through) => sql`SELECT ${periodOf(sql`first_seen`)} AS cohort_start,
        ${periodOf(sql`started`)} AS period_start, count() AS visitors
      FROM visits
      WHERE ${latestDaysOf(site, firstDay, bind.date(through), query.finalizedVersions)} AND ${inRange(sql`started`)}
        AND ${inRange(sql`first_seen`)} AND prev_started < ${bucketBegins(query, periodOf, sql`started`)}
      GROUP BY cohort_start, period_start`,
    (open, finalizedThrough) => {
      const openVisits = rollupVisitRows({ ...query, metrics: [] }, { start, end, lastDay }, open);
      const counted = finalizedThrough
        ? sql`WHERE ${visitorBucket(sql`period_start`)} NOT IN (
            ${finalizedPairsOfOpenBuckets(query, periodOf, { start, end }, open, finalizedThrough)}
          )`
        : sql``;
      return sql`SELECT ${periodOf(sql`first_seen`)} AS cohort_start, period_start,
          uniqExact(visitor) AS visitors
        FROM (
          SELECT visitor, ${periodOf(sql`visit_started`)} AS period_start FROM (${openVisits})
        ) ANY INNER JOIN (
          ${openVisitorsFirstSeen(query, open, lastDay)} HAVING ${inRange(sql`first_seen`)}
        ) USING visitor
        ${counted}
        GROUP BY cohort_start, period_start`;
    },
  );
  return sql`SELECT toString(cohort_start) AS cohort,
      if(size = 1, ${bind.string(COHORT_SIZE)}, toString(period_start)) AS period, visitors
    FROM (
      SELECT cohort_start, period_start, sum(visitors) AS visitors FROM (${cells}) GROUP BY cohort_start, period_start
    )
    ARRAY JOIN if(period_start = cohort_start, [0, 1], [0]) AS size`;
}

/** Bits per mask of returnMasks. */
const MASK_BITS = 64;

/**
 * The periods a visitor returned in (`returned`, over activity rows) as bits of 64-bit masks: bit i of mask
 * w is the range's period 64w + i, counted from the one its first day is in. `columns` aggregates them per
 * visitor (`groupBitOrIf`, a number per visitor where an array of Dates was one more allocation: the
 * benchmark's month by week grouped in 72 ms against 111); `returns` reads them back as cells, (1, a
 * period's first day) each. A lambda reads only its own argument (bitmaskToArray's powers of two): 18.16
 * can't find an aggregate's alias captured by a lambda over the grouped rows.
 */
function returnMasks(
  query: RetentionQuery,
  range: DateRange,
  returned: SqlFragment,
): { columns: SqlFragment; returns: SqlFragment } {
  const first = bucketOfDate(query.period, bind.date(range.from));
  const days = daysInRange(range.from, range.to);
  // At most this many periods begin in the range: a week or month's first may be before its first day.
  const periods = { day: days, week: Math.ceil(days / 7) + 1, month: Math.ceil(days / 28) + 1 }[query.period];
  const masks = Array.from({ length: Math.ceil(periods / MASK_BITS) }, (_, word) => ({
    alias: identifier(`returned_${word}`),
    offset: bind.uint32(word * MASK_BITS),
  }));
  const index = {
    day: sql`toRelativeDayNum(period_start) - toRelativeDayNum(${first})`,
    week: sql`intDiv(toRelativeDayNum(period_start) - toRelativeDayNum(${first}), 7)`,
    month: sql`toRelativeMonthNum(period_start) - toRelativeMonthNum(${first})`,
  }[query.period];
  const periodAt = (number: SqlFragment) =>
    ({
      day: sql`${first} + ${number}`,
      week: sql`${first} + 7 * ${number}`,
      month: sql`addMonths(${first}, ${number})`,
    })[query.period];
  return {
    columns: joinSql(
      masks.map(
        ({ alias, offset }) => sql`groupBitOrIf(bitShiftLeft(toUInt64(1), toUInt64(${index} - ${offset})),
            ${returned} AND ${index} >= ${offset} AND ${index} < ${offset} + ${bind.uint32(MASK_BITS)}) AS ${alias}`,
      ),
      ', ',
    ),
    returns: sql`arrayConcat(${joinSql(
      masks.map(
        ({ alias, offset }) =>
          sql`arrayMap(bit -> (1, ${periodAt(sql`(${offset} + toUInt32(log2(bit)))`)}), bitmaskToArray(${alias}))`,
      ),
      ', ',
    )})`,
  };
}
