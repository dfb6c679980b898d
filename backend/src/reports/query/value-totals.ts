import { bind, identifier, joinSql, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';
import { addDays, localDateOf, nextDay } from '../../common/calendar.js';
import { dimensionAlias } from './dimensions.js';
import { latestDaysOf, TOTALLED_DIMENSIONS } from './finalized-visits.js';
import { AGGREGATE_NAMES, aggregateState, partialColumn } from './metrics.js';
import type { DateRange, ReportQuery } from './report-query.js';
import { ownValuesOf, partialsDimension, valueRows } from './visits.js';

/** A UTC day's last second, after its first. */
const LAST_SECOND_MS = 86_399_000;

/**
 * The UTC days all of whose instants fall within `range` (its local days in `timeZone`, or its window), as
 * the first and the last; null where none does (a day of a zone off UTC is no UTC day). They are among the
 * range's days and the one on each side, and consecutive: a day is within when its first and its last
 * second are.
 */
export function wholeUtcDays(range: DateRange, timeZone: string): { first: string; last: string } | null {
  const { within } = range;
  const inRange = (instant: number) => {
    if (within) return instant >= within.start * 1000 && instant < within.end * 1000;
    const date = localDateOf(instant, timeZone);
    return date >= range.from && date <= range.to;
  };
  const whole = (day: string) => {
    const start = Date.parse(`${day}T00:00:00Z`);
    return inRange(start) && inRange(start + LAST_SECOND_MS);
  };
  const first = [addDays(range.from, -1), range.from, nextDay(range.from)].find(whole);
  const last = [nextDay(range.to), range.to, addDays(range.to, -1)].find(whole);
  return first !== undefined && last !== undefined && first <= last ? { first, last } : null;
}

/**
 * The UTC days `range` covers whole (wholeUtcDays) up to the last finalized one, as bound dates: the days
 * read from a table of finalized totals (page totals, web vitals' samples); undefined where none is.
 */
export function finalizedWholeDays(
  query: Pick<ReportQuery, 'site' | 'finalizedThrough' | 'finalizedVersions'>,
  range: DateRange,
): { first: SqlFragment; last: SqlFragment } | undefined {
  const days = wholeUtcDays(range, query.site.timezone);
  const through = query.finalizedThrough;
  if (!days || through === undefined || through < days.first) return undefined;
  return { first: bind.date(days.first), last: bind.date(days.last < through ? days.last : through) };
}

/**
 * The rows a breakdown by a totalled dimension (a page) merges, where the finalized totals (migration 0028)
 * answer part of it: per value, each aggregate's partial (partialColumn) and the value as
 * `dim_<name>`. The UTC days the range covers whole, up to the last finalized one, are read from
 * `finalized_value_totals` (a row per day and value); the days at its ends and the open days are
 * aggregated from their value rows (visits.ts) into the same partials. Undefined where totals can't answer:
 * a goal (its conversions are per visit), a visit filter (it chooses visits), sampled, a timeseries, or no
 * finalized whole day.
 *
 * A month's page breakdown merges 43,498 rows instead of grouping 1.37 million (the benchmark's largest
 * site): on ClickHouse 155-162 ms against 229-240, the same answer.
 */
export function valueTotalRows(query: ReportQuery, range: DateRange): SqlFragment | undefined {
  const dimension = partialsDimension(query, TOTALLED_DIMENSIONS);
  if (dimension === undefined) return undefined;
  const days = finalizedWholeDays(query, range);
  if (!days) return undefined;

  const alias = dimensionAlias(dimension);
  const { first, last } = days;
  const totals = sql`SELECT value AS ${alias}, ${joinSql(
    AGGREGATE_NAMES.map((name) => sql`${identifier(name)} AS ${partialColumn(name)}`),
    ', ',
  )}
    FROM finalized_value_totals
    WHERE dimension = ${bind.string(dimension)} AND ${latestDaysOf(bind.uint32(query.site.id), first, last, query.finalizedVersions)}`;
  const around = valueRows(query, range, dimension, sql`NOT (day >= ${first} AND day <= ${last})`);
  const partials = sql`SELECT ${alias}, ${joinSql(
    AGGREGATE_NAMES.map((name) => sql`${aggregateState(name)} AS ${partialColumn(name)}`),
    ', ',
  )}
    FROM (${around}) GROUP BY ${alias}`;
  return ownValuesOf(query, sql`${totals} UNION ALL ${partials}`);
}
