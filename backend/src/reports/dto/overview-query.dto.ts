import { DateRangeDto } from './date-range.dto.js';

/** `GET /api/sites/:siteId/overview?from=YYYY-MM-DD&to=YYYY-MM-DD`. */
export class OverviewQueryDto extends DateRangeDto {}
