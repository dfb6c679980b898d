import { sql, type SqlFragment } from '../../clickhouse/sql-binder.js';
import { chooseSource } from './plan.js';
import type { VisitPart } from './range-days.js';
import type { ReportQuery } from './report-query.js';
import { visitRows } from './visits.js';
import { VISIT_KEY } from './visit-key.js';

/**
 * A report kind over raw events (paths, heatmaps) takes the report's filters as a choice of visits: an
 * event counts when its visit is one the report's visit rows keep (their visit filters hold, and for event
 * filters the visit has a matching event). A condition on events' `VISIT_KEY` (or on another `key`, as the
 * finalized page sequences' `visit_id`); empty without filters. Only those of `part` where the rows need no
 * others (visitRows).
 */
export function keptVisits(
  query: ReportQuery,
  key: SqlFragment = VISIT_KEY,
  part?: VisitPart,
): SqlFragment | undefined {
  if (!query.filters) return undefined;
  return sql`${key} IN (SELECT visit_id FROM (${visitRows(query, query.range, chooseSource(query), part)}))`;
}
