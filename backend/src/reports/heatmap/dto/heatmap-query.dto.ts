import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ReportQueryDto } from '../../dto/report-query.dto.js';
import { VIEWPORTS, type Viewport } from '../../query/heatmap.js';

const PAGE_RULE = '$property must be a path or a wildcard pattern starting with / (at most 2048 characters)';
const LIMIT_RULE = '$property must be an integer from 1 to 100';

/** `GET /api/sites/:siteId/heatmap`. */
export class HeatmapQueryDto extends ReportQueryDto {
  @ApiProperty({
    description:
      'The page: an exact path, or a wildcard pattern as filters take it (* within a segment, ** across)',
    example: '/pricing',
  })
  @IsString({ message: PAGE_RULE })
  @Matches(/^\//, { message: PAGE_RULE })
  @MaxLength(2048, { message: PAGE_RULE })
  page!: string;

  @ApiPropertyOptional({
    enum: VIEWPORTS,
    description:
      'Clicks of one viewport width: mobile below 768 CSS px, tablet below 1024, desktop from 1024; default every width',
  })
  @IsOptional()
  @IsIn(VIEWPORTS, { message: `$property must be one of ${VIEWPORTS.join(', ')}` })
  viewport?: Viewport;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 100,
    default: 20,
    description: 'Elements to answer',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: LIMIT_RULE })
  @Min(1, { message: LIMIT_RULE })
  @Max(100, { message: LIMIT_RULE })
  limit?: number;
}
