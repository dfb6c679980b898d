import type { DimensionName } from '@sluice/config';
import { bind, identifier, joinSql, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';
import { addDays } from '../../common/calendar.js';
import {
  carriedBy,
  dimensionAlias,
  dimensionLevel,
  eventValue,
  visitValueFromEvents,
  visitValueFromRollup,
} from './dimensions.js';
import {
  finalizedValueRows,
  finalizedVisitRows,
  isFinalizedEventDimension,
  slotsRead,
  VISIT_SPAN_DAYS,
  type FinalizedEventDimension,
} from './finalized-visits.js';
import { VISIT_KEY } from './visit-key.js';
import { filterDimensions, filterSql, splitByLevel } from './filters.js';
import { countsReadBy, isVisitMetric } from './metrics.js';
import { sampleClause } from './sample-clause.js';
import { queryDimensions, type VisitSource } from './plan.js';
import type { DateRange, ReportQuery } from './report-query.js';
import {
  dayBounds,
  eventDays,
  finalizedThenOpen,
  lookBack,
  type OpenDays,
  type VisitPart,
} from './range-days.js';

const columns = (pairs: Array<[SqlFragment, SqlFragment]>) =>
  joinSql(
    pairs.map(([value, alias]) => sql`${value} AS ${alias}`),
    ', ',
  );

/**
 * One row per visit that began in `range` (one per visit and event-dimension value when the query
 * breaks down by an event dimension), with the columns every metric reads (metrics.ts) and `dim_<name>`
 * of each dimension the query reads, and `visit_id`; visit filters are applied, event filters chose the events.
 *
 * Both sources key a visit by the tracker's session id (an event without one is a visit of its own),
 * take its visitor and dimensions from its first event, and count distinct event ids: a copy of an
 * event, from the pipeline or resent from another address, adds neither an event nor a visitor.
 * A late resend keeps its event's ts (the edge stamps arrival less the age the tracker sent), so it moves
 * neither the visit's start nor its end. From the rollup, only the visits of `part` where given.
 */
export function visitRows(
  query: ReportQuery,
  range: DateRange,
  source: VisitSource,
  part?: VisitPart,
): SqlFragment {
  const { start, end, firstDay, lastDay } = dayBounds(query.site, range);
  const site = bind.uint32(query.site.id);

  if (source === 'rollup') {
    const visitDimensions = queryDimensions(query).filter((name) => dimensionLevel(name) === 'visit');
    const filters = splitByLevel(query.filters);
    const rows = finalizedThenOpen(
      query,
      range,
      (through, from) =>
        finalizedVisitRows(
          site,
          { first: from ? bind.date(from) : firstDay, through, versions: query.finalizedVersions },
          { start, end },
          visitDimensions.map((name) => sql`${identifier(name)} AS ${dimensionAlias(name)}`),
          sampleClause(query),
        ),
      // The rollup has no sample key: a sampled query's open visits are grouped from a sample of raw events.
      (open) =>
        query.sample === undefined
          ? rollupVisitRows(query, { start, end, lastDay }, open)
          : eventVisitRows(query, range, open),
      part,
    );
    // Unwrapped where nothing is filtered: 18.16 analyses each level of subqueries again, which cost the
    // 30-day overview 2.4 ms p50.
    return filters.visit
      ? sql`SELECT * FROM (${rows}) WHERE ${filterSql(filters.visit, dimensionAlias)}`
      : rows;
  }

  // A breakdown by a finalized event dimension reads the finalized days' plain rows (migration 0015), of
  // the visits its visit filters chose, and raw events only for the open days. An event filter on the
  // breakdown's own dimension (the comparison of a page of rows asks for its values) keeps whole rows:
  // each row's events all have its value, so filtering them first or the rows after is the same.
  const dimension = valueDimension(query);
  if (dimension) {
    // Groups begun on finalized days belong to visits begun there: the chosen visits need no open day.
    return ownValuesOf(
      query,
      valueRows(query, range, dimension, chosenVisits(query, range, sql`visit_id`, 'finalized')),
    );
  }
  return eventVisitRows(query, range);
}

/**
 * The dimension of a breakdown that value rows answer (valueRows): a finalized event dimension, its event
 * filters on that dimension alone, not sampled; undefined for any other query.
 */
export function valueDimension(query: ReportQuery): FinalizedEventDimension | undefined {
  const dimension = query.dimension;
  const { event } = splitByLevel(query.filters);
  return dimension &&
    isFinalizedEventDimension(dimension) &&
    (!event || filterDimensions(event).every((name) => name === dimension)) &&
    query.sample === undefined
    ? dimension
    : undefined;
}

/**
 * The dimension of a breakdown, among `dimensions`, whose metrics per-value partials that add up answer
 * (value-totals.ts, first-visits.ts): value rows answer it (valueDimension) and its metrics are visit
 * metrics; not with a visit filter (it chooses visits), a goal (its conversions are per visit) or a
 * timeseries.
 */
export function partialsDimension(
  query: ReportQuery,
  dimensions: readonly FinalizedEventDimension[],
): FinalizedEventDimension | undefined {
  const dimension = valueDimension(query);
  return dimension !== undefined &&
    dimensions.includes(dimension) &&
    splitByLevel(query.filters).visit === undefined &&
    query.goal === undefined &&
    query.interval === undefined &&
    query.metrics.every(isVisitMetric)
    ? dimension
    : undefined;
}

/**
 * Of `rows` (each with a `dim_<name>` value), those the breakdown's filter on its own dimension keeps (an
 * event filter on any other is not answered by value rows); all of them without one.
 */
export function ownValuesOf(query: ReportQuery, rows: SqlFragment): SqlFragment {
  const { event } = splitByLevel(query.filters);
  const ownFilter = event && filterSql(event, dimensionAlias, () => undefined);
  return sql`SELECT * FROM (${rows}) ${ownFilter ? sql`WHERE ${ownFilter}` : sql``}`;
}

/**
 * The rows of a breakdown by a finalized event dimension (one per visit and value): the finalized days'
 * `visit_values` rows that `kept` keeps (where given), and the open days' from raw events.
 */
export function valueRows(
  query: ReportQuery,
  range: DateRange,
  dimension: FinalizedEventDimension,
  kept?: SqlFragment,
): SqlFragment {
  const { start, end, firstDay } = dayBounds(query.site, range);
  const site = bind.uint32(query.site.id);
  return finalizedThenOpen(
    query,
    range,
    (through) =>
      finalizedValueRows(
        site,
        dimension,
        { first: firstDay, through, versions: query.finalizedVersions },
        { start, end },
        dimensionAlias(dimension),
        kept,
      ),
    (open) => eventVisitRows(query, range, open),
  );
}

/**
 * Visit rows over raw events (see visitRows), of the visits (groups, with an event dimension) that began
 * on `open.from` or later when `open` is given (with a finalized event dimension, or sampled by visit, as
 * visitRows asks): their events are read from `open.from` on.
 */
export function eventVisitRows(query: ReportQuery, range: DateRange, open?: OpenDays): SqlFragment {
  const { start, end } = dayBounds(query.site, range);
  const filters = splitByLevel(query.filters);
  // Event filters choose events; only a breakdown by an event dimension groups finer than visits.
  const eventDimension =
    query.dimension && dimensionLevel(query.dimension) === 'event' ? query.dimension : undefined;
  // Grouped by visit over every event of it, the rows carry their visit's values and visit filters apply
  // to them. Grouped finer (a visit and an event value), the visits are chosen; over the events a filter
  // chose, a row's first event need not be its visit's: the visits' values are looked up (byVisitValues).
  const byVisit = eventDimension === undefined;
  const ownValues = byVisit && !filters.event;
  const visitDimensions = queryDimensions(query).filter((name) => dimensionLevel(name) === 'visit');
  const visitFilter =
    ownValues && filters.visit ? sql`WHERE ${filterSql(filters.visit, dimensionAlias)}` : sql``;
  const chosen = byVisit ? undefined : chosenVisits(query, range, VISIT_KEY, open && { eventsOf: open });
  // A breakdown by an outbound link (a download, an element, a property) reads only the events that carry
  // one. As PREWHERE, ClickHouse reads the other columns only for those events: a property breakdown read
  // every column of every event of the range (581 MiB for 30 days of the 10M seed; 58 MiB so), and
  // ClickHouse's own choice of a PREWHERE column did not take this one.
  const carriers = query.dimension && carriedBy(query.dimension);
  const eventConditions = [
    ...(filters.event ? [filterSql(filters.event, eventValue)] : []),
    ...(chosen ? [chosen] : []),
  ];
  const eventFilter = eventConditions.length ? sql`AND ${joinSql(eventConditions, ' AND ')}` : sql``;
  // Over the open days, what the finalized days hold is left out: whole visits once grouped by visit
  // (openVisitsOnly, in HAVING), or each (visit, value) group before grouping (openGroupsOnly).
  const openWhere = open
    ? sql`AND toDate(ts) >= ${bind.date(open.from)} ${eventDimension ? openGroupsOnly(query, open, eventDimension) : sql``}`
    : sql``;
  // A visit's own values, or its group's value of the event dimension (one per group: see groupKey).
  const valueColumns: Array<[SqlFragment, SqlFragment]> = eventDimension
    ? [[sql`any(${eventValue(eventDimension)})`, dimensionAlias(eventDimension)]]
    : (ownValues ? visitDimensions : []).map((name) => [visitValueFromEvents(name), dimensionAlias(name)]);
  // is_bot: rows the edge flagged stay stored for inspection; no report counts them.
  const rows = sql`SELECT * FROM (
    SELECT ${columns([
      // Grouped by a visit and a value, by their hash (groupKey): each group has one of each.
      [byVisit ? VISIT_KEY : sql`any(${VISIT_KEY})`, sql`visit_id`],
      [sql`argMin(sipHash64(visitor_id), ts)`, sql`visitor`],
      [sql`min(ts)`, sql`visit_started`],
      [sql`max(ts)`, sql`visit_ended`],
      ...visitCounts(query, sql`uniqIf(event_id, name = 'pageview')`, sql`uniq(event_id)`),
      ...valueColumns,
    ])}
    FROM events ${sampleClause(query)} ${carriers ? sql`PREWHERE ${carriers}` : sql``}
    WHERE ${eventDays(query, range)} AND is_bot = 0 ${eventFilter} ${openWhere}
    GROUP BY ${eventDimension ? groupKey(eventDimension) : sql`visit_id`}
    HAVING visit_started >= ${start} AND visit_started < ${end}
      ${open && byVisit ? openVisitsOnly(query, open) : sql``}
  ) ${visitFilter}`;
  return byVisit && !ownValues && (visitDimensions.length > 0 || filters.visit)
    ? byVisitValues(query, range, rows, visitDimensions)
    : rows;
}

/**
 * Rows of chosen events grouped by visit, with their visits' own values of `dimensions` (the rollup's,
 * or `visits'`), and only the visits the query's visit filters keep: a page filter's visits keep the
 * source and entry page they came with, not those of their first event on that page (an internal link,
 * a later page).
 */
function byVisitValues(
  query: ReportQuery,
  range: DateRange,
  rows: SqlFragment,
  dimensions: DimensionName[],
): SqlFragment {
  const dimension =
    query.dimension && dimensionLevel(query.dimension) === 'visit' ? query.dimension : undefined;
  const visits = ownVisits(query, range, dimension);
  const values = dimensions.map((name) => dimensionAlias(name));
  const metricColumns = [
    sql`visit_id`,
    sql`visitor`,
    sql`visit_started`,
    sql`visit_ended`,
    sql`visit_pageviews`,
    sql`visit_events`,
  ];
  // The columns named: ClickHouse 18.16's `*` over a join USING visit_id holds visit_id twice.
  return sql`SELECT ${joinSql([...metricColumns, ...values], ', ')}
    FROM (${rows}) ANY INNER JOIN (SELECT ${joinSql([sql`visit_id`, ...values], ', ')} FROM (${visits})) USING visit_id`;
}

/**
 * The visits a query's visit filters keep (ownVisits), as a condition on `key` (undefined without visit
 * filters). For rows finer than visits (a visit and a page), so that "visits from Google" keeps every page those
 * visits viewed, not only the pages their first events were on. Only those of `part` where the rows need no
 * others: a country-filtered page breakdown merged the open day's visits for its finalized days' groups, and
 * read a month of finalized visits for its open day's events (on ClickHouse 169-171 ms, 149 so).
 */
function chosenVisits(
  query: ReportQuery,
  range: DateRange,
  key: SqlFragment,
  part?: VisitPart,
): SqlFragment | undefined {
  if (!splitByLevel(query.filters).visit) return undefined;
  const visits = ownVisits(query, range, undefined, part);
  return sql`${key} IN (SELECT visit_id FROM (${visits}))`;
}

/**
 * The visits the query's visit filters keep, with their own value of `dimension` (a visit dimension), from
 * the rollup and `visits`: those begun from two days before the range (a row of the range may belong to
 * a visit begun that long before it: VISIT_SPAN_DAYS) to its end; only those of `part` where given.
 */
function ownVisits(
  query: ReportQuery,
  range: DateRange,
  dimension?: DimensionName,
  part?: VisitPart,
): SqlFragment {
  const begun = { from: addDays(range.from, -VISIT_SPAN_DAYS), to: range.to };
  const { visit } = splitByLevel(query.filters);
  const visitQuery = {
    site: query.site,
    range: begun,
    dimension,
    filters: visit,
    finalizedThrough: query.finalizedThrough,
    finalizedVersions: query.finalizedVersions,
  };
  return visitRows({ ...visitQuery, metrics: [] }, begun, 'rollup', part);
}

/**
 * A group finer than a visit (a visit and its value of `dimension`) as one 64-bit hash of the pair, as
 * `visit_values` rows are matched by `cityHash64(visit_id, value)`. 18.16 groups by one number three times
 * as fast as by a number and a string (an event-name breakdown's open day: 19-23 ms against 54-64), and
 * tests a set of them about twice as fast as a set of tuples holding a string (228 ms against 436). Two
 * groups sharing a hash by chance (about 1 in 10^7 for a month's pairs) would count as one.
 */
const groupKey = (dimension: DimensionName) => sql`cityHash64(${VISIT_KEY}, ${eventValue(dimension)})`;

/**
 * Of the open days' events, those of the groups (a visit and its value of `dimension`, a finalized event
 * dimension) begun there, as a condition: `visit_values` holds the groups begun before them (lookBack).
 */
function openGroupsOnly(query: ReportQuery, open: OpenDays, dimension: DimensionName): SqlFragment {
  const finalized = lookBack(open);
  if (!finalized) return sql``;
  return sql`AND ${groupKey(dimension)} NOT IN (
      SELECT cityHash64(visit_id, value) FROM visit_values
      WHERE site_id = ${bind.uint32(query.site.id)} AND dimension = ${bind.string(dimension)}
        ${slotsRead(query.finalizedVersions)} AND day >= ${finalized.from} AND day <= ${finalized.through}
    )`;
}

/**
 * A visit row's counts as `pageviews` and `events` count them, each 0 where the query's metrics don't read
 * it (countsReadBy): a 30-day timeseries of visitors merged its open day's 15,000 visits' two states of
 * distinct ids for nothing (that open day's part 22 ms on ClickHouse, 15 without).
 */
function visitCounts(
  query: ReportQuery,
  pageviews: SqlFragment,
  events: SqlFragment,
): Array<[SqlFragment, SqlFragment]> {
  const read = countsReadBy(query);
  const zero = sql`toUInt64(0)`;
  return [
    [read.has('visit_pageviews') ? pageviews : zero, sql`visit_pageviews`],
    [read.has('visit_events') ? events : zero, sql`visit_events`],
  ];
}

/**
 * The open visits from the rollup: merged per visit over the open days and kept when they began in
 * [start, end). A visit that began on a finalized day may still have rows on the open days: it is left
 * to `visits` (lookBack).
 */
export function rollupVisitRows(
  query: ReportQuery,
  bounds: { start: SqlFragment; end: SqlFragment; lastDay: SqlFragment },
  open: OpenDays,
): SqlFragment {
  const visitDimensions = queryDimensions(query).filter((name) => dimensionLevel(name) === 'visit');
  return sql`SELECT visit_id, ${columns([
    [sql`argMinMerge(visitor_hash)`, sql`visitor`],
    [sql`minMerge(started)`, sql`visit_started`],
    [sql`maxMerge(ended)`, sql`visit_ended`],
    ...visitCounts(query, sql`uniqIfMerge(pageviews)`, sql`uniqMerge(events)`),
    ...visitDimensions.map((name): [SqlFragment, SqlFragment] => [
      visitValueFromRollup(name),
      dimensionAlias(name),
    ]),
  ])}
    FROM sessions_daily
    WHERE site_id = ${bind.uint32(query.site.id)} AND day >= ${bind.date(open.from)} AND day <= ${bounds.lastDay}
    GROUP BY visit_id
    HAVING visit_started >= ${bounds.start} AND visit_started < ${bounds.end}
      ${openVisitsOnly(query, open)}`;
}

/**
 * Of visits grouped over the open days, those begun there, as a HAVING condition: a visit begun on a
 * finalized day (`visits` holds it) may still have rows on the open days (lookBack). In HAVING, once per
 * visit rather than per row: 18.16 spends more on a NOT IN in WHERE over the rollup's rows than on the
 * rest of the open days (an overview's open day: 25 ms against 15).
 */
function openVisitsOnly(query: Pick<ReportQuery, 'site' | 'finalizedVersions'>, open: OpenDays): SqlFragment {
  const finalized = lookBack(open);
  return finalized
    ? sql`AND visit_id NOT IN (SELECT visit_id FROM visits
              WHERE site_id = ${bind.uint32(query.site.id)} ${slotsRead(query.finalizedVersions)}
                AND day >= ${finalized.from} AND day <= ${finalized.through})`
    : sql``;
}
