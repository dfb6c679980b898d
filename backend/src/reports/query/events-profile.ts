import type { NamedQuery } from '../../clickhouse/clickhouse.service.js';
import { bind, identifier, joinSql, sql } from '../../clickhouse/sql-binder.js';
import { eventConditions, type EventsOf, type EventsQuery } from './events.js';

/** Whose profile: one visit's, visitor's or signed-in user's events over a range (no filters: all of theirs). */
export type ProfileQuery = Omit<EventsQuery, 'after' | 'limit' | 'filters' | 'of'> & { of: EventsOf };

/** At most this many of the newest visits are listed (the figures count them all). */
export const PROFILE_VISITS = 20;

/**
 * Their events, each once (a copy the pipeline stored twice, or the tracker resent, shares its id): the
 * columns a profile reads. Whose they are is no column of the events' key: the owner's field is read first
 * (PREWHERE) and the other columns only where it matches, not for every event of the site's range.
 */
const theirEvents = ({ of, ...query }: ProfileQuery) =>
  sql`SELECT name, session_id, ts, pathname, referrer_source, country, city, device, browser, os, user_id
    FROM events PREWHERE ${identifier(of.field)} = ${bind.string(of.value)}
    WHERE ${joinSql(eventConditions(query), ' AND ')}
    LIMIT 1 BY event_id`;

/** The distinct non-empty values of a field, sorted: where they were, on what. */
const distinct = (field: 'country' | 'device' | 'browser' | 'os') =>
  sql`arraySort(groupUniqArrayIf(${identifier(field)}, ${identifier(field)} != ''))`;

/**
 * One row of figures (PostHog's person, Plausible's visitor): their events, pageviews and visits, the first
 * and last time seen (UTC), the countries, devices, browsers and systems they came from, their latest city and
 * the latest user id the site gave them.
 */
export function profileSql(query: ProfileQuery): NamedQuery {
  return {
    name: 'events-profile',
    sql: sql`SELECT count() AS events, countIf(name = 'pageview') AS pageviews,
        uniqExact(session_id) AS visits,
        toString(min(ts)) AS first_seen, toString(max(ts)) AS last_seen,
        ${distinct('country')} AS countries, ${distinct('device')} AS devices,
        ${distinct('browser')} AS browsers, ${distinct('os')} AS systems,
        argMaxIf(city, ts, city != '') AS city, argMaxIf(user_id, ts, user_id != '') AS user_id
      FROM (${theirEvents(query)})`,
  };
}

/**
 * Their newest visits (PROFILE_VISITS), newest first: when each began and ended (UTC), its events and
 * pageviews, its entry and exit pages, where it came from and on what, from its first event.
 */
export function profileVisitsSql(query: ProfileQuery): NamedQuery {
  return {
    name: 'events-profile-visits',
    sql: sql`SELECT session_id, toString(min(ts)) AS started, toString(max(ts)) AS ended,
        count() AS events, countIf(name = 'pageview') AS pageviews,
        argMinIf(pathname, ts, name = 'pageview') AS entry_page,
        argMaxIf(pathname, ts, name = 'pageview') AS exit_page,
        argMin(referrer_source, ts) AS source, argMin(country, ts) AS country,
        argMin(device, ts) AS device, argMin(browser, ts) AS browser
      FROM (${theirEvents(query)})
      GROUP BY session_id
      ORDER BY started DESC, session_id ASC
      LIMIT ${bind.uint32(PROFILE_VISITS)}`,
  };
}
