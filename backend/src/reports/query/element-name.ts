import type { NamedQuery } from '../../clickhouse/clickhouse.service.js';
import { bind, joinSql, sql } from '../../clickhouse/sql-binder.js';
import type { DateRange, ReportQuery } from './report-query.js';
import { eventDays } from './visits.js';

/** An autocaptured element as its events describe it (contract v6: el_tag, el_text, el_id, el_selector). */
export interface ElementContext {
  tag: string;
  text: string;
  id: string;
  selector: string;
}

/**
 * What a report calls an element: the name stored for its fingerprint (autocapture_names: AI, heuristic
 * or given by hand), else a readable one from its context — `button "Add to cart"` by its text,
 * `a#signup` by its id, else its selector, else its tag. Shared by the breakdown by element and the
 * heatmap's top elements.
 */
export function elementName(context: ElementContext, stored = ''): string {
  if (stored !== '') return stored;
  if (context.text !== '') return `${context.tag} "${context.text}"`;
  if (context.id !== '') return `${context.tag}#${context.id}`;
  return context.selector !== '' ? context.selector : context.tag;
}

/** A row of `elementsSql`: an element's context and its stored name ('' when none). */
export interface ElementRow extends ElementContext {
  fingerprint: string;
  stored: string;
}

/**
 * The context and stored name of each of `fingerprints` seen on the range's days. The fingerprint is a
 * hash of the tag, selector and text (contract: el_fingerprint), so every event of one holds the same
 * context and `any` takes it. A renamed element has several rows in autocapture_names until a merge
 * keeps the latest: argMax by updated_at reads the latest now.
 */
export function elementsSql(
  query: Pick<ReportQuery, 'site'>,
  range: DateRange,
  fingerprints: string[],
): NamedQuery {
  const listed = joinSql(fingerprints.map(bind.string), ', ');
  return {
    name: 'elements',
    sql: sql`SELECT fingerprint, tag, text, id, selector, stored FROM (
        SELECT el_fingerprint AS fingerprint, any(el_tag) AS tag, any(el_text) AS text, any(el_id) AS id,
          any(el_selector) AS selector
        FROM events
        WHERE ${eventDays({ site: query.site }, range)} AND name = '$autocapture' AND el_fingerprint IN (${listed})
        GROUP BY fingerprint
      ) ANY LEFT JOIN (
        SELECT fingerprint, argMax(name, updated_at) AS stored FROM autocapture_names
        WHERE site_id = ${bind.uint32(query.site.id)} AND fingerprint IN (${listed})
        GROUP BY fingerprint
      ) USING fingerprint`,
  };
}
