import type { NamedQuery } from '../../clickhouse/clickhouse.service.js';
import { bind, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';
import type { Site } from '../../sites/site.js';
import { nextDay } from '../../common/calendar.js';

export interface OverviewRow {
  /** UInt64 values arrive as strings in JSONEachRow. */
  visitors: string;
  pageviews: string;
}

/**
 * Events of a site over whole days in its time zone: [midnight of `from`, midnight after `to`).
 * The bounds are instants compared with the bare UTC `ts`, so the primary key still prunes.
 */
export function siteDays(site: Site, from: string, to: string): SqlFragment {
  return sql`site_id = ${bind.uint32(site.id)}
    AND ts >= ${bind.startOfDay(from, site.timezone)}
    AND ts < ${bind.startOfDay(nextDay(to), site.timezone)}`;
}

/**
 * Visitors (approximate `uniq`) and pageviews of people: rows the edge flagged as bots are kept for
 * inspection, not counted. Pageviews count distinct event ids: a row the pipeline delivered twice
 * stays in the ReplacingMergeTree until a merge, and must count once.
 */
export function overviewQuery(site: Site, from: string, to: string): NamedQuery {
  return {
    name: 'overview',
    sql: sql`SELECT uniq(visitor_id) AS visitors, uniqExactIf(event_id, name = 'pageview') AS pageviews
      FROM events
      WHERE ${siteDays(site, from, to)} AND is_bot = 0`,
  };
}
