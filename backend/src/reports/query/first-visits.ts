import { bind, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';
import { daysInRange } from '../../common/calendar.js';
import { dimensionAlias } from './dimensions.js';
import { FIRST_VISIT_DIMENSIONS, FIRST_VISIT_LOOKBACK_DAYS, finalizedValuesOf } from './finalized-visits.js';
import { splitByLevel } from './filters.js';
import { dayBounds, finalizedThenOpen } from './range-days.js';
import type { DateRange, ReportQuery } from './report-query.js';
import { eventVisitRows, ownValuesOf, valueDimension } from './visits.js';

/** A day in seconds. */
const DAY_SECONDS = 86_400;

/**
 * The rows a breakdown by a page or an element (FIRST_VISIT_DIMENSIONS) counts its visitors from, as counts:
 * per value, `partial_visitors` of the finalized days and of the open days, which add up (FIRST_VISITORS).
 * Undefined where they can't answer: another dimension, any metric but visitors, a visit filter, a goal, a
 * timeseries, sampled, or a range longer than FIRST_VISIT_LOOKBACK_DAYS.
 *
 * A visitor of a value counts once, by their first group of it in the range: on the finalized days, the
 * rows whose previous group of the same visitor and value began before the range (`prev_started`, written
 * by the finalizer: migration 0031), a count; on the open days, the visitors of the value not among its
 * finalized rows in the range. `uniq` over a month's page rows of the benchmark's largest site hashed
 * every visitor: 111 ms against 40 for the count, and the count is exact above 65,536. The open day's
 * visitors seen before are looked up among the month's rows of its visitors: about 60 ms of the 151 the whole
 * breakdown takes there (the page totals' `uniqMerge` and the open day took 211).
 */
export function firstVisitRows(query: ReportQuery, range: DateRange): SqlFragment | undefined {
  const dimension = valueDimension(query);
  if (
    dimension === undefined ||
    !FIRST_VISIT_DIMENSIONS.includes(dimension) ||
    splitByLevel(query.filters).visit !== undefined ||
    query.goal !== undefined ||
    query.interval !== undefined ||
    !readsVisitorsOnly(query) ||
    rangeSeconds(range) > FIRST_VISIT_LOOKBACK_DAYS * DAY_SECONDS
  ) {
    return undefined;
  }
  const { start, end, firstDay, lastDay } = dayBounds(query.site, range);
  const site = bind.uint32(query.site.id);
  const alias = dimensionAlias(dimension);
  const finalizedRows = (through: string) =>
    finalizedValuesOf(site, dimension, { first: firstDay, through }, { start, end });
  const firsts = finalizedThenOpen(
    query,
    range,
    (through) => sql`SELECT value AS ${alias}, countIf(prev_started < ${start}) AS partial_visitors
      FROM visit_values WHERE ${finalizedRows(through)} GROUP BY ${alias}`,
    (open, finalizedThrough) => {
      // The open days' visitors of each value, less those its finalized rows in the range count: read
      // only for the visitors of the open days' events.
      const unseen = finalizedThrough
        ? sql`WHERE cityHash64(visitor, ${alias}) NOT IN (
            SELECT cityHash64(visitor, value) FROM visit_values
            PREWHERE visitor IN (
              SELECT sipHash64(visitor_id) FROM events
              WHERE site_id = ${site} AND toDate(ts) >= ${bind.date(open.from)} AND toDate(ts) <= ${lastDay}
                AND is_bot = 0
            )
            WHERE ${finalizedRows(finalizedThrough)}
          )`
        : sql``;
      return sql`SELECT ${alias}, uniq(visitor) AS partial_visitors
        FROM (${eventVisitRows(query, range, open)}) ${unseen} GROUP BY ${alias}`;
    },
  );
  return ownValuesOf(query, firsts);
}

/** The visitors of a value, from firstVisitRows' counts. */
export const FIRST_VISITORS = sql`sum(partial_visitors)`;

/** Whether the query's metrics, and the one it is ordered by, are the visitors alone. */
const readsVisitorsOnly = (query: ReportQuery) =>
  query.metrics.every((name) => name === 'visitors') &&
  (query.order === undefined || query.order.by === 'visitors' || query.order.by === 'value');

/** The range's length: its window's, or its local days' (a day with a DST change an hour longer at most). */
const rangeSeconds = (range: DateRange) =>
  range.within
    ? range.within.end - range.within.start
    : daysInRange(range.from, range.to) * DAY_SECONDS + 3600;
