import type { NamedQuery } from '../../clickhouse/clickhouse.service.js';
import { bind, joinSql, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';
import type { DateRange, ReportQuery } from './report-query.js';
import { eventDays } from './visits.js';

/**
 * A readable name for an autocaptured element without one in `autocapture_names`, from the event's own
 * description of it: its tag with its text (`button "Add to cart"`), else with its id (`a#signup`), else
 * its selector, else the tag alone; and where on the page (` in Pricing`) when the tracker saw a heading
 * or landmark around it. Reads the contract's `el_*` columns of one event. Shared by the breakdown by
 * element and the heatmap's top elements.
 */
export const elementFallbackName: SqlFragment = sql`concat(
  multiIf(el_text != '', concat(el_tag, ' "', el_text, '"'), el_id != '', concat(el_tag, '#', el_id), el_selector != '', el_selector, el_tag),
  if(el_context != '', concat(' in ', el_context), ''))`;

/** A row of `elementNamesSql`. */
export interface ElementNameRow {
  fingerprint: string;
  name: string;
}

/**
 * What a report calls each of `fingerprints` seen on the range's days: the name stored for it
 * (autocapture_names: AI, heuristic or given by hand), else `elementFallbackName`. The fingerprint is a
 * hash of the tag, selector and text (contract: el_fingerprint), so every event of one describes it
 * alike and `any` takes one. A renamed element has several rows in autocapture_names until a merge
 * keeps the latest: argMax by updated_at reads the latest now.
 */
export function elementNamesSql(
  query: Pick<ReportQuery, 'site'>,
  range: DateRange,
  fingerprints: string[],
): NamedQuery {
  const listed = joinSql(fingerprints.map(bind.string), ', ');
  return {
    name: 'elements',
    sql: sql`SELECT fingerprint, if(stored != '', stored, fallback) AS name FROM (
        SELECT el_fingerprint AS fingerprint, any(${elementFallbackName}) AS fallback
        FROM events
        WHERE ${eventDays(query, range)} AND name = '$autocapture' AND el_fingerprint IN (${listed})
        GROUP BY fingerprint
      ) ANY LEFT JOIN (
        SELECT fingerprint, argMax(name, updated_at) AS stored FROM autocapture_names
        WHERE site_id = ${bind.uint32(query.site.id)} AND fingerprint IN (${listed})
        GROUP BY fingerprint
      ) USING fingerprint`,
  };
}
