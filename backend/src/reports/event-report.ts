import { refuseOptions } from './report-kind.js';
import type { ReportQuery } from './query/report-query.js';

/** What a report on single events (errors, web vitals) reads: it counts events, not visits. */
export type EventReportQuery = Pick<ReportQuery, 'site' | 'filters' | 'range'>;

/**
 * The query of a report on single events from the parts every report shares: one range (these reports
 * answer no comparison yet) and no goal (they count events, not converted visitors).
 */
export function eventReportQuery(base: Omit<ReportQuery, 'metrics'>, report: string): EventReportQuery {
  refuseOptions(base, report);
  return base;
}
