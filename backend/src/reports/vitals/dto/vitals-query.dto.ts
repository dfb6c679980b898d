import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ReportQueryDto } from '../../dto/report-query.dto.js';
import { VITALS_DIMENSIONS, type VitalsDimension } from '../../query/vitals.js';

const DIMENSIONS = Object.keys(VITALS_DIMENSIONS);

/** `GET /api/sites/:siteId/vitals`. */
export class VitalsQueryDto extends ReportQueryDto {
  @ApiPropertyOptional({
    enum: DIMENSIONS,
    description:
      'Also one row per page path or per device type (desktop, mobile, tablet); without: the overall row only',
  })
  @IsOptional()
  @IsIn(DIMENSIONS, { message: `$property must be one of ${DIMENSIONS.join(', ')}` })
  dimension?: VitalsDimension;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 1000,
    default: 100,
    description: 'Rows at most',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '$property must be an integer from 1 to 1000' })
  @Min(1, { message: '$property must be an integer from 1 to 1000' })
  @Max(1000, { message: '$property must be an integer from 1 to 1000' })
  limit?: number;
}
