import type { NamedQuery } from '../../clickhouse/clickhouse.service.js';
import { bind, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';
import { visitValueFromEvents } from './dimensions.js';
import { VISIT_KEY } from './visit-key.js';

/** What "right now" covers: visitors active and events that happened in the last 5 minutes. */
export const REALTIME_WINDOW_SECONDS = 5 * 60;

/**
 * How far before a window the copies of its events are looked for: a resend from another address (the
 * offline queue) carries the same event id and a later ts; the event's first ts, within this margin, is
 * the one that counts. A visit's first event (its visitor) is looked for as far back.
 */
export const DEDUP_MARGIN_SECONDS = 30 * 60;

/** Where a stream stands: the (first ts, event id) of the last event it sent in order. */
export interface StreamCursor {
  ts: number;
  eventId: string;
}

/** One streamed event: what a live view shows, never who (no visitor or session id). */
export interface StreamedEvent {
  id: string;
  /** Unix seconds of its first arrival (the copies of a resend come later). */
  ts: number;
  name: string;
  page: string;
  country: string;
  device: string;
  browser: string;
  source: string;
}

const at = (seconds: number) => sql`toDateTime(${bind.uint32(seconds)})`;
const utcDay = (seconds: number) => bind.date(new Date(seconds * 1000).toISOString().slice(0, 10));

/**
 * The site's human rows from `from` on. The events table's key starts (site_id, toDate(ts)): 18.16 derives
 * no day from a ts condition, so the day is stated too.
 */
const rowsSince = (siteId: number, from: number) =>
  sql`site_id = ${bind.uint32(siteId)} AND toDate(ts) >= ${utcDay(from)} AND ts >= ${at(from)} AND is_bot = 0`;

/**
 * Events of the site whose first arrival is at or after `since` (and after `after`, in (ts, id) order), each
 * once, the newest `limit` of them, newest first: the poller's and a resume's read. A burst past the limit
 * skips ahead to the newest events (a live view shows now, not a backlog) and never stalls a poll on a
 * page of events it has already sent. (Aliases differ from the columns they aggregate:
 * ClickHouse would read an alias named like its column inside its own aggregate.) Grouping by event id drops the pipeline's copies and
 * a cross-address resend alike (the projection is the first row's); the id is compared as text, as the
 * cursor carries it.
 */
export function streamEventsSql(
  query: { siteId: number; since: number; after?: StreamCursor; limit: number },
  name: 'realtime:poll' | 'realtime:resume',
): NamedQuery {
  const after = query.after
    ? sql`AND (first_ts > ${at(query.after.ts)} OR (first_ts = ${at(query.after.ts)} AND id > ${bind.string(query.after.eventId)}))`
    : sql``;
  return {
    name,
    sql: sql`SELECT id, toUInt32(first_ts) AS ts, first_name AS name, page, first_country AS country,
        first_device AS device, first_browser AS browser, source FROM (
      SELECT toString(event_id) AS id, min(ts) AS first_ts, argMin(name, ts) AS first_name,
        argMin(pathname, ts) AS page, argMin(country, ts) AS first_country, argMin(device, ts) AS first_device,
        argMin(browser, ts) AS first_browser, argMin(referrer_source, ts) AS source
      FROM events
      WHERE ${rowsSince(query.siteId, query.since - DEDUP_MARGIN_SECONDS)}
      GROUP BY event_id
      HAVING first_ts >= ${at(query.since)} ${after}
    ) ORDER BY first_ts DESC, id DESC LIMIT ${bind.uint32(query.limit)}`,
  };
}

/**
 * Visits active since `since` (an event at or after it), one row each: the visitor of its first event
 * (a resend from another address adds nobody), its pageviews since then (distinct event ids) and its source.
 */
function activeVisits(siteId: number, since: number): SqlFragment {
  return sql`SELECT ${VISIT_KEY} AS visit_id, argMin(sipHash64(visitor_id), ts) AS visitor,
      max(ts) AS last_seen, uniqIf(event_id, name = 'pageview' AND ts >= ${at(since)}) AS visit_pageviews,
      ${visitValueFromEvents('referrer_source')} AS source
    FROM events
    WHERE ${rowsSince(siteId, since - DEDUP_MARGIN_SECONDS)}
    GROUP BY visit_id
    HAVING last_seen >= ${at(since)}`;
}

/** Visitors and pageviews since `since`. `uniq`, as the reports' visitors (metrics.ts). */
export const activeTotalsSql = (siteId: number, since: number): NamedQuery => ({
  name: 'realtime:visitors',
  sql: sql`SELECT uniq(visitor) AS visitors, sum(visit_pageviews) AS pageviews FROM (${activeVisits(siteId, since)})`,
});

/** The referrer sources of the visitors active since `since`, most visitors first. */
export const activeSourcesSql = (siteId: number, since: number, limit: number): NamedQuery => ({
  name: 'realtime:sources',
  sql: sql`SELECT source AS value, uniq(visitor) AS visitors FROM (${activeVisits(siteId, since)})
    GROUP BY value ORDER BY visitors DESC, value ASC LIMIT ${bind.uint32(limit)}`,
});

/**
 * Pageviews per minute from `since` on: each pageview once (by event id) in the minute of its first arrival, as
 * the stream has it. Minutes are UTC instants (every zone's minutes begin on them); those without a pageview
 * have no row.
 */
export const pageviewsByMinuteSql = (siteId: number, since: number): NamedQuery => ({
  name: 'realtime:minutes',
  sql: sql`SELECT toUInt32(toStartOfMinute(first_ts)) AS minute, count() AS pageviews FROM (
      SELECT event_id, min(ts) AS first_ts FROM events
      WHERE ${rowsSince(siteId, since - DEDUP_MARGIN_SECONDS)} AND name = 'pageview'
      GROUP BY event_id
      HAVING first_ts >= ${at(since)}
    ) GROUP BY minute ORDER BY minute`,
});

/** The pages viewed since `since`, most pageviews (distinct event ids) first. */
export const activePagesSql = (siteId: number, since: number, limit: number): NamedQuery => ({
  name: 'realtime:pages',
  sql: sql`SELECT pathname AS value, uniq(event_id) AS pageviews FROM events
    WHERE ${rowsSince(siteId, since)} AND name = 'pageview'
    GROUP BY value ORDER BY pageviews DESC, value ASC LIMIT ${bind.uint32(limit)}`,
});

/**
 * The arrival of the site's newest human event from the UTC day `fromDay` on, or over all its days without
 * one: `last` is 0 where there is none (`max` of no DateTime), which `events` tells apart.
 */
export const lastEventSql = (siteId: number, fromDay?: string): NamedQuery => ({
  name: 'realtime:last-event',
  sql: sql`SELECT toUInt32(max(ts)) AS last, count() AS events FROM events
    WHERE site_id = ${bind.uint32(siteId)} ${fromDay ? sql`AND toDate(ts) >= ${bind.date(fromDay)}` : sql``}
      AND is_bot = 0`,
});
