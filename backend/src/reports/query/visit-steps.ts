import { sql, type SqlFragment } from '../../clickhouse/sql-binder.js';

/**
 * A visit's page sequence, shared by the paths reports (paths.ts) and the finalized sequences written
 * once a day is final (finalized-paths.ts), so both walk a visit alike.
 *
 * An aggregate over a visit's pageview rows (`seen`, `event_id`, `page`, each pageview once): its pages in
 * the order viewed. Each pageview keeps its first delivery's time (`seen`), so its place; pageviews within
 * one second keep the order of their ids (ts has whole seconds).
 */
export const viewedPages = sql`arrayMap(view -> tupleElement(view, 3), arraySort(groupArray((seen, toString(event_id), page))))`;

/** The steps of a visit's `pages`: a page viewed again right after itself (a reload, a re-render) is one step. */
export const reloadsCollapsed = (pages: SqlFragment) =>
  sql`arrayFilter((page, i) -> i = 1 OR page != ${pages}[i - 1], ${pages}, arrayEnumerate(${pages}))`;
