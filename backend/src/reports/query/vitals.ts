import type { NamedQuery } from '../../clickhouse/clickhouse.service.js';
import { bind, identifier, joinSql, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';
import { ENGAGEMENT_EVENT } from './page-reading.js';
import { latestDaysOf, type FinalizedWrite } from './finalized-visits.js';
import { rangeEvents, type EventColumn } from './range-events.js';
import type { ReportQuery } from './report-query.js';
import { finalizedWholeDays } from './value-totals.js';

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
 * A vital's samples of a group of events, as an array: a vital is 0 where the browser measured none (no
 * LCP entry, no interaction, no layout shift, or no API at all: Safari and Firefox report no layout
 * shifts), which can't be told from a perfect score, so zeros are no samples.
 */
const samplesOf = (name: VitalName, value: SqlFragment) =>
  sql`groupArrayIf(${value}, ${value} > 0) AS ${identifier(name)}`;

/**
 * Per vital, over the sample arrays of the rows (vitalArrays): its samples, p75 and how many samples are
 * good, need improvement or are poor (needs improvement is what is neither).
 *
 * quantileExact, not quantile: `quantile` samples a reservoir of 8,192 values, so its p75 is an estimate
 * that varies with the order rows arrive in; quantileExact sorts the samples, for an exact answer: the
 * value at index floor(0.75 × samples) of the sorted samples (from 0), no interpolation. Its `Array`
 * form reads each row's array as that many rows.
 */
function vitalAggregates(name: VitalName): SqlFragment {
  const samples = identifier(name);
  const { good, poor } = VITALS[name];
  const column = (suffix: string) => identifier(`${name}_${suffix}`);
  return joinSql(
    [
      sql`sum(length(${samples})) AS ${column('samples')}`,
      sql`quantileExactArray(0.75)(${samples}) AS ${column('p75')}`,
      sql`sum(arrayCount(sample -> sample <= ${good}, ${samples})) AS ${column('good')}`,
      sql`${column('samples')} - ${column('good')} - ${column('poor')} AS ${column('needs_improvement')}`,
      sql`sum(arrayCount(sample -> sample > ${poor}, ${samples})) AS ${column('poor')}`,
    ],
    ', ',
  );
}

/**
 * Writes, as `write`, the samples of the `$engagement` events finalized on the UTC days `from` to `to`
 * (finalizeEventsSql, run before) per site, day, page and device, as arrays (migration 0029): what the
 * vitals of the days a range covers whole are read from.
 */
export function finalizeVitalsSql(from: string, to: string, write: FinalizedWrite): SqlFragment {
  return sql`INSERT INTO finalized_vitals (site_id, day, version, provisional, page, device, engagements,
      ${joinSql(VITAL_NAMES.map(identifier), ', ')})
    SELECT site_id, toDate(ts) AS day, version, provisional, pathname, device, count(),
      ${joinSql(
        VITAL_NAMES.map((name) => samplesOf(name, VITALS[name].column)),
        ', ',
      )}
    FROM finalized_events
    WHERE name = ${bind.string(ENGAGEMENT_EVENT)} AND toDate(ts) >= ${bind.date(from)} AND toDate(ts) <= ${bind.date(to)}
      AND version = ${bind.uint32(write.version)} AND provisional = ${bind.uint32(write.slot)}
    GROUP BY site_id, day, version, provisional, pathname, device`;
}

/**
 * The range's engagement events as rows of `engagements` and each vital's sample array, per `value` of
 * `dimension` where given, for vitalAggregates to merge. Without filters, the UTC days the range covers
 * whole, up to the last finalized one, are read from `finalized_vitals` (a row per day, page and device:
 * 96,714 for the benchmark's largest site's month, where its events are 1.44 million); the events of the
 * days at its ends and of the open days (range-events.ts) are grouped into the same arrays. A filter may
 * choose among a page's events, so with one every day's events are grouped.
 */
function vitalArrays(
  query: Pick<ReportQuery, 'site' | 'filters' | 'range' | 'finalizedThrough' | 'finalizedVersions'>,
  dimension: VitalsDimension | undefined,
): SqlFragment {
  const stored = query.filters ? undefined : finalizedWholeDays(query, query.range);
  const events = rangeEvents(query, query.range, [ENGAGEMENT_EVENT], vitalColumns(dimension), {
    visitors: false,
    where: stored && sql`NOT (toDate(ts) >= ${stored.first} AND toDate(ts) <= ${stored.last})`,
  });
  const grouped = sql`SELECT ${joinSql(
    [
      ...(dimension ? [sql`value`] : []),
      sql`count() AS engagements`,
      ...VITAL_NAMES.map((name) => samplesOf(name, identifier(`vital_${name}`))),
    ],
    ', ',
  )} FROM (${events}) ${dimension ? sql`GROUP BY value` : sql``}`;
  if (!stored) return grouped;
  const storedColumns = [
    ...(dimension ? [sql`${identifier(dimension)} AS value`] : []),
    sql`engagements`,
    ...VITAL_NAMES.map(identifier),
  ];
  return sql`SELECT ${joinSql(storedColumns, ', ')} FROM finalized_vitals
      WHERE ${latestDaysOf(bind.uint32(query.site.id), stored.first, stored.last, query.finalizedVersions)}
    UNION ALL ${grouped}`;
}

/**
 * The range's web vitals: one row over every `$engagement` event (each once, bots out, filters applied:
 * range-events.ts; no visitor is counted, so no visit is merged), or with `dimension` one per value, most
 * engagement events first, then by value. One row more than `limit`: whether there is more.
 * `overall` adds the row over every event as the totals of the same read (`WITH TOTALS`: over every
 * value, before the limit), rather than a second query reading the same events again.
 */
export function vitalsSql(
  query: Pick<ReportQuery, 'site' | 'filters' | 'range' | 'finalizedThrough' | 'finalizedVersions'>,
  dimension: VitalsDimension | undefined,
  { limit, overall }: { limit: number; overall: boolean },
): NamedQuery {
  const aggregates = joinSql(
    [sql`sum(engagements) AS engagements`, ...VITAL_NAMES.map(vitalAggregates)],
    ', ',
  );
  const arrays = vitalArrays(query, dimension);
  return dimension
    ? {
        name: `vitals:${dimension}`,
        sql: sql`SELECT value, ${aggregates} FROM (${arrays})
          GROUP BY value ${overall ? sql`WITH TOTALS` : sql``}
          ORDER BY engagements DESC, value ASC LIMIT ${bind.uint32(limit + 1)}`,
      }
    : { name: 'vitals', sql: sql`SELECT ${aggregates} FROM (${arrays})` };
}
