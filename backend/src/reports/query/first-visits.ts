import { bind, joinSql, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';
import { daysInRange } from '../../common/calendar.js';
import { dimensionAlias } from './dimensions.js';
import {
  FIRST_VISIT_DIMENSIONS,
  FIRST_VISIT_LOOKBACK_DAYS,
  finalizedValuesOf,
  VALUE_ROW_COLUMNS,
} from './finalized-visits.js';
import { aggregateState, aggregatesReadBy, partialColumn, type AggregateName } from './metrics.js';
import { dayBounds, finalizedThenOpen } from './range-days.js';
import type { DateRange, ReportQuery } from './report-query.js';
import { eventVisitRows, ownValuesOf, partialsDimension } from './visits.js';

/** A day in seconds. */
const DAY_SECONDS = 86_400;

/**
 * The rows a breakdown by a page or an element (FIRST_VISIT_DIMENSIONS) merges its metrics from
 * (firstVisitMetric, metrics.ts): per value, the partials of the aggregates its metrics read, of the
 * finalized days and of the open days, each a count or a sum that adds up. Undefined where they can't
 * answer: another dimension, a goal's metrics, a visit filter, a timeseries, sampled, or a range longer than
 * FIRST_VISIT_LOOKBACK_DAYS.
 *
 * A visitor of a value counts once, by their first group of it in the range: on the finalized days, the
 * rows whose previous group of the same visitor and value began before the range (`prev_started`, written
 * by the finalizer: migration 0031), a count; on the open days, the visitors of the value not among its
 * finalized rows in the range. `uniq` over a month's page rows of the benchmark's largest site hashed
 * every visitor: 111 ms against 40 for the count, and the count is exact above 65,536. The open day's
 * visitors seen before are looked up among the month's rows of its visitors: about 60 ms of the 151 the whole
 * breakdown takes there (the page totals' `uniqMerge` and the open day took 211). Every other aggregate is
 * a count or a sum over the rows, and a group is a row of one part only.
 */
export function firstVisitRows(query: ReportQuery, range: DateRange): SqlFragment | undefined {
  const dimension = partialsDimension(query, FIRST_VISIT_DIMENSIONS);
  if (dimension === undefined || rangeSeconds(range) > FIRST_VISIT_LOOKBACK_DAYS * DAY_SECONDS)
    return undefined;
  const { start, end, firstDay, lastDay } = dayBounds(query.site, range);
  const site = bind.uint32(query.site.id);
  const alias = dimensionAlias(dimension);
  const others = aggregatesReadBy(query).filter((name) => name !== 'visitors');
  const partials = (visitors: SqlFragment) =>
    joinSql(
      [
        sql`${visitors} AS ${partialColumn('visitors')}`,
        ...others.map((name: AggregateName) => sql`${aggregateState(name)} AS ${partialColumn(name)}`),
      ],
      ', ',
    );
  const finalizedRows = (through: string) =>
    finalizedValuesOf(
      site,
      dimension,
      { first: firstDay, through, versions: query.finalizedVersions },
      { start, end },
    );
  const firsts = finalizedThenOpen(
    query,
    range,
    (through) => sql`SELECT ${alias}, ${partials(sql`countIf(prev_started < ${start})`)}
      FROM (
        SELECT ${VALUE_ROW_COLUMNS}, value AS ${alias}, prev_started FROM visit_values WHERE ${finalizedRows(through)}
      ) GROUP BY ${alias}`,
    (open, finalizedThrough) => {
      // The open days' visitors of each value, less those its finalized rows in the range count: read
      // only for the visitors of the open days' events.
      const seen = finalizedThrough
        ? sql`cityHash64(visitor, ${alias}) IN (
            SELECT cityHash64(visitor, value) FROM visit_values
            PREWHERE visitor IN (
              SELECT sipHash64(visitor_id) FROM events
              WHERE site_id = ${site} AND toDate(ts) >= ${bind.date(open.from)} AND toDate(ts) <= ${lastDay}
                AND is_bot = 0
            )
            WHERE ${finalizedRows(finalizedThrough)}
          )`
        : undefined;
      const visitors = seen ? sql`uniqIf(visitor, NOT ${seen})` : sql`uniq(visitor)`;
      return sql`SELECT ${alias}, ${partials(visitors)}
        FROM (${eventVisitRows(query, range, open)}) GROUP BY ${alias}`;
    },
  );
  return ownValuesOf(query, firsts);
}

/** The range's length: its window's, or its local days' (a day with a DST change an hour longer at most). */
const rangeSeconds = (range: DateRange) =>
  range.within
    ? range.within.end - range.within.start
    : daysInRange(range.from, range.to) * DAY_SECONDS + 3600;
