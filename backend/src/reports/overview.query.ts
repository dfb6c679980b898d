import type { NamedQuery } from '../clickhouse/clickhouse.service.js';
import { literal, sql } from '../clickhouse/sql-binder.js';

export interface DayRange {
  /** First day, included (YYYY-MM-DD). */
  from: string;
  /** The day after the last one: the range is [from, untilExclusive). */
  untilExclusive: string;
  timeZone: string;
}

/**
 * Visitors and pageviews of a site over whole days in its time zone. The bounds are instants
 * (midnight in that zone) compared with the UTC `ts`, so the primary key's `toDate(ts)` still prunes.
 * Pageviews count distinct event ids: a row delivered twice, not yet merged away, counts once.
 */
export function overviewQuery(siteId: number, range: DayRange): NamedQuery {
  return {
    name: 'overview',
    sql: sql`SELECT uniq(visitor_id) AS visitors, uniqExactIf(event_id, name = 'pageview') AS pageviews
      FROM events
      WHERE site_id = ${literal.uint32(siteId)}
        AND ts >= ${literal.startOfDayIn(range.from, range.timeZone)}
        AND ts < ${literal.startOfDayIn(range.untilExclusive, range.timeZone)}`,
  };
}
