import { DomainError, ErrorCode } from '../common/domain-error.js';
import type { ReportQuery } from './query/report-query.js';

/** What a report kind's answer starts with: whose days, which, and in which zone. */
export const reportHeader = (query: Pick<ReportQuery, 'site' | 'range'>) => ({
  siteId: query.site.id,
  ...query.range,
  timezone: query.site.timezone,
});

/**
 * Refuses the shared options a report kind does not answer (a comparison range, a goal), a 400 naming
 * the field, rather than answering as if they were not there.
 */
export function refuseOptions(
  query: Pick<ReportQuery, 'comparison' | 'goal'>,
  kind: string,
  options: Array<'comparison' | 'goal'>,
): void {
  if (options.includes('comparison') && query.comparison) {
    throw new DomainError(ErrorCode.Validation, `compareFrom: ${kind} have no comparison range`);
  }
  if (options.includes('goal') && query.goal) {
    throw new DomainError(ErrorCode.Validation, `goal: ${kind} take no goal`);
  }
}
