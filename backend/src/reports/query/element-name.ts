import type { NamedQuery } from '../../clickhouse/clickhouse.service.js';
import { bind, identifier, joinSql, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';
import type { ElementContext, NameSource } from '../../naming/element-context.js';
import { heuristicName } from '../../naming/heuristic-name.js';
import type { DateRange, ReportQuery } from './report-query.js';
import { carriedBy } from './dimensions.js';
import { eventDays } from './range-days.js';

/** The events' columns an element's context is read from (element-context.ts), by its field. */
const CONTEXT_COLUMNS: Record<keyof ElementContext, string> = {
  eventName: 'name',
  tag: 'el_tag',
  id: 'el_id',
  classes: 'el_classes',
  text: 'el_text',
  selector: 'el_selector',
  href: 'el_href',
  landmark: 'el_context',
  path: 'pathname',
};
const FIELDS = Object.keys(CONTEXT_COLUMNS) as Array<keyof ElementContext>;
/** A field's name as a column of the queries here (`eventName` → `event_name`). */
const alias = (field: keyof ElementContext) => field.replace(/[A-Z]/g, (upper) => `_${upper.toLowerCase()}`);
type ContextAlias = 'event_name' | Exclude<keyof ElementContext, 'eventName'>;

/** Each field of an element's context: its column of the events, and its name in the queries here. */
export const ELEMENT_CONTEXT: Array<[SqlFragment, SqlFragment]> = FIELDS.map((field) => [
  identifier(CONTEXT_COLUMNS[field]),
  identifier(alias(field)),
]);

/**
 * One event's description of its element, as columns named by the context's fields (`argMax(el_tag, ts) AS
 * tag`), for a query grouping by fingerprint: the latest event's, every field from it (the panel shows
 * where it was last clicked). The fingerprint hashes the tag, selector and text (contract:
 * el_fingerprint), but not the page: one button on every product page is one element, and `any` named it
 * after whichever page a read met first (two answers in eleven runs of the same query).
 */
export const elementContextColumns: SqlFragment = joinSql(
  ELEMENT_CONTEXT.map(([column, name]) => sql`argMax(${column}, ts) AS ${name}`),
  ', ',
);

/** The columns of `elementContextColumns` and `storedNames`, as an outer query selects them. */
export const elementNameColumns: SqlFragment = joinSql(
  [
    ...FIELDS.map((field) => identifier(alias(field))),
    identifier('stored_name'),
    identifier('stored_source'),
  ],
  ', ',
);

/** The latest stored name of each fingerprint of the site, and its source: joined `USING fingerprint`. */
export const storedNames = (siteId: number, fingerprints?: SqlFragment): SqlFragment =>
  sql`SELECT fingerprint, argMax(name, updated_at) AS stored_name, argMax(source, updated_at) AS stored_source
    FROM autocapture_names
    WHERE site_id = ${bind.uint32(siteId)} ${fingerprints ? sql`AND fingerprint IN (${fingerprints})` : sql``}
    GROUP BY fingerprint`;

/** A row holding an element's context and its stored name (empty strings when it has none). */
export type ElementNameColumns = Record<ContextAlias, string> & {
  stored_name: string;
  stored_source: string;
};

/** What an element is called and why: its stored name, else the heuristic name of its context (heuristic-name.ts). */
export function elementName(row: ElementNameColumns): { name: string; source: NameSource } {
  if (row.stored_name !== '') return { name: row.stored_name, source: row.stored_source as NameSource };
  const context = Object.fromEntries(
    FIELDS.map((field) => [field, row[alias(field) as ContextAlias]]),
  ) as unknown as ElementContext;
  return { name: heuristicName(context), source: 'heuristic' };
}

/** A row of `elementNamesSql`. */
export type ElementNameRow = ElementNameColumns & { fingerprint: string };

/** The element dimension's events ($autocapture, $form_submit): declared in the contract. */
const ELEMENT_EVENTS = carriedBy('element')!;

/** An element's latest click: its fingerprint and instant (whole seconds since the epoch, as `ts` is). */
export interface LatestClick {
  fingerprint: string;
  latest: number;
}

/**
 * The latest click (ts) of each of `fingerprints` in the range's days: the click elementNamesSql names it
 * after. Only the events that carry an element are read (PREWHERE: their name is in the sort key).
 */
export function latestClicksSql(
  query: Pick<ReportQuery, 'site'>,
  range: DateRange,
  fingerprints: string[],
): NamedQuery {
  return {
    name: 'elements:latest',
    sql: sql`SELECT el_fingerprint AS fingerprint, toUInt32(max(ts)) AS latest FROM events
      PREWHERE ${ELEMENT_EVENTS} AND el_fingerprint IN (${joinSql(fingerprints.map(bind.string), ', ')})
      WHERE ${eventDays(query, range)}
      GROUP BY el_fingerprint`,
  };
}

/**
 * What a report calls each element of `clicks`: the context of its latest click (latestClicksSql) and
 * its name in autocapture_names (AI, heuristic or given by hand), if any: `elementName` decides. A
 * renamed element has several rows in autocapture_names until a merge keeps the latest: argMax by
 * updated_at reads the latest now.
 *
 * Only those clicks are read, by their UTC days as literals, so the sort key skips every other day: `argMax`
 * of each context column read the wide columns of every click of the listed elements (a million clicks of
 * the 10M seed's busiest site in 30 days: 260-340 ms wall on ClickHouse), and a single query testing each
 * click against its element's latest read every day's clicks for it (190 ms); the two queries take 60-80
 * and 5. Clicks at the same instant are told apart by event id. `carriers`: the events the clicks are
 * among, the element dimension's unless said (a heatmap's clicks include links' downloads and exits).
 */
export function elementNamesSql(
  query: Pick<ReportQuery, 'site'>,
  clicks: LatestClick[],
  carriers: SqlFragment = ELEMENT_EVENTS,
): NamedQuery {
  const latest = joinSql(
    clicks.map(({ fingerprint, latest }) => sql`(${bind.string(fingerprint)}, ${bind.instant(latest)})`),
    ', ',
  );
  const days = [...new Set(clicks.map(({ latest }) => new Date(latest * 1000).toISOString().slice(0, 10)))];
  const context = joinSql(
    ELEMENT_CONTEXT.map(([column, name]) => sql`${column} AS ${name}`),
    ', ',
  );
  const listed = joinSql(
    clicks.map(({ fingerprint }) => bind.string(fingerprint)),
    ', ',
  );
  return {
    name: 'elements',
    sql: sql`SELECT fingerprint, ${elementNameColumns} FROM (
        SELECT el_fingerprint AS fingerprint, ${context}
        FROM events
        PREWHERE ${carriers} AND (el_fingerprint, ts) IN (${latest})
        WHERE site_id = ${bind.uint32(query.site.id)} AND toDate(ts) IN (${joinSql(days.map(bind.date), ', ')})
        ORDER BY event_id
        LIMIT 1 BY fingerprint
      ) ANY LEFT JOIN (${storedNames(query.site.id, listed)}) USING fingerprint`,
  };
}
