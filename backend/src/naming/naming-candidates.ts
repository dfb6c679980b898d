import type { NamedQuery } from '../clickhouse/clickhouse.service.js';
import { bind, joinSql, sql } from '../clickhouse/sql-binder.js';
import {
  elementContextColumns,
  elementNameColumns,
  storedNames,
  type ElementNameRow,
} from '../reports/query/element-name.js';

/** How far back the worker looks for elements without a name: new ones are seen within a poll of their first event. */
export const LOOKBACK_SECONDS = 24 * 60 * 60;

/** A row of `unnamedElementsSql` or `elementsSql`. */
export type CandidateRow = ElementNameRow & { site_id: number };

/**
 * Elements of every site clicked within the look-back that have no name in autocapture_names, oldest
 * first (the longest waiting), then busiest, at most `limit`: the worker's backlog, bounded.
 */
export function unnamedElementsSql(limit: number): NamedQuery {
  return {
    name: 'naming:unnamed',
    sql: sql`SELECT site_id, fingerprint, ${elementNameColumns} FROM (
        SELECT site_id, el_fingerprint AS fingerprint, ${elementContextColumns},
          '' AS stored_name, '' AS stored_source, min(ts) AS first_seen, count() AS events
        FROM events
        WHERE toDate(ts) >= toDate(now() - ${bind.uint32(LOOKBACK_SECONDS)})
          AND ts >= now() - ${bind.uint32(LOOKBACK_SECONDS)}
          AND el_fingerprint != ''
          AND (site_id, el_fingerprint) NOT IN (SELECT site_id, fingerprint FROM autocapture_names)
        GROUP BY site_id, fingerprint
        ORDER BY first_seen, events DESC, site_id, fingerprint
        LIMIT ${bind.uint32(limit)}
      )`,
  };
}

/**
 * The context and current name of chosen elements of one site, from any of their events: what a re-run
 * names, and how an element is checked to exist.
 */
export function elementsSql(siteId: number, fingerprints: string[]): NamedQuery {
  const listed = joinSql(fingerprints.map(bind.string), ', ');
  return {
    name: 'naming:elements',
    sql: sql`SELECT ${bind.uint32(siteId)} AS site_id, fingerprint, ${elementNameColumns} FROM (
        SELECT el_fingerprint AS fingerprint, ${elementContextColumns}
        FROM events
        WHERE site_id = ${bind.uint32(siteId)} AND el_fingerprint IN (${listed})
        GROUP BY fingerprint
      ) ANY LEFT JOIN (${storedNames(siteId, listed)}) USING fingerprint
      ORDER BY fingerprint`,
  };
}
