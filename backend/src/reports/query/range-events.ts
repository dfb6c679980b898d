import { bind, joinSql, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';
import { dimensionAlias, eventValue, visitValueFromRollup } from './dimensions.js';
import { filterDimensions, filterSql, splitByLevel } from './filters.js';
import type { DateRange, ReportQuery } from './report-query.js';
import { latestVersions, slotsRead } from './finalized-visits.js';
import { dayBounds, eventDays, finalizedThenOpen, lookBack, type OpenDays } from './range-days.js';
import { VISIT_KEY } from './visit-key.js';

/** A column of `rangeEvents`: an expression over one event's rows (its copies agree on it), and its name. */
export type EventColumn = [SqlFragment, SqlFragment];

/**
 * The events named `names` (any without) that happened in the range, one row each, for reports on single events
 * (errors, web vitals) rather than visits: `event_id`, `seen` (its first arrival), `visit_id`, `visitor`
 * and `columns`. Rows flagged as bots are out, and the query's filters apply: event filters to the
 * events, visit filters to their visits.
 *
 * Each event counts once, at its first arrival: a copy the pipeline stored twice or the tracker's queue
 * resent later from another address shares its id, and `min(ts)` keeps a late resend from moving it into
 * another day. Its visitor is its visit's, the visitor of the visit's first event as the per-visit rollup
 * holds it (an inner join: the rollup leaves bots out, and a visit filter leaves visits out), so a resend
 * from another address (another visitor_id) adds nobody. Over a whole range, only the visits of the chosen
 * events are merged from the rollup (`IN`): merging every visit of the range's days would cost more than
 * the events do. Over the open days, every visit of their few rollup days is merged instead (below).
 *
 * A report that counts no visitors (`visitors: false`) reads no `visitor`, and without visit filters it
 * skips the rollup: the join would keep every event, as each non-bot event's visit has a rollup row on
 * the event's own UTC day (migration 0010), a day read here. The merge cost twice what the events did.
 *
 * All of that grouping is for the open days only where no visit filter applies: the events first seen on
 * finalized days are stored once each, with their visitor, in `finalized_events` (migration 0016).
 */
export function rangeEvents(
  query: Pick<ReportQuery, 'site' | 'filters' | 'finalizedThrough' | 'finalizedVersions'>,
  range: DateRange,
  names: string[] | undefined,
  columns: EventColumn[],
  options: EventOptions,
): SqlFragment {
  // A visit filter reads the visits' dimensions from the rollup: every day from raw events then.
  if (splitByLevel(query.filters).visit) return rawRangeEvents(query, range, names, columns, options);
  return sql`SELECT * FROM (${finalizedThenOpen(
    query,
    range,
    (through) => finalizedRangeEvents(query, range, through, names, columns, options),
    (open) => rawRangeEvents(query, range, names, columns, options, open),
  )})`;
}

/**
 * The visits of the events `rangeEvents` gives (without filters or visitors), as `visit_id` rows, each at least
 * once: for a set of visits (those that completed a goal without revenue), where the events themselves are not
 * wanted. The finalized days' events as `rangeEvents` reads them; on the open days, every raw row from
 * `open.from` on, ungrouped: an event's copies share its session and so its visit, so a copy adds no visit its
 * event has not, and no event need be told from its copies, nor the days before the open ones read for them.
 * The set differs only where an open day's copy stands for an event the finalized days do not hold: one first
 * seen before `range` (its visit began before `range` too), or on a provisional day after its last write (its
 * visit then counts an hour early). The benchmark's month on ClickHouse, interleaved: a page goal's overview
 * 74–79 → 67–70 ms, every goal's conversions 148–170 → 141–146 (docs/benchmarks.md).
 */
export function rangeEventVisits(
  query: Pick<ReportQuery, 'site' | 'finalizedThrough' | 'finalizedVersions'>,
  range: DateRange,
  names: string[] | undefined,
  options: Pick<EventOptions, 'where' | 'prewhere'>,
): SqlFragment {
  const { start, end } = dayBounds(query.site, range);
  // No filter: a report's filters choose its visits, not these events (a query's own, passed whole, would).
  const unfiltered = { site: query.site, finalizedVersions: query.finalizedVersions };
  const events = finalizedThenOpen(
    query,
    range,
    (through) =>
      sql`SELECT visit_id FROM (${finalizedRangeEvents(unfiltered, range, through, names, [], { visitors: false, ...options })})`,
    (open) => sql`SELECT ${VISIT_KEY} AS visit_id FROM events ${rawEventRows(query, range, names, options)}
        AND toDate(ts) >= ${bind.date(open.from)} AND ts >= ${start} AND ts < ${end}`,
  );
  return sql`SELECT visit_id FROM (${events})`;
}

/**
 * `visitors`: whether to read each event's visitor; `where`: a further condition on the events (over the
 * columns of `events`, which `finalized_events` shares); `prewhere`: one that few of the named events meet
 * (a page, a funnel's steps), checked with the names before any other column is read (`PREWHERE`), so
 * the wide columns (an element's text, selector…) are read only where it holds. Finalized events are
 * sorted by page within a day's name (migration 0025), in granules of 1,024 rows (0030): there a page's
 * granules alone are read; raw events are not, and every event of the names is read to test its page.
 */
export interface EventOptions {
  visitors: boolean;
  where?: SqlFragment;
  prewhere?: SqlFragment;
}

const named = ([value, alias]: EventColumn) => sql`${value} AS ${alias}`;
const further = (where: SqlFragment | undefined) => (where ? sql`AND ${where}` : sql``);
/**
 * The events of these names (any without a list), and those `prewhere` keeps, as a PREWHERE: a name's rows
 * fill a few granules of each day (both tables are sorted by site, day, name), mostly beside other events'
 * rows, and the columns a report reads (a stack, a page) are then read only for its own rows: on the
 * benchmark's month, the errors' finalized days take half the CPU time to read (docs/benchmarks.md).
 */
const chosenRows = (names: string[] | undefined, prewhere: SqlFragment | undefined): SqlFragment => {
  const conditions = [...(names ? [namedAs(names)] : []), ...(prewhere ? [sql`(${prewhere})`] : [])];
  return conditions.length ? sql`PREWHERE ${joinSql(conditions, ' AND ')}` : sql``;
};

/**
 * The raw events of these names that `prewhere` and `where` keep on the UTC days the range's visits are read
 * from, bots left out: a `PREWHERE` and a `WHERE` further conditions may follow with `AND`.
 */
const rawEventRows = (
  query: Pick<ReportQuery, 'site'>,
  range: DateRange,
  names: string[] | undefined,
  { prewhere, where }: Pick<EventOptions, 'where' | 'prewhere'>,
): SqlFragment =>
  sql`${chosenRows(names, prewhere)} WHERE ${eventDays(query, range)} AND is_bot = 0 ${further(where)}`;

/**
 * The events of these names. One name is compared with `=`: ClickHouse 18.16 uses the key's next column
 * (finalized events' page) after a single value, not after an `IN` list, even of one (a page's
 * `$engagement` events of the benchmark's month: 0.58 M rows read against 1.06 M, in granules of 8,192).
 * Under several names the page can't skip granules, but a name's rows are fewer granules of 1,024 (a
 * heatmap's clicks under three names: 31 ms against 59); reading a name at a time (UNION ALL) read more rows
 * in all (a rare name's rows share their granules) and took as long, so it isn't done.
 */
export const namedAs = (names: string[]): SqlFragment =>
  names.length === 1
    ? sql`name = ${bind.string(names[0])}`
    : sql`name IN (${joinSql(names.map(bind.string), ', ')})`;

/**
 * The raw rows the open days' events (those first seen from `open.from` on) are grouped from, as a
 * further WHERE, and the HAVING that keeps those first seen there. A copy of an event first seen on one of
 * the finalized days before (lookBack) may arrive on an open day: it shares the event's id.
 * - Every event of the names (no `prewhere`): rows from `open.from` on, less the ids finalized_events
 *   holds for the days before. Reading those days' raw rows to find the copies cost three days' rows for
 *   one: on the benchmark's open day, the `$engagement` events' 87–159 ms against 375–507. The ids are
 *   left out in HAVING, once per event, not in WHERE: there, on `event_id` (a column of the raw events'
 *   key), ClickHouse 18.16 builds the set to narrow the key's ranges, and builds it anew at every
 *   analysis of the query, once per enclosing subquery: the benchmark's web vitals built their 101,574
 *   ids 5 times, its errors their 1,189 ids 16 times (each whole query 21–25 % faster in HAVING).
 * - A few of them (a page's, a funnel's steps): rows from `open.readFrom` on, grouped, those first seen
 *   from `open.from` on kept. The `prewhere` leaves few rows on the days before, fewer than the ids of
 *   every event of the names there (a funnel's whole query: 214–324 ms against 416–512).
 */
function openDaysOnly(
  query: Pick<ReportQuery, 'site' | 'finalizedVersions'>,
  names: string[] | undefined,
  prewhere: SqlFragment | undefined,
  open: OpenDays,
): { where: SqlFragment; having: SqlFragment } {
  const earlier = lookBack(open);
  if (prewhere || !earlier) {
    return {
      where: sql`AND toDate(ts) >= ${bind.date(open.readFrom)}`,
      having: sql`AND toDate(seen) >= ${bind.date(open.from)}`,
    };
  }
  return {
    where: sql`AND toDate(ts) >= ${bind.date(open.from)}`,
    having: sql`AND event_id NOT IN (
      SELECT event_id FROM finalized_events
      WHERE site_id = ${bind.uint32(query.site.id)} ${names ? sql`AND ${namedAs(names)}` : sql``}
        ${slotsRead(query.finalizedVersions)} AND toDate(ts) >= ${earlier.from} AND toDate(ts) <= ${earlier.through}
    )`,
  };
}

/**
 * The events first seen on finalized days (through `through`), as `rangeEvents` gives them: each stored
 * once there (migration 0016) with its visit and visitor, so no grouping.
 */
function finalizedRangeEvents(
  query: Pick<ReportQuery, 'site' | 'filters' | 'finalizedVersions'>,
  range: DateRange,
  through: string,
  names: string[] | undefined,
  columns: EventColumn[],
  { visitors, where, prewhere }: EventOptions,
): SqlFragment {
  const { start, end, firstDay } = dayBounds(query.site, range);
  const { event } = splitByLevel(query.filters);
  const day = sql`toDate(ts)`;
  const last = bind.date(through);
  const selected = [
    sql`event_id`,
    sql`visit_id`,
    sql`ts AS seen`,
    ...columns.map(named),
    ...(visitors ? [sql`visitor`] : []),
  ];
  return sql`SELECT ${joinSql(selected, ', ')}
    FROM finalized_events ${chosenRows(names, prewhere)}
    WHERE site_id = ${bind.uint32(query.site.id)} AND ${day} >= ${firstDay} AND ${day} <= ${last}
      AND ts >= ${start} AND ts < ${end} ${further(where)}
      ${event ? sql`AND ${filterSql(event, eventValue)}` : sql``}
      AND ${latestVersions(firstDay, last, day, query.finalizedVersions)}`;
}

/**
 * The events of `rangeEvents` from raw events, each once at its first arrival; only those first seen on
 * `open.from` or later when `open` is given (openDaysOnly).
 */
function rawRangeEvents(
  query: Pick<ReportQuery, 'site' | 'filters'>,
  range: DateRange,
  names: string[] | undefined,
  columns: EventColumn[],
  { visitors, where, prewhere }: EventOptions,
  open?: OpenDays,
): SqlFragment {
  const { start, end, firstDay, lastDay } = dayBounds(query.site, range);
  const filters = splitByLevel(query.filters);
  const eventFilter = filters.event ? sql`AND ${filterSql(filters.event, eventValue)}` : sql``;
  const visitFilter = filters.visit ? sql`WHERE ${filterSql(filters.visit, dimensionAlias)}` : sql``;
  const openDays = open ? openDaysOnly(query, names, prewhere, open) : { where: sql``, having: sql`` };
  // The events' `PREWHERE` and `WHERE` (read again for their visits' keys over a whole range, below).
  const chosen = sql`${rawEventRows(query, range, names, { prewhere, where })} ${openDays.where}`;
  const eventColumns = [
    sql`event_id`,
    named([sql`any(${VISIT_KEY})`, sql`visit_id`]),
    named([sql`min(ts)`, sql`seen`]),
    ...columns.map(([value, alias]) => named([sql`any(${value})`, alias])),
  ];
  const events = sql`SELECT ${joinSql(eventColumns, ', ')}
      FROM events
      ${chosen} ${eventFilter}
      GROUP BY event_id
      HAVING seen >= ${start} AND seen < ${end} ${openDays.having}`;
  if (!visitors && !filters.visit) return events;
  // An event first seen on an open day belongs to a visit begun at most two UTC days before (as
  // finalized-visits.ts says), so on `open.readFrom` or later unless the range's first day read is later
  // still: all of that visit's rollup rows lie from there on, and the days before need no merging.
  const firstRollupDay = open ? bind.date(open.readFrom) : firstDay;
  // Those few days' rollup rows are merged whole: on the bench's largest site, 65,536 rows in 10–20 ms of
  // CPU, where choosing them by the events' visit keys (a second read of the events, and the set) took
  // 110–140 ms. Over a whole range's rollup the choice pays.
  const chosenVisits = open ? sql`` : sql`AND visit_id IN (SELECT ${VISIT_KEY} FROM events ${chosen})`;
  const visitColumns = [
    sql`visit_id`,
    named([sql`argMinMerge(visitor_hash)`, sql`visitor`]),
    ...filterDimensions(filters.visit).map((name) =>
      named([visitValueFromRollup(name), dimensionAlias(name)]),
    ),
  ];
  // The columns named: ClickHouse 18.16's `*` over a join USING visit_id holds visit_id twice, and the
  // finalized days' rows (UNION ALL) have it once.
  const joined = [
    sql`event_id`,
    sql`visit_id`,
    sql`seen`,
    ...columns.map(([, alias]) => alias),
    sql`visitor`,
  ];
  return sql`SELECT ${joinSql(joined, ', ')} FROM (${events}) ANY INNER JOIN (
      SELECT visit_id, visitor FROM (
        SELECT ${joinSql(visitColumns, ', ')}
        FROM sessions_daily
        WHERE site_id = ${bind.uint32(query.site.id)} AND day >= ${firstRollupDay} AND day <= ${lastDay}
          ${chosenVisits}
        GROUP BY visit_id
      ) ${visitFilter}
    ) USING visit_id`;
}
