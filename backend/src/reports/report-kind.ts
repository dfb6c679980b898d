import { DomainError, ErrorCode } from '../common/domain-error.js';
import type { ReportRangeDto } from './dto/report.dto.js';
import type { ReportQuery } from './query/report-query.js';

/** What a report kind's answer starts with: whose days, which, and in which zone. */
export const reportHeader = (query: Pick<ReportQuery, 'site' | 'range'>): ReportRangeDto => ({
  siteId: query.site.id,
  ...query.range,
  timezone: query.site.timezone,
});

/**
 * Refuses the shared options a report kind does not answer (a comparison range, a goal), a 400 naming
 * the field, rather than an answer that silently left them out.
 */
export function refuseOptions(query: Pick<ReportQuery, 'comparison' | 'goal'>, report: string): void {
  if (query.comparison) {
    throw new DomainError(ErrorCode.Validation, `compareFrom: the ${report} report has no comparison range`);
  }
  if (query.goal) throw new DomainError(ErrorCode.Validation, `goal: the ${report} report takes no goal`);
}
