import { EVENT_ROW_FIELDS, REPORT_DIMENSIONS, type DimensionName } from '@sluice/config';
import type { NamedQuery } from '../../clickhouse/clickhouse.service.js';
import { bind, identifier, joinSql, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';
import { addDays } from '../../common/calendar.js';
import { DomainError, ErrorCode } from '../../common/domain-error.js';
import { eventValue } from './dimensions.js';
import { filterDimensions, filterSql } from './filters.js';
import type { DateRange, Filter, ReportQuery } from './report-query.js';
import { dayBounds } from './range-days.js';

/** Where a page of events ends: its last event's `ts` (UTC, `YYYY-MM-DD HH:MM:SS`) and id. */
export interface EventsCursor {
  ts: string;
  eventId: string;
}

/** The events explorer's query: raw events of a range, newest first, a page after `after`. */
export interface EventsQuery {
  site: ReportQuery['site'];
  range: DateRange;
  filters?: Filter;
  /** Rows the edge flagged as bots are left out unless asked for. */
  bots: boolean;
  /** Only the events of one visit, visitor or signed-in user (their session_id, visitor_id, user_id). */
  of?: EventsOf;
  after?: EventsCursor;
  limit: number;
}

/** The events API's parameters that narrow the events to one visit's, visitor's or user's, and the field each matches. */
export const EVENT_OWNER_FIELDS = { session: 'session_id', visitor: 'visitor_id', user: 'user_id' } as const;
export type EventOwnerParameter = keyof typeof EVENT_OWNER_FIELDS;

/** Whose events: a visit's, a visitor's or a signed-in user's, by the field their events carry. */
export interface EventsOf {
  field: (typeof EVENT_OWNER_FIELDS)[EventOwnerParameter];
  value: string;
}

/**
 * Each dimension as a column of one event: its own field. The entry and exit pages are a visit's
 * first and last pageview, which one event does not know: they are refused (filter by `page`).
 */
function eventColumn(name: DimensionName) {
  const spec = REPORT_DIMENSIONS[name];
  if ('derived' in spec) {
    throw new DomainError(
      ErrorCode.Validation,
      `filters: ${name} describes a visit, not an event (filter events by page)`,
    );
  }
  return eventValue(name);
}

/**
 * How many of the newest events a page's bound is read from (newestSql): twice the page and its one more
 * row, so the page still finds its rows where copies the pipeline stored twice are among the newest.
 */
export const newestEventsRead = (query: Pick<EventsQuery, 'limit'>) => 2 * (query.limit + 1);

/**
 * The oldest time among the query's newest events (newestEventsRead of them), from their times alone: a
 * partial sort of one column, where the page's own query sorted every column of every row of the range
 * (the benchmark's 30 days of one site: 4.4 million events, 6 s on ClickHouse; 40 ms for this, then 35
 * for the page bounded by it). Copies are not told apart here; the page tells (EventsService.page).
 * `oldest` is UTC, `YYYY-MM-DD HH:MM:SS`; `found` how many were read.
 */
export function newestSql(query: EventsQuery, recentFrom?: string): NamedQuery {
  const conditions = [
    ...pageConditions(query),
    ...(recentFrom === undefined ? [] : [sql`toDate(ts) >= ${bind.date(recentFrom)}`]),
  ];
  return {
    name: recentFrom === undefined ? 'events-newest' : 'events-newest-recent',
    sql: sql`SELECT toString(min(ts)) AS oldest, count() AS found FROM (
      SELECT ts FROM events WHERE ${joinSql(conditions, ' AND ')}
      ORDER BY ts DESC LIMIT ${bind.uint32(newestEventsRead(query))})`,
  };
}

/**
 * The first of the UTC days the newest events are looked for in first (newestSql's `recentFrom`): the day
 * before the range's last local day, or the cursor's, on. Where those hold as many of the query's events as
 * newestSql reads, they are its newest of the whole range, since every event of an earlier day is older; on a
 * busy site they do, and the month before them is not read (the benchmark's largest site: two days' events
 * instead of 4.4 million). Undefined where those days are the whole range (a local day begins on the UTC day
 * before it at the earliest): looking there first would read the same rows twice.
 */
export function recentDaysFrom(query: EventsQuery): string | undefined {
  const from = addDays(query.after ? query.after.ts.slice(0, 10) : query.range.to, -1);
  return from > addDays(query.range.from, -1) ? from : undefined;
}

/**
 * One page of raw events, every contract field, newest first by (ts, event id): a keyset, so a page
 * is stable while events arrive (new ones are newer than any cursor) and costs the same at any depth.
 * From `since` on, where given (newestSql's oldest): its day bounds the table's key (`toDate(ts)`, which
 * 18.16's index reads where it ignores a bound on `ts`), its time the rows sorted.
 *
 * A copy of an event (the pipeline's at-least-once delivery, or the tracker's resend) is left out within the
 * page by its event id alone (LIMIT 1 BY), where FINAL would merge every part of the range first and still
 * keep a resend from another network (another visitor hash: another key of the ReplacingMergeTree, 0007) or
 * one whose age the edge took a second apart (another `ts`). The event id is compared as text (its UUID
 * form), which 18.16 orders like any string.
 */
export function eventsSql(query: EventsQuery, since?: string): NamedQuery {
  const conditions = [
    ...pageConditions(query),
    ...(since === undefined
      ? []
      : [
          sql`toDate(ts) >= toDate(toDateTime(${bind.string(since)}, 'UTC')) AND ts >= toDateTime(${bind.string(since)}, 'UTC')`,
        ]),
  ];
  const fields = joinSql(EVENT_ROW_FIELDS.map(identifier), ', ');
  // One row more than the page: whether there is a next one.
  return {
    name: 'events',
    sql: sql`SELECT ${fields} FROM events WHERE ${joinSql(conditions, ' AND ')}
      ORDER BY ts DESC, toString(event_id) DESC
      LIMIT 1 BY event_id
      LIMIT ${bind.uint32(query.limit + 1)}`,
  };
}

/** The events a page is taken from: the query's (eventConditions), after its cursor. */
function pageConditions(query: EventsQuery): SqlFragment[] {
  const { after } = query;
  return [
    ...eventConditions(query),
    ...(after
      ? [
          sql`(ts < toDateTime(${bind.string(after.ts)}, 'UTC') OR (ts = toDateTime(${bind.string(after.ts)}, 'UTC') AND toString(event_id) < ${bind.string(after.eventId)}))`,
        ]
      : []),
  ];
}

/** The events of the query's site, range and filters (bots out unless asked), as WHERE conditions. */
export function eventConditions(query: Omit<EventsQuery, 'after' | 'limit'>): SqlFragment[] {
  const { start, end, firstDay, lastDay } = dayBounds(query.site, query.range);
  filterDimensions(query.filters).forEach(eventColumn);
  return [
    sql`site_id = ${bind.uint32(query.site.id)}`,
    sql`toDate(ts) >= ${firstDay} AND toDate(ts) <= ${lastDay}`,
    sql`ts >= ${start} AND ts < ${end}`,
    ...(query.bots ? [] : [sql`is_bot = 0`]),
    ...(query.of ? [sql`${identifier(query.of.field)} = ${bind.string(query.of.value)}`] : []),
    ...(query.filters ? [filterSql(query.filters, eventColumn)] : []),
  ];
}
