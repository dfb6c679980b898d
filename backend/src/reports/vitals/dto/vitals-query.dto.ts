import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ReportQueryDto } from '../../dto/report-query.dto.js';
import { RowsLimitProperty } from '../../dto/rows-limit.js';
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

  @RowsLimitProperty('Rows at most')
  limit?: number;
}
