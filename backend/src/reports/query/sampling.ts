import type { NamedQuery } from '../../clickhouse/clickhouse.service.js';
import { bind, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';
import type { DateRange, ReportQuery } from './report-query.js';
import { SAMPLE_PARTS } from './sample-clause.js';
import { eventDays } from './range-days.js';

/**
 * A count over a sample, scaled up to the whole: a sample by visitor holds about `rate` of the visitors,
 * and with them all their visits and events, so each count divides by the rate (half up, as the ratios
 * round). Ratios (per visit, percent) are left as the sample gives them.
 */
export const scaledUp = (value: SqlFragment, sample: number): SqlFragment =>
  sql`toUInt64(floor(${value} * ${bind.uint32(SAMPLE_PARTS)} / ${bind.uint32(sample)} + 0.5))`;

/**
 * The row estimate that decides `sample=auto`: the events stored on the UTC days a range's visits are read
 * from (bots and unmerged copies included). Cheap: `count()` under a condition on the key's prefix
 * (site, day) only reads that prefix's columns of the matching granules, not the events.
 */
export const estimatedRowsSql = (query: ReportQuery, range: DateRange): NamedQuery => ({
  name: 'report:sampling-estimate',
  sql: sql`SELECT count() AS rows FROM events WHERE ${eventDays(query, range)}`,
});

/**
 * The sample, in ten-thousandths, `auto` picks for an estimate: none (undefined) at or below `minRows`,
 * above it the share that reads about `minRows` events, at least 1/10000.
 */
export function autoSample(estimatedRows: number, minRows: number): number | undefined {
  if (estimatedRows <= minRows) return undefined;
  return Math.max(1, Math.floor((minRows * SAMPLE_PARTS) / estimatedRows));
}
