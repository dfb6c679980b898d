import type { NamedQuery } from '../../clickhouse/clickhouse.service.js';
import { bind, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';
import type { DateRange, ReportQuery } from './report-query.js';
import { SAMPLE_PARTS } from './sample-clause.js';
import { latestDaysOf } from './finalized-visits.js';
import { dayBounds, finalizedThenOpen } from './range-days.js';

/**
 * A count over a sample, scaled up to the whole: a sample by visitor holds about `rate` of the visitors,
 * and with them all their visits and events, so each count divides by the rate (half up, as the ratios
 * round). Ratios (per visit, percent) are left as the sample gives them.
 */
export const scaledUp = (value: SqlFragment, sample: number): SqlFragment =>
  sql`toUInt64(floor(${value} * ${bind.uint32(SAMPLE_PARTS)} / ${bind.uint32(sample)} + 0.5))`;

/**
 * The row estimate that decides `sample=auto`: the events stored on the UTC days a range's visits are read
 * from (bots and unmerged copies included). Finalized days by their count (migration 0027), each day's
 * latest recorded version; open days by `count()` under a condition on the key's prefix (site, day), which
 * reads that prefix's columns of the matching granules, not the events (the count of a month's days read
 * every ts: 25 ms of the benchmark's largest site, against 15 so).
 */
export function estimatedRowsSql(query: ReportQuery, range: DateRange): NamedQuery {
  const { firstDay, lastDay } = dayBounds(query.site, range);
  const site = bind.uint32(query.site.id);
  const counts = finalizedThenOpen(
    query,
    range,
    (through) =>
      sql`SELECT events FROM finalized_event_counts WHERE ${latestDaysOf(site, firstDay, bind.date(through), query.finalizedVersions)}`,
    (open) => sql`SELECT count() AS events FROM events
      WHERE site_id = ${site} AND toDate(ts) >= ${bind.date(open.from)} AND toDate(ts) <= ${lastDay}`,
  );
  return { name: 'report:sampling-estimate', sql: sql`SELECT sum(events) AS rows FROM (${counts})` };
}

/**
 * The sample, in ten-thousandths, `auto` picks for an estimate: none (undefined) at or below `minRows`,
 * above it the share that reads about `minRows` events, at least 1/10000.
 */
export function autoSample(estimatedRows: number, minRows: number): number | undefined {
  if (estimatedRows <= minRows) return undefined;
  return Math.max(1, Math.floor((minRows * SAMPLE_PARTS) / estimatedRows));
}
