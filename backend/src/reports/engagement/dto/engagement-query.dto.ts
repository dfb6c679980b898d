import { ReportQueryDto } from '../../dto/report-query.dto.js';
import { RowsLimitProperty } from '../../dto/rows-limit.js';

/** `GET /api/sites/:siteId/engagement`. */
export class EngagementQueryDto extends ReportQueryDto {
  @RowsLimitProperty('Pages at most')
  limit?: number;
}
