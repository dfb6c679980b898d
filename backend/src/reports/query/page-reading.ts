import { bind, joinSql, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';
import type { NamedQuery } from '../../clickhouse/clickhouse.service.js';
import { latestDaysOf, type FinalizedWrite } from './finalized-visits.js';
import { rangeEvents } from './range-events.js';
import type { ReportQuery } from './report-query.js';
import { finalizedWholeDays } from './value-totals.js';

/**
 * How a page view was read, as the tracker reports it (tracker/src/capture.ts): each time a view is hidden
 * or left, its deepest scroll since the last report (`scroll_depth`, %), the time it was visible since then
 * (`engaged_ms`), and the web vitals measured meanwhile (vitals.ts).
 */
export const ENGAGEMENT_EVENT = '$engagement';

/**
 * A visit's reading of each page, from its engagement reports (`reports`: one row per report, with
 * `visit_id` and `page`, grouped by `key` as well where given): the deepest of its reports' depths and the
 * sum of their visible times, a view hidden and shown again being two reports. A visit's views of one page
 * are one reading, as Plausible counts scroll depth per visitor and page. Grouped by one hash of the pair:
 * 18.16 grouped a month of /pricing's views by the number and the string in 77 ms, by their hash in 40 (two
 * readings sharing a hash by chance would count as one).
 */
export const visitPageReadings = (
  reports: SqlFragment,
  columns: SqlFragment[],
  key?: SqlFragment,
): SqlFragment =>
  sql`SELECT ${joinSql(columns, ', ')} FROM (${reports}) GROUP BY cityHash64(visit_id, page${key ? sql`, ${key}` : sql``})`;

/**
 * A group of readings (visitPageReadings, `depth` and `engaged` each) as the partial sums a page's figures
 * are made of: its readings, their visible milliseconds, and those that measured a depth (a tracker that
 * sent none sent 0) with their depths' sum. Sums add up: across days, and stored days with read ones.
 */
const READING_PARTIALS = [
  sql`count() AS readings`,
  sql`sum(engaged) AS engaged_ms`,
  sql`countIf(depth > 0) AS depth_readings`,
  sql`sumIf(depth, depth > 0) AS depth_sum`,
];

/** One reading's columns, for a group by page (its own alias: `page` would stand for it in the GROUP BY). */
const READING_COLUMNS = [sql`any(page) AS read_page`, sql`max(depth) AS depth`, sql`sum(engaged) AS engaged`];

/**
 * Writes, as `write`, the readings of the pages in the `$engagement` events finalized on the UTC days `from`
 * to `to` (finalizeEventsSql, run before), per site, day and page (migration 0033): a reading there is a
 * visit's reports of a page on one UTC day, as pageReadingSql groups them.
 */
export function finalizeReadingsSql(from: string, to: string, write: FinalizedWrite): SqlFragment {
  return sql`INSERT INTO finalized_readings (site_id, day, version, provisional, page, readings, engaged_ms,
      depth_readings, depth_sum)
    SELECT site_id, day, version, provisional, read_page, ${joinSql(READING_PARTIALS, ', ')}
    FROM (
      SELECT site_id, toDate(ts) AS day, version, provisional, pathname AS read_page,
        max(scroll_depth) AS depth, sum(engaged_ms) AS engaged
      FROM finalized_events
      WHERE name = ${bind.string(ENGAGEMENT_EVENT)} AND toDate(ts) >= ${bind.date(from)} AND toDate(ts) <= ${bind.date(to)}
        AND version = ${bind.uint32(write.version)} AND provisional = ${bind.uint32(write.slot)}
      GROUP BY site_id, day, version, provisional, visit_id, pathname
    )
    GROUP BY site_id, day, version, provisional, read_page`;
}

/**
 * The range's readings as partial sums per page (`value`, READING_PARTIALS). A reading is a visit's reports
 * of a page on one UTC day (a visit read across midnight UTC reads twice), so that days stored whole and days
 * read from events agree. Without filters, the UTC days the range covers whole, up to the last finalized one,
 * are read from `finalized_readings` (a row per day and page); the events of the days at its ends and of the
 * open days (range-events.ts) are grouped into the same sums. A filter may choose among a page's reports, so
 * with one every day's events are grouped.
 */
function readingPartials(
  query: Pick<ReportQuery, 'site' | 'filters' | 'range' | 'finalizedThrough' | 'finalizedVersions'>,
): SqlFragment {
  const stored = query.filters ? undefined : finalizedWholeDays(query, query.range);
  const reports = rangeEvents(
    query,
    query.range,
    [ENGAGEMENT_EVENT],
    [
      [sql`pathname`, sql`page`],
      [sql`scroll_depth`, sql`depth`],
      [sql`engaged_ms`, sql`engaged`],
    ],
    {
      visitors: false,
      where: stored && sql`NOT (toDate(ts) >= ${stored.first} AND toDate(ts) <= ${stored.last})`,
    },
  );
  const readings = visitPageReadings(reports, READING_COLUMNS, sql`toDate(seen)`);
  const grouped = sql`SELECT read_page AS value, ${joinSql(READING_PARTIALS, ', ')} FROM (${readings}) GROUP BY value`;
  if (!stored) return grouped;
  return sql`SELECT page AS value, readings, engaged_ms, depth_readings, depth_sum FROM finalized_readings
      WHERE ${latestDaysOf(bind.uint32(query.site.id), stored.first, stored.last, query.finalizedVersions)}
    UNION ALL ${grouped}`;
}

/**
 * The range's reading of its pages: one row per page, most readings first, then by path, one row more than
 * `limit` (whether there are more), and with `overall` the same over every page as the totals of the same
 * read (`WITH TOTALS`). Each engagement report once, bots out, filters applied as rangeEvents applies them:
 * event filters choose the reports (a page filter, its page's), visit filters their visits. `views`: the
 * readings; `time_on_page`: the mean of their visible seconds; `scroll_depth`: the mean of their deepest
 * scroll in percent, over those that measured one. Both whole, half up, as the visit metrics round; 0 over
 * none.
 */
export function pageReadingSql(
  query: Pick<ReportQuery, 'site' | 'filters' | 'range' | 'finalizedThrough' | 'finalizedVersions'>,
  { limit, overall }: { limit: number; overall: boolean },
): NamedQuery {
  return {
    name: 'report:reading',
    sql: sql`SELECT value, sum(readings) AS views,
        if(views = 0, 0, floor(sum(engaged_ms) / 1000 / views + 0.5)) AS time_on_page,
        if(sum(depth_readings) = 0, 0, floor(sum(depth_sum) / sum(depth_readings) + 0.5)) AS scroll_depth
      FROM (${readingPartials(query)})
      GROUP BY value ${overall ? sql`WITH TOTALS` : sql``}
      ORDER BY views DESC, value ASC LIMIT ${bind.uint32(limit + 1)}`,
  };
}
