import { EVENT_ROW_FIELDS, VISIT_DIMENSIONS, type DimensionName } from '@sluice/config';
import {
  FINALIZED_TABLES,
  finalizedTimeColumn,
  type FinalizedRecords,
  type FinalizedTable,
} from '@sluice/pipeline';
import { bind, identifier, joinSql, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';
import { dayNumber } from '../../common/calendar.js';
import { carriedBy, eventValue, visitValueFromRollup } from './dimensions.js';
import { AGGREGATE_NAMES, aggregateState } from './metrics.js';
import { VISIT_KEY } from './visit-key.js';

/**
 * Finalized visits (migration 0014): the visits that began on a UTC day no row can be added to any
 * more, merged from the per-visit rollup once and stored as plain columns in `visits`, so a report
 * reads them at the speed of plain columns instead of merging uniq and argMin states per visit.
 *
 * A visit that began on day D has rollup rows on D and, past midnight or resent by the tracker's
 * offline queue (up to 24 hours later), on the next two days: D is final once those days are over and
 * the pipeline has delivered them, SLUICE_FINALIZE_AFTER_DAYS (3 at least) after D.
 */
/** UTC days a visit's rollup rows may follow its first day by (as `DAYS_AROUND` in visits.ts). */
export const VISIT_SPAN_DAYS = 2;

/**
 * A write of finalized rows: its version, and its slot (migration 0024): 0 for a final day's rows, 1 or 2
 * for a provisional write's (a day not final yet, written again every hour into the slot the latest
 * write did not use).
 */
export interface FinalizedWrite {
  version: number;
  slot: number;
}

/** The slot of final rows. */
export const FINAL_SLOT = 0;

/** The visit columns of `visits`, after the key columns: each visit dimension by its own name. */
const DIMENSION_COLUMNS = VISIT_DIMENSIONS.map((name) => identifier(name));

/**
 * Writes the visits that began on the UTC days `from` to `to` as `write`, merged from the rollup
 * as reports merge it (visits.ts): the visitor of the first event, distinct event ids, first values.
 * The days before `from` are read too: a visit begun there may have rows on `from`, and only all of
 * its rows give its true start (which leaves it out).
 *
 * Each visit also gets when its visitor's previous visit began (`prev_started`, migration 0032): the latest
 * start before its own among these visits, or else among the recorded ones of the FIRST_VISIT_LOOKBACK_DAYS
 * before `from` (1970 for none: longer than any period a report counts a visitor once in); and when its
 * visitor was first seen at all (`first_seen`, from `visitors_first_seen`). Days are written in order, and
 * a day written again is written with every day after it (VisitFinalizer), so each visit's previous one is
 * among the rows readers read. Joined per visit and per visitor rather than carried through one array of
 * each visitor's visits: their 18 dimensions in it made a week's write 30 times as slow.
 * Run as the admin account; the rows stay invisible until `recordSql` records the version.
 */
export function finalizeSql(from: string, to: string, write: FinalizedWrite): SqlFragment {
  const dimensions = joinSql(
    VISIT_DIMENSIONS.map((name) => sql`${visitValueFromRollup(name)} AS ${identifier(`dim_${name}`)}`),
    ', ',
  );
  const dimensionValues = joinSql(
    VISIT_DIMENSIONS.map((name) => identifier(`dim_${name}`)),
    ', ',
  );
  // The visits begun on these days, merged from the rollup with `columns` beside their visitor and start. Merged
  // twice below: once whole, once for the order of each visitor's visits, cheaper than sorting whole visits.
  const mergedVisits = (columns: SqlFragment = sql``) =>
    sql`SELECT site_id, visit_id, argMinMerge(visitor_hash) AS visitor, minMerge(started) AS visit_started ${columns}
      FROM sessions_daily
      WHERE day >= ${bind.date(from)} - ${bind.uint32(VISIT_SPAN_DAYS)}
        AND day <= ${bind.date(to)} + ${bind.uint32(VISIT_SPAN_DAYS)}
      GROUP BY site_id, visit_id
      HAVING toDate(visit_started) >= ${bind.date(from)} AND toDate(visit_started) <= ${bind.date(to)}`;
  const lookbackFrom = sql`${bind.date(from)} - ${bind.uint32(FIRST_VISIT_LOOKBACK_DAYS)}`;
  const dayBefore = sql`${bind.date(from)} - 1`;
  // The visitors of these days' events, any site's: a visitor of another site with the same hash only adds
  // rows joined under their own site. One number per row, not (site_id, visitor): 18.16 builds and tests a
  // set of tuples about twice as slowly.
  const visitorsOfTheseDays = sql`SELECT sipHash64(visitor_id) FROM events
    WHERE toDate(ts) >= ${bind.date(from)} AND toDate(ts) <= ${bind.date(to)} AND is_bot = 0`;
  // Each visit's previous one among these visits (1970 for a visitor's first of them).
  const previousAmongThese = sql`SELECT site_id, tupleElement(v, 2) AS visit_id, previous_here
    FROM (
      SELECT site_id, arraySort(groupArray((visit_started, visit_id))) AS journey FROM (${mergedVisits()})
      GROUP BY site_id, visitor
    )
    ARRAY JOIN journey AS v,
      arrayPushFront(arrayPopBack(arrayMap(x -> tupleElement(x, 1), journey)), toDateTime(0, 'UTC')) AS previous_here`;
  // Per visitor: their latest recorded visit before these days, and their first-seen instant.
  const visitorHistory = sql`SELECT site_id, visitor, first_seen, last_before
    FROM (
      SELECT site_id, visitor, minMerge(first_seen) AS first_seen FROM visitors_first_seen
      WHERE visitor IN (${visitorsOfTheseDays})
      GROUP BY site_id, visitor
    ) ANY LEFT JOIN (
      SELECT site_id, visitor, max(started) AS last_before FROM visits
      WHERE day >= ${lookbackFrom} AND day <= ${dayBefore} AND ${latestVersions(lookbackFrom, dayBefore)}
        AND visitor IN (${visitorsOfTheseDays})
      GROUP BY site_id, visitor
    ) USING site_id, visitor`;
  return sql`INSERT INTO visits (site_id, day, version, provisional, visit_id, visitor, started, ended, pageviews,
      events, prev_started, first_seen, ${joinSql(DIMENSION_COLUMNS, ', ')})
    SELECT site_id, toDate(visit_started), ${writeColumns(write)}, visit_id, visitor, visit_started,
      visit_ended, visit_pageviews, visit_events,
      if(previous_here > last_before, previous_here, last_before), first_seen, ${dimensionValues}
    FROM (
      SELECT * FROM (
        ${mergedVisits(sql`, maxMerge(ended) AS visit_ended, toUInt32(uniqIfMerge(pageviews)) AS visit_pageviews,
          toUInt32(uniqMerge(events)) AS visit_events, ${dimensions}`)}
      ) ANY LEFT JOIN (${previousAmongThese}) USING site_id, visit_id
    ) ANY LEFT JOIN (${visitorHistory}) USING site_id, visitor`;
}

/**
 * The event dimensions whose values are finalized per visit (migration 0015): the panel's page and
 * custom-event cards, its actions page and its property keys (migration 0022). Each costs a pass over
 * the raw events of the days written. Property values are left out: they are read for one key, a
 * filter, and a filtered breakdown reads raw events anyway.
 */
export const FINALIZED_EVENT_DIMENSIONS = [
  'page',
  'event_name',
  'element',
  'prop_key',
] as const satisfies DimensionName[];
export type FinalizedEventDimension = (typeof FINALIZED_EVENT_DIMENSIONS)[number];

export const isFinalizedEventDimension = (name: DimensionName): name is FinalizedEventDimension =>
  (FINALIZED_EVENT_DIMENSIONS as readonly DimensionName[]).includes(name);

/**
 * The finalized event dimensions whose values are totalled per day (migration 0028): pages, whose many
 * values each hold few visitors. An event name's day holds a state of nearly every visitor, slower to
 * merge than its rows are to group; elements and property keys gained nothing.
 */
export const TOTALLED_DIMENSIONS: readonly FinalizedEventDimension[] = ['page'];

/**
 * A `visit_values` row's columns as visit rows name them (visits.ts), the counts UInt64 like the rollup's:
 * UNION ALL with the open days needs the same types on 18.16.
 */
export const VALUE_ROW_COLUMNS = sql`visitor, started AS visit_started, ended AS visit_ended,
      toUInt64(pageviews) AS visit_pageviews, toUInt64(events) AS visit_events`;

/**
 * How far back a value row's previous group of the same visitor and value is looked for (`prev_started`,
 * migration 0031): a range of at most this many days counts a visitor of a value once by their first row in
 * it (first-visits.ts); a longer one counts with `uniq`. A month in any zone is within.
 */
export const FIRST_VISIT_LOOKBACK_DAYS = 35;

/**
 * The finalized event dimensions whose rows get `prev_started`: pages and elements, whose many values each
 * hold few of the visitors. An event name's rows are nearly every visitor's: counting its first rows and
 * leaving out the open day's visitors seen before cost more than `uniq` (a month's event names 209 ms against
 * 188 through the API), and property keys gained nothing.
 */
export const FIRST_VISIT_DIMENSIONS: readonly FinalizedEventDimension[] = ['page', 'element'];

/**
 * Writes, as `write`, one row per visit and value of `dimension` whose first event with that value
 * happened on the UTC days `from` to `to`: exactly the rows a report over raw events groups (visits.ts,
 * its `events` source, without filters), so both give the same answers. The days around are read as
 * there: a group's first event may precede `from` (the group is not ours) and its copies follow `to`.
 *
 * The rows of FIRST_VISIT_DIMENSIONS also get `prev_started`: when the same visitor's previous group of the
 * same value began, among these rows and the recorded rows of the FIRST_VISIT_LOOKBACK_DAYS before `from`
 * (1970 for none). Days are written in order, and a day written again is written with every day after it
 * (VisitFinalizer), so each row's previous group is among the rows readers read. The recorded rows are read
 * only for the visitors of these days' events.
 */
export function finalizeValuesSql(
  dimension: FinalizedEventDimension,
  from: string,
  to: string,
  write: FinalizedWrite,
): SqlFragment {
  const carriers = carriedBy(dimension);
  const first = sql`${bind.date(from)} - ${bind.uint32(VISIT_SPAN_DAYS)}`;
  const last = sql`${bind.date(to)} + ${bind.uint32(VISIT_SPAN_DAYS)}`;
  const groups = sql`SELECT site_id, ${VISIT_KEY} AS visit_id, ${eventValue(dimension)} AS value,
          argMin(sipHash64(visitor_id), ts) AS visitor, min(ts) AS started, max(ts) AS ended,
          toUInt32(uniqIf(event_id, name = 'pageview')) AS pageviews, toUInt32(uniq(event_id)) AS events
        FROM events
        WHERE toDate(ts) >= ${first} AND toDate(ts) <= ${last}
          AND is_bot = 0 ${carriers ? sql`AND ${carriers}` : sql``}
        GROUP BY site_id, visit_id, value
        HAVING toDate(started) >= ${bind.date(from)} AND toDate(started) <= ${bind.date(to)}`;
  const into = sql`INSERT INTO visit_values (site_id, dimension, day, version, provisional, visit_id, value,
      visitor, started, ended, pageviews, events`;
  if (!FIRST_VISIT_DIMENSIONS.includes(dimension)) {
    return sql`${into})
    SELECT site_id, ${bind.string(dimension)}, toDate(started), ${writeColumns(write)}, visit_id, value,
      visitor, started, ended, pageviews, events
    FROM (${groups})`;
  }
  const lookbackFrom = sql`${bind.date(from)} - ${bind.uint32(FIRST_VISIT_LOOKBACK_DAYS)}`;
  const dayBefore = sql`${bind.date(from)} - 1`;
  // Each visitor's groups of a value as tuples sorted by their start, the last element 1 for those written now.
  return sql`${into}, prev_started)
    SELECT site_id, ${bind.string(dimension)}, toDate(tupleElement(g, 1)), ${writeColumns(write)},
      tupleElement(g, 2), value, visitor, tupleElement(g, 1), tupleElement(g, 3), tupleElement(g, 4),
      tupleElement(g, 5), prev
    FROM (
      SELECT site_id, value, visitor,
        arraySort(groupArray((started, visit_id, ended, pageviews, events, fresh))) AS groups
      FROM (
        SELECT *, toUInt8(1) AS fresh FROM (${groups})
        UNION ALL
        SELECT site_id, visit_id, value, visitor, started, ended, pageviews, events, toUInt8(0) AS fresh
        FROM visit_values
        WHERE dimension = ${bind.string(dimension)} AND day >= ${lookbackFrom} AND day <= ${dayBefore}
          AND ${latestVersions(lookbackFrom, dayBefore)}
          AND (site_id, visitor) IN (
            SELECT site_id, sipHash64(visitor_id) FROM events
            WHERE toDate(ts) >= ${first} AND toDate(ts) <= ${last} AND is_bot = 0
          )
      )
      GROUP BY site_id, value, visitor
    )
    ARRAY JOIN groups AS g,
      arrayPushFront(arrayPopBack(arrayMap(x -> tupleElement(x, 1), groups)), toDateTime(0, 'UTC')) AS prev
    WHERE tupleElement(g, 6) = 1`;
}

/**
 * Writes, as `write`, the partial aggregates of the values of TOTALLED_DIMENSIONS `write` just wrote for the
 * UTC days `from` to `to` (finalizeValuesSql), per site, dimension, day and value (migration 0028): what a
 * breakdown merges for the days a range covers whole (value-totals.ts).
 */
export function finalizeValueTotalsSql(from: string, to: string, write: FinalizedWrite): SqlFragment {
  return sql`INSERT INTO finalized_value_totals (site_id, dimension, day, version, provisional, value,
      ${joinSql(AGGREGATE_NAMES.map(identifier), ', ')})
    SELECT site_id, dimension, day, version, provisional, value,
      ${joinSql(AGGREGATE_NAMES.map(aggregateState), ', ')}
    FROM (
      SELECT site_id, dimension, day, version, provisional, value, ${VALUE_ROW_COLUMNS}
      FROM visit_values
      WHERE dimension IN (${joinSql(TOTALLED_DIMENSIONS.map(bind.string), ', ')})
        AND day >= ${bind.date(from)} AND day <= ${bind.date(to)}
        AND version = ${bind.uint32(write.version)} AND provisional = ${bind.uint32(write.slot)}
    )
    GROUP BY site_id, dimension, day, version, provisional, value`;
}

/**
 * Writes, as `write`, each event first seen on the UTC days `from` to `to` once per site (an id is
 * the tracker's, and nothing stops two sites' events from sharing one), as it first arrived
 * (the copy with the earliest ts; copies agree on every other field reports read), with its visit and
 * that visit's visitor from `visits` (the visits of these days under its version, written just before, and
 * the recorded ones of the days before): as reports over raw events pair them (range-events.ts), bots and
 * all. Its copies are looked for from two days before `from` (an event first seen there is not ours)
 * to two days after `to`.
 */
export function finalizeEventsSql(from: string, to: string, write: FinalizedWrite): SqlFragment {
  const fields = joinSql(
    EVENT_ROW_FIELDS.map((field) => identifier(field)),
    ', ',
  );
  const first = sql`${bind.date(from)} - ${bind.uint32(VISIT_SPAN_DAYS)}`;
  const days = sql`toDate(ts) >= ${first} AND toDate(ts) <= ${bind.date(to)} + ${bind.uint32(VISIT_SPAN_DAYS)} AND is_bot = 0`;
  return sql`INSERT INTO finalized_events (${fields}, version, provisional, visit_id, visitor)
    SELECT ${fields}, ${writeColumns(write)}, visit_id, visitor FROM (
      SELECT *, ${VISIT_KEY} AS visit_id FROM events
      WHERE ${days} AND (site_id, event_id, ts) IN (
        SELECT site_id, event_id, min(ts) AS seen FROM events WHERE ${days} GROUP BY site_id, event_id
        HAVING toDate(seen) >= ${bind.date(from)} AND toDate(seen) <= ${bind.date(to)}
      )
      LIMIT 1 BY site_id, event_id
    ) ANY INNER JOIN (
      SELECT site_id, visit_id, visitor FROM visits
      WHERE (day >= ${bind.date(from)} AND day <= ${bind.date(to)} AND version = ${bind.uint32(write.version)})
        OR (day >= ${first} AND day < ${bind.date(from)} AND ${latestVersions(first, bind.date(from))})
    ) USING site_id, visit_id`;
}

/**
 * Writes, as `write`, each visitor first seen on the UTC days `from` to `to` (their first-ever event, from
 * `visitors_first_seen`), once per site (migration 0026). Only the visitors with events on those days are
 * merged: a visitor first seen there has their first event there.
 */
export function finalizeFirstSeenSql(from: string, to: string, write: FinalizedWrite): SqlFragment {
  const days = sql`${bind.date(from)} AND ${bind.date(to)}`;
  return sql`INSERT INTO finalized_first_seen (site_id, day, version, provisional, visitor, first_seen)
    SELECT site_id, toDate(seen), ${writeColumns(write)}, visitor, seen FROM (
      SELECT site_id, visitor, minMerge(first_seen) AS seen FROM visitors_first_seen
      WHERE (site_id, visitor) IN (
        SELECT site_id, sipHash64(visitor_id) FROM events WHERE toDate(ts) BETWEEN ${days} AND is_bot = 0
      )
      GROUP BY site_id, visitor
      HAVING toDate(seen) BETWEEN ${days}
    )`;
}

/**
 * Writes, as `write`, the events stored on each of the UTC days `from` to `to` per site, bots and copies
 * included (migration 0027): what a sampled report's estimate counts (sampling.ts).
 */
export const finalizeEventCountsSql = (from: string, to: string, write: FinalizedWrite): SqlFragment =>
  sql`INSERT INTO finalized_event_counts (site_id, day, version, provisional, events)
    SELECT site_id, toDate(ts) AS day, ${writeColumns(write)}, count() FROM events
    WHERE day BETWEEN ${bind.date(from)} AND ${bind.date(to)}
    GROUP BY site_id, day`;

/** A write's version and slot, as the columns `version, provisional` take them. */
const writeColumns = (write: FinalizedWrite) =>
  sql`${bind.uint32(write.version)}, ${bind.uint32(write.slot)}`;

/**
 * Makes `write` the rows of the days `from` to `to`: readers switch to them at once. `table` the record
 * written: `visit_paths_finalized` records the days whose page sequences are written (migration 0019).
 */
export function recordSql(
  from: string,
  to: string,
  write: FinalizedWrite,
  table: FinalizedRecords = 'visits_finalized',
): SqlFragment {
  return sql`INSERT INTO ${identifier(table)} (day, version, provisional)
    SELECT ${bind.date(from)} + number, ${writeColumns(write)}
    FROM system.numbers LIMIT ${bind.uint32(dayCount(from, to))}`;
}

/**
 * The last final day, the first and the last day recorded at all (the last a provisional one, where
 * provisional days are written), the latest version written and the slot of the latest provisional write
 * (0 before any).
 */
export const watermarkSql = sql`SELECT toString(maxIf(day, provisional = 0)) AS final_day,
    countIf(provisional = 0) AS final_days, toString(min(day)) AS first_day, toString(max(day)) AS last_day,
    count() AS days,
    max(version) AS last_version, argMaxIf(provisional, version, provisional > 0) AS last_slot
  FROM visits_finalized`;

/**
 * The records of provisional writes of days now final, as a condition: readers take a final day's final
 * version (the latest), so these only take room.
 */
export const staleProvisionalRecords = (finalThrough: string) =>
  sql`provisional > 0 AND day <= ${bind.date(finalThrough)}`;

/** The partitions of a provisional slot, by table: a provisional write drops them whole before it writes. */
export const slotPartitionsSql = (slot: number) =>
  sql`SELECT DISTINCT table, partition_id FROM system.parts
    WHERE database = currentDatabase() AND active AND table IN (${joinSql(FINALIZED_TABLES.map(bind.string), ', ')})
      AND endsWith(partition_id, ${bind.string(`-${slot}`)})
    ORDER BY table, partition_id`;

export const dropPartitionSql = (table: FinalizedTable, partitionId: string) =>
  sql`ALTER TABLE ${identifier(table)} DROP PARTITION ID ${bind.string(partitionId)}`;

/** The rollup's first day, and whether it holds any. */
export const firstRollupDaySql = sql`SELECT toString(min(day)) AS day, count() AS days FROM sessions_daily`;

/** A finalized table's UTC day: a column, or for the events the day of their (first) arrival. */
const dayColumn = (table: FinalizedTable) =>
  finalizedTimeColumn(table) === 'ts' ? sql`toDate(ts)` : sql`day`;

/**
 * The final rows older versions of the days `from` to `to` left behind (after a re-finalization), as a
 * condition: readers never see them (they read each day's latest version). A provisional write's rows are
 * not among them: they go with their slot's partitions.
 */
export function supersededRows(
  table: FinalizedTable,
  from: string,
  to: string,
  version: number,
): SqlFragment {
  const day = dayColumn(table);
  return sql`${day} >= ${bind.date(from)} AND ${day} <= ${bind.date(to)} AND version < ${bind.uint32(version)}
    AND provisional = ${bind.uint32(FINAL_SLOT)}`;
}

/** How many rows of `table` `condition` holds. */
export const countWhereSql = (table: FinalizedTable | FinalizedRecords, condition: SqlFragment) =>
  sql`SELECT count() AS rows FROM ${identifier(table)} WHERE ${condition}`;

/** The rows of `table` `condition` holds, deleted in the background (a mutation: it rewrites the table). */
export const deleteWhereSql = (table: FinalizedTable | FinalizedRecords, condition: SqlFragment) =>
  sql`ALTER TABLE ${identifier(table)} DELETE WHERE ${condition}`;

const dayCount = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;

/**
 * The finalized visits of a site that began in [start, end) and on a UTC day up to `through`, with the
 * columns of visit rows (visits.ts): visitor, visit_started, visit_ended, visit_pageviews,
 * visit_events, and `columns`: `dim_<name>` of each visit dimension asked for, or another column of
 * `visits`. Each day's latest recorded version; `sample`, a sampled query's SAMPLE clause (sample-clause.ts),
 * reads its share of visitors (migration 0023).
 */
export function finalizedVisitRows(
  site: SqlFragment,
  days: FinalizedDays,
  instants: { start: SqlFragment; end: SqlFragment },
  columns: SqlFragment[],
  sample: SqlFragment = sql``,
): SqlFragment {
  const through = bind.date(days.through);
  // UInt64 like the rollup's counts: UNION ALL with the open days (visits.ts) needs the same types on 18.16.
  const selected = joinSql(
    [
      sql`visit_id`,
      sql`visitor`,
      sql`started AS visit_started`,
      sql`ended AS visit_ended`,
      sql`toUInt64(pageviews) AS visit_pageviews`,
      sql`toUInt64(events) AS visit_events`,
      ...columns,
    ],
    ', ',
  );
  return sql`SELECT ${selected}
    FROM visits ${sample}
    WHERE ${latestDaysOf(site, days.first, through, days.versions)}
      AND started >= ${instants.start} AND started < ${instants.end}`;
}

/** A day and a version as one UInt64 (the day's number above the version's 32 bits): see latestVersions. */
const dayVersion = (day: SqlFragment, version: SqlFragment) =>
  sql`toUInt64(${day}) * 4294967296 + ${version}`;

/**
 * Each recorded UTC day's latest version, in day order, as the VisitFinalizer last recorded them, and the slot
 * it was written to (0 for a final day's).
 */
export type FinalizedVersions = ReadonlyArray<{ day: string; version: number; slot: number }>;

/**
 * The slots of `versions` and the final days' (0), as a condition on a finalized table's `provisional`,
 * part of its partition key: the parts of the slot the latest provisional write did not use hold only
 * versions readers no longer read (writeProvisionalDays), and are not read at all. Once a second
 * provisional write has filled both slots, the 30-day overview read 704,512 rows for 622,592 (49.1 → 46.7
 * ms on ClickHouse), a page breakdown 3.62 million for 3.39.
 */
function writtenSlots(versions: FinalizedVersions): SqlFragment {
  const slots = [...new Set([0, ...versions.map(({ slot }) => slot)])].sort((a, b) => a - b);
  return sql`provisional IN (${joinSql(slots.map(bind.uint32), ', ')})`;
}

/**
 * The finalized UTC days a report reads: from `first` through `through` (the last finalized day it reads),
 * each at its latest version (`versions`, from the VisitFinalizer; undefined, they are looked up in
 * `visits_finalized` by the query itself).
 */
export interface FinalizedDays {
  first: SqlFragment;
  through: string;
  versions: FinalizedVersions | undefined;
}

/** writtenSlots as a further condition where the versions are known (none where the query looks them up). */
export const slotsRead = (versions: FinalizedVersions | undefined): SqlFragment =>
  versions ? sql`AND ${writtenSlots(versions)}` : sql``;

/**
 * Each UTC day's latest recorded version, from `first` to `through`, as a condition on `(day, version)`
 * (`day` an expression where the table has no such column). Tested as one UInt64 per row rather than a
 * `(day, version)` tuple: 18.16 tests a set of tuples slower, about 20 ms of a 30-day page breakdown's 167.
 *
 * Reports give the `versions` the finalizer recorded, written into the query as constants: 18.16 builds a
 * subquery's set before it reads a row, 8-20 ms of every report that reads finalized days (the 30-day
 * overview's SQL 48 → 37 ms, a filtered page breakdown's with three such sets 166 → 147). Every recorded
 * day is listed, one number each: `first` and `through` bound the rows apart. The finalizer itself, whose
 * writes change them, looks them up: each day's first record by descending version (`LIMIT 1 BY`), not
 * `max(version)` by `GROUP BY` (18.16's aggregation costs 4 ms before its first row).
 */
export function latestVersions(
  first: SqlFragment,
  through: SqlFragment,
  day: SqlFragment = sql`day`,
  versions?: FinalizedVersions,
): SqlFragment {
  if (versions) {
    // A list of none is no day: `IN ()` does not parse.
    if (versions.length === 0) return sql`0`;
    const recorded = versions.map(({ day: recordedDay, version }) =>
      bind.uint64((BigInt(dayNumber(recordedDay)) << 32n) + BigInt(version)),
    );
    return sql`${writtenSlots(versions)} AND ${dayVersion(day, sql`version`)} IN (${joinSql(recorded, ', ')})`;
  }
  return sql`${dayVersion(day, sql`version`)} IN (
        SELECT ${dayVersion(sql`day`, sql`version`)} FROM visits_finalized
        WHERE day >= ${first} AND day <= ${through} ORDER BY day, version DESC LIMIT 1 BY day
      )`;
}

/**
 * A site's rows of the finalized UTC days `first` to `through`, each day's latest recorded version
 * (latestVersions), as a condition on a finalized table (its `site_id`, `day` and `version`).
 */
export const latestDaysOf = (
  site: SqlFragment,
  first: SqlFragment,
  through: SqlFragment,
  versions: FinalizedVersions | undefined,
) =>
  sql`site_id = ${site} AND day >= ${first} AND day <= ${through} AND ${latestVersions(first, through, sql`day`, versions)}`;

/**
 * The finalized rows of `dimension` of a site whose group began in [start, end) and on a UTC day up to
 * `through`, each day's latest recorded version, as a condition on `visit_values`.
 */
export function finalizedValuesOf(
  site: SqlFragment,
  dimension: FinalizedEventDimension,
  days: FinalizedDays,
  instants: { start: SqlFragment; end: SqlFragment },
): SqlFragment {
  return sql`dimension = ${bind.string(dimension)} AND ${latestDaysOf(site, days.first, bind.date(days.through), days.versions)}
      AND started >= ${instants.start} AND started < ${instants.end}`;
}

/**
 * The finalized rows of `dimension` (finalizedValuesOf) with the columns of visit rows over raw events
 * (visits.ts): visit_id, visitor, visit_started, visit_ended, visit_pageviews, visit_events and the value
 * as `alias`; only the rows `kept` keeps where given (the visits chosen, a condition on visit_id; the days
 * not read from totals).
 */
export function finalizedValueRows(
  site: SqlFragment,
  dimension: FinalizedEventDimension,
  days: FinalizedDays,
  instants: { start: SqlFragment; end: SqlFragment },
  alias: SqlFragment,
  kept?: SqlFragment,
): SqlFragment {
  return sql`SELECT visit_id, ${VALUE_ROW_COLUMNS}, value AS ${alias}
    FROM visit_values
    WHERE ${finalizedValuesOf(site, dimension, days, instants)} ${kept ? sql`AND ${kept}` : sql``}`;
}
