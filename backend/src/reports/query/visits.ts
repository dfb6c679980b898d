import type { DimensionName } from '@sluice/config';
import { bind, identifier, joinSql, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';
import { addDays, nextDay } from '../../common/calendar.js';
import {
  carriedBy,
  dimensionAlias,
  dimensionLevel,
  eventValue,
  visitValueFromEvents,
  visitValueFromRollup,
} from './dimensions.js';
import { finalizedValueRows, finalizedVisitRows, isFinalizedEventDimension } from './finalized-visits.js';
import { VISIT_KEY } from './visit-key.js';
import { filterSql, splitByLevel } from './filters.js';
import { sampleClause } from './sample-clause.js';
import { queryDimensions, type VisitSource } from './plan.js';
import type { DateRange, ReportQuery } from './report-query.js';

/**
 * UTC days read around a range, beyond the days its local bounds fall on: a visit is counted once, on
 * the day it began, so its rows on the day before (it began there: not ours) and after (its later
 * events, and copies the tracker's queue resends up to 24 hours later) must be merged into it. A
 * local day lies within the UTC days before and after its date (zones are at most 14 hours off).
 */
const DAYS_AROUND = 2;

/**
 * The instants a range of local days begins and ends (its window's, where it is narrowed to one), and the
 * UTC days whose rows its visits may hold.
 */
export function dayBounds(site: ReportQuery['site'], range: DateRange) {
  return {
    start: range.within ? bind.instant(range.within.start) : bind.startOfDay(range.from, site.timezone),
    end: range.within ? bind.instant(range.within.end) : bind.startOfDay(nextDay(range.to), site.timezone),
    firstDay: sql`${bind.date(range.from)} - ${bind.uint32(DAYS_AROUND)}`,
    lastDay: sql`${bind.date(range.to)} + ${bind.uint32(DAYS_AROUND)}`,
  };
}

const columns = (pairs: Array<[SqlFragment, SqlFragment]>) =>
  joinSql(
    pairs.map(([value, alias]) => sql`${value} AS ${alias}`),
    ', ',
  );

/** The UTC days of rows read for a range's visits, as a condition on the events table. */
export function eventDays(query: Pick<ReportQuery, 'site'>, range: DateRange): SqlFragment {
  const { firstDay, lastDay } = dayBounds(query.site, range);
  return sql`site_id = ${bind.uint32(query.site.id)} AND toDate(ts) >= ${firstDay} AND toDate(ts) <= ${lastDay}`;
}

/**
 * One row per visit that began in `range` (one per visit and event-dimension value when the query
 * breaks down by an event dimension), with the columns every metric reads (metrics.ts) and `dim_<name>`
 * of each dimension the query reads, and `visit_id`; visit filters are applied, event filters chose the events.
 *
 * Both sources key a visit by the tracker's session id (an event without one is a visit of its own),
 * take its visitor and dimensions from its first event, and count distinct event ids: a copy of an
 * event, from the pipeline or resent from another address, adds neither an event nor a visitor.
 * A late resend keeps its event's ts (the edge stamps arrival less the age the tracker sent), so it moves
 * neither the visit's start nor its end.
 */
export function visitRows(query: ReportQuery, range: DateRange, source: VisitSource): SqlFragment {
  const { start, end, firstDay, lastDay } = dayBounds(query.site, range);
  const site = bind.uint32(query.site.id);

  if (source === 'rollup') {
    const visitDimensions = queryDimensions(query).filter((name) => dimensionLevel(name) === 'visit');
    const filters = splitByLevel(query.filters);
    const visitFilter = filters.visit ? sql`WHERE ${filterSql(filters.visit, dimensionAlias)}` : sql``;
    const rows = finalizedThenOpen(
      query,
      range,
      (through) =>
        finalizedVisitRows(
          site,
          { first: firstDay, through },
          { start, end },
          visitDimensions.map((name) => sql`${identifier(name)} AS ${dimensionAlias(name)}`),
        ),
      (open) => rollupVisitRows(query, { start, end, lastDay }, open),
    );
    return sql`SELECT * FROM (${rows}) ${visitFilter}`;
  }

  // A breakdown by a finalized event dimension with nothing else to apply reads the finalized days'
  // plain rows (migration 0015) and raw events only for the open days.
  const dimension = query.dimension;
  if (dimension && isFinalizedEventDimension(dimension) && !query.filters && query.sample === undefined) {
    const rows = finalizedThenOpen(
      query,
      range,
      (through) =>
        finalizedValueRows(
          site,
          dimension,
          { first: firstDay, through },
          { start, end },
          dimensionAlias(dimension),
        ),
      (open) => eventVisitRows(query, range, open),
    );
    return sql`SELECT * FROM (${rows})`;
  }
  return eventVisitRows(query, range);
}

/**
 * Visit rows over raw events (see visitRows), of the visits (groups, with an event dimension) that began
 * on `open.from` or later when `open` is given: their events are read from `open.readFrom` on.
 */
function eventVisitRows(query: ReportQuery, range: DateRange, open?: OpenDays): SqlFragment {
  const { start, end } = dayBounds(query.site, range);
  const dimensions = queryDimensions(query);
  const visitDimensions = dimensions.filter((name) => dimensionLevel(name) === 'visit');
  const eventDimensions = dimensions.filter((name) => dimensionLevel(name) === 'event');
  const filters = splitByLevel(query.filters);
  const visitFilter = filters.visit ? sql`WHERE ${filterSql(filters.visit, dimensionAlias)}` : sql``;
  // A breakdown by an outbound link (a download, an element, a property) reads only the events that carry
  // one. As PREWHERE, ClickHouse reads the other columns only for those events: a property breakdown read
  // every column of every event of the range (581 MiB for 30 days of the 10M seed; 58 MiB so), and
  // ClickHouse's own choice of a PREWHERE column did not take this one.
  const carriers = query.dimension && carriedBy(query.dimension);
  const eventFilter = filters.event ? sql`AND ${filterSql(filters.event, eventValue)}` : sql``;
  const groups = [sql`visit_id`, ...eventDimensions.map((name: DimensionName) => dimensionAlias(name))];
  // is_bot: rows the edge flagged stay stored for inspection; no report counts them.
  return sql`SELECT * FROM (
    SELECT ${columns([
      [VISIT_KEY, sql`visit_id`],
      [sql`argMin(sipHash64(visitor_id), ts)`, sql`visitor`],
      [sql`min(ts)`, sql`visit_started`],
      [sql`max(ts)`, sql`visit_ended`],
      [sql`uniqIf(event_id, name = 'pageview')`, sql`visit_pageviews`],
      [sql`uniq(event_id)`, sql`visit_events`],
      ...visitDimensions.map((name): [SqlFragment, SqlFragment] => [
        visitValueFromEvents(name),
        dimensionAlias(name),
      ]),
      ...eventDimensions.map((name): [SqlFragment, SqlFragment] => [eventValue(name), dimensionAlias(name)]),
    ])}
    FROM events ${sampleClause(query)} ${carriers ? sql`PREWHERE ${carriers}` : sql``}
    WHERE ${eventDays(query, range)} AND is_bot = 0 ${eventFilter}
      ${open ? sql`AND toDate(ts) >= ${bind.date(open.readFrom)}` : sql``}
    GROUP BY ${joinSql(groups, ', ')}
    HAVING visit_started >= ${start} AND visit_started < ${end}
      ${open ? sql`AND toDate(visit_started) >= ${bind.date(open.from)}` : sql``}
  ) ${visitFilter}`;
}

export type OpenDays = { from: string; readFrom: string };

/** A range's rows: of its finalized days (through a UTC day) and of its open days, as one UNION ALL. */
export function finalizedThenOpen(
  query: Pick<ReportQuery, 'finalizedThrough'>,
  range: DateRange,
  finalizedRows: (through: string) => SqlFragment,
  openRows: (open: OpenDays) => SqlFragment,
): SqlFragment {
  const { finalized, open } = splitAtFinalized(range, query.finalizedThrough);
  return joinSql(
    [...(finalized ? [finalizedRows(finalized)] : []), ...(open ? [openRows(open)] : [])],
    ' UNION ALL ',
  );
}

/**
 * Which of a range's visits are finalized (those that began on a UTC day up to `through`: read from
 * `visits`) and from which UTC day on they are open (merged from the rollup, whose rows are read from
 * `readFrom`); null where none are.
 * The days are compared as YYYY-MM-DD strings, whose order is the calendar's.
 */
function splitAtFinalized(range: DateRange, through: string | undefined) {
  const firstUtcDay = addDays(range.from, -DAYS_AROUND);
  const lastUtcDay = addDays(range.to, DAYS_AROUND);
  if (through === undefined || through < firstUtcDay) {
    return { finalized: null, open: { from: firstUtcDay, readFrom: firstUtcDay } };
  }
  if (through >= lastUtcDay) return { finalized: through, open: null };
  const from = nextDay(through);
  const readFrom = addDays(from, -DAYS_AROUND);
  return { finalized: through, open: { from, readFrom: readFrom > firstUtcDay ? readFrom : firstUtcDay } };
}

/**
 * The open visits from the rollup: merged per visit over the rollup's days and kept when they began in
 * [start, end) and on `open.from` or later. A visit that began on a finalized day may still have rows
 * on the open days: its rows of the days before are read too (DAYS_AROUND), so its merged start is
 * its true one and it is left to `visits`.
 */
function rollupVisitRows(
  query: ReportQuery,
  bounds: { start: SqlFragment; end: SqlFragment; lastDay: SqlFragment },
  open: OpenDays,
): SqlFragment {
  const visitDimensions = queryDimensions(query).filter((name) => dimensionLevel(name) === 'visit');
  return sql`SELECT visit_id, ${columns([
    [sql`argMinMerge(visitor_hash)`, sql`visitor`],
    [sql`minMerge(started)`, sql`visit_started`],
    [sql`maxMerge(ended)`, sql`visit_ended`],
    [sql`uniqIfMerge(pageviews)`, sql`visit_pageviews`],
    [sql`uniqMerge(events)`, sql`visit_events`],
    ...visitDimensions.map((name): [SqlFragment, SqlFragment] => [
      visitValueFromRollup(name),
      dimensionAlias(name),
    ]),
  ])}
    FROM sessions_daily
    WHERE site_id = ${bind.uint32(query.site.id)} AND day >= ${bind.date(open.readFrom)} AND day <= ${bounds.lastDay}
    GROUP BY visit_id
    HAVING visit_started >= ${bounds.start} AND visit_started < ${bounds.end}
      AND toDate(visit_started) >= ${bind.date(open.from)}`;
}
