import { IsFlagKey } from '../../../flags/dto/feature-flag.dto.js';
import { ReportQueryDto } from '../../dto/report-query.dto.js';

/** `GET /api/sites/:siteId/experiment`: a flag's values against a goal (`goal` is required here). */
export class ExperimentQueryDto extends ReportQueryDto {
  @IsFlagKey('new-checkout', 'The feature flag whose values are compared')
  flag!: string;
}
