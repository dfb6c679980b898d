import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { FLAG_KEY } from '../../../flags/dto/feature-flag.dto.js';
import { ReportQueryDto } from '../../dto/report-query.dto.js';

const FLAG_RULE =
  '$property must be a flag key: 1 to 64 lower-case letters and digits, words joined by - or _';

/** `GET /api/sites/:siteId/experiment`: a flag's values against a goal (`goal` is required here). */
export class ExperimentQueryDto extends ReportQueryDto {
  @ApiProperty({ description: 'The feature flag whose values are compared', example: 'new-checkout' })
  @Matches(FLAG_KEY, { message: FLAG_RULE })
  @Length(1, 64, { message: FLAG_RULE })
  @IsString({ message: FLAG_RULE })
  flag!: string;
}
