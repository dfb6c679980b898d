import { DomainError, ErrorCode } from '../common/domain-error.js';
import type { ReportRangeDto } from './dto/report.dto.js';
import type { ReportQuery } from './query/report-query.js';

/** What a report on single events (errors, web vitals) reads: it counts events, not visits. */
export type EventReportQuery = Pick<ReportQuery, 'site' | 'filters' | 'range'>;

/**
 * The query of a report on single events from the parts every report shares: one range (these reports
 * answer no comparison yet) and no goal (they count events, not converted visitors). Asking for either
 * is a 400 naming it, rather than an answer that silently left it out.
 */
export function eventReportQuery(base: Omit<ReportQuery, 'metrics'>, report: string): EventReportQuery {
  if (base.comparison)
    throw new DomainError(ErrorCode.Validation, `compareFrom: the ${report} report has no comparison range`);
  if (base.goal) throw new DomainError(ErrorCode.Validation, `goal: the ${report} report counts no goal`);
  return base;
}

/** The header of a report on single events, which reads no visit source. */
export const rangeHeader = (query: Pick<ReportQuery, 'site' | 'range'>): ReportRangeDto => ({
  siteId: query.site.id,
  ...query.range,
  timezone: query.site.timezone,
});
