import { EVENT_ROW, EVENT_ROW_FIELDS } from '@sluice/config';
import type { NamedQuery } from '../../clickhouse/clickhouse.service.js';
import { identifier, joinSql, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';
import { eventConditions, type EventsQuery } from './events.js';
import { reportSql } from './compose.js';
import type { ReportQuery } from './report-query.js';

/** The most events one raw export holds: reports stop at 100,000 result rows; a month of a busy site's events does not. */
export const MAX_EXPORT_EVENTS = 1_000_000;

/**
 * A text cell a spreadsheet can't run (CSV injection, OWASP): one starting with `=`, `+`, `-`, `@`, a
 * tab or a carriage return is a formula to Excel and its peers; a leading `'` makes it text. Numbers
 * are left alone (a negative count is no formula).
 */
export const spreadsheetSafe = (value: SqlFragment): SqlFragment =>
  sql`if(substring(${value}, 1, 1) IN ('=', '+', '-', '@', '\t', '\r'), concat('\\'', ${value}), ${value})`;

function exportedField(name: (typeof EVENT_ROW_FIELDS)[number]): SqlFragment {
  const column = identifier(name);
  switch (EVENT_ROW[name].type) {
    case 'string':
      return sql`${spreadsheetSafe(column)} AS ${column}`;
    case 'string[]':
      return sql`arrayMap(item -> ${spreadsheetSafe(identifier('item'))}, ${column}) AS ${column}`;
    default:
      return column;
  }
}

/** Every event of the query's range, newest first, each once, every contract field a column. */
export function eventsCsvSql(query: Omit<EventsQuery, 'after' | 'limit'>): NamedQuery {
  return {
    name: 'events:csv',
    sql: sql`SELECT ${joinSql(EVENT_ROW_FIELDS.map(exportedField), ', ')} FROM events
      WHERE ${joinSql(eventConditions(query), ' AND ')}
      ORDER BY ts DESC, toString(event_id) DESC
      LIMIT 1 BY event_id`,
    // A one-off read of every column: through the block cache, it would push out the blocks the panel
    // reads again (clickhouse.service.ts, CACHED_BLOCKS).
    settings: { max_result_rows: String(MAX_EXPORT_EVENTS), use_uncompressed_cache: 0 },
  };
}

/**
 * An overview or a breakdown over its range as CSV rows: the dimension's value made safe, the metrics
 * as numbers. (A timeseries is encoded by the service: its gaps are filled there, at most 2,880 rows.)
 */
export function reportCsvSql(query: ReportQuery): NamedQuery {
  const report = reportSql(query, query.range);
  const metrics = query.metrics.map((name) => identifier(name));
  const leading = query.dimension ? [sql`${spreadsheetSafe(sql`value`)} AS value`] : [];
  return {
    name: `${report.name}:csv`,
    sql: sql`SELECT ${joinSql([...leading, ...metrics], ', ')} FROM (${report.sql})`,
  };
}
