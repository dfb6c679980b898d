import type { NamedQuery } from '../../clickhouse/clickhouse.service.js';
import { bind, identifier, joinSql, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';
import { rangeEvents, type EventColumn } from './range-events.js';
import type { ReportQuery } from './report-query.js';

/** The tracker reports the vitals it measured with the page's engagement (tracker/src/capture.ts). */
const VITALS_EVENT = '$engagement';

/**
 * Each web vital: its column and Google's thresholds (web.dev/articles/vitals): good up to `good`,
 * poor above `poor`, needs improvement between. CLS is a Float32 column, and the Float32 nearest 0.1 is
 * above the Float64 0.1 a bare literal is: its thresholds are Float32 too, or a CLS of exactly 0.1 would
 * not be good.
 */
const VITALS = {
  lcp: { column: sql`lcp_ms`, good: sql`2500`, poor: sql`4000` },
  inp: { column: sql`inp_ms`, good: sql`200`, poor: sql`500` },
  cls: { column: sql`cls`, good: sql`toFloat32(0.1)`, poor: sql`toFloat32(0.25)` },
} as const;
export type VitalName = keyof typeof VITALS;
export const VITAL_NAMES = Object.keys(VITALS) as VitalName[];

/** What the vitals break down by: the event's page, or its device type. */
export const VITALS_DIMENSIONS = { page: sql`pathname`, device: sql`device` } as const;
export type VitalsDimension = keyof typeof VITALS_DIMENSIONS;

/** The event columns read: each vital (aliased `vital_<name>`) and the breakdown's value. */
const vitalColumns = (dimension: VitalsDimension | undefined): EventColumn[] => [
  ...VITAL_NAMES.map((name): EventColumn => [VITALS[name].column, identifier(`vital_${name}`)]),
  ...(dimension ? [[VITALS_DIMENSIONS[dimension], sql`value`] as EventColumn] : []),
];

/**
 * Per vital: its samples, p75 and how many samples are good, need improvement or are poor. A vital is 0
 * where the browser measured none (no LCP entry, no interaction, no layout shift, or no API at all:
 * Safari and Firefox report no layout shifts), which can't be told from a perfect score: zeros are no
 * samples, in the percentile and the shares alike.
 *
 * The counts are sums of the conditions (0 or 1), not `countIf`: the same numbers in 10% less time on the
 * benchmark's month; needs improvement is what is neither good nor poor.
 *
 * quantileExact, not quantile: `quantile` samples a reservoir of 8,192 values, so its p75 is an estimate
 * that varies with the order rows arrive in; a site's vitals in a range are a few thousand values, which
 * quantileExact sorts in memory cheaply, for an exact answer: the value at index floor(0.75 × samples)
 * of the sorted samples (from 0), no interpolation.
 */
function vitalAggregates(name: VitalName): SqlFragment {
  const value = identifier(`vital_${name}`);
  const { good, poor } = VITALS[name];
  const column = (suffix: string) => identifier(`${name}_${suffix}`);
  return joinSql(
    [
      sql`sum(${value} > 0) AS ${column('samples')}`,
      sql`quantileExactIf(0.75)(${value}, ${value} > 0) AS ${column('p75')}`,
      sql`sum(${value} > 0 AND ${value} <= ${good}) AS ${column('good')}`,
      sql`${column('samples')} - ${column('good')} - ${column('poor')} AS ${column('needs_improvement')}`,
      sql`sum(${value} > ${poor}) AS ${column('poor')}`,
    ],
    ', ',
  );
}

/**
 * The range's web vitals: one row over every `$engagement` event (each once, bots out, filters applied:
 * range-events.ts; no visitor is counted, so no visit is merged), or with `dimension` one per value, most
 * engagement events first, then by value. One row more than `limit`: whether there is more.
 * `overall` adds the row over every event as the totals of the same read (`WITH TOTALS`: over every
 * value, before the limit), rather than a second query deduplicating the same events again.
 */
export function vitalsSql(
  query: Pick<ReportQuery, 'site' | 'filters' | 'range'>,
  dimension: VitalsDimension | undefined,
  { limit, overall }: { limit: number; overall: boolean },
): NamedQuery {
  const events = rangeEvents(query, query.range, [VITALS_EVENT], vitalColumns(dimension), {
    visitors: false,
  });
  const aggregates = joinSql([sql`count() AS engagements`, ...VITAL_NAMES.map(vitalAggregates)], ', ');
  return dimension
    ? {
        name: `vitals:${dimension}`,
        sql: sql`SELECT value, ${aggregates} FROM (${events})
          GROUP BY value ${overall ? sql`WITH TOTALS` : sql``}
          ORDER BY engagements DESC, value ASC LIMIT ${bind.uint32(limit + 1)}`,
      }
    : { name: 'vitals', sql: sql`SELECT ${aggregates} FROM (${events})` };
}
