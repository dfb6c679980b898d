import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { SiteIdParamDto } from '../../../sites/dto/site-id-param.dto.js';
import { ReportQueryDto } from '../../dto/report-query.dto.js';
import { GROUP_ID_PATTERN } from '../../query/errors.js';

/** `GET /api/sites/:siteId/errors`. */
export class ErrorsQueryDto extends ReportQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 100,
    default: 20,
    description: 'Groups per page',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '$property must be an integer from 1 to 100' })
  @Min(1, { message: '$property must be an integer from 1 to 100' })
  @Max(100, { message: '$property must be an integer from 1 to 100' })
  limit?: number;

  @ApiPropertyOptional({ description: "The previous page's nextCursor" })
  @IsOptional()
  @IsString()
  cursor?: string;
}

/** `GET /api/sites/:siteId/errors/:group`. */
export class ErrorGroupQueryDto extends ReportQueryDto {}

export class ErrorGroupParamDto extends SiteIdParamDto {
  @ApiProperty({
    pattern: GROUP_ID_PATTERN.source,
    example: '3f2a9c1d0b7e4a65',
    description: "An error group's id, as the errors report gives it",
  })
  @Matches(GROUP_ID_PATTERN, { message: '$property must be an error group id (16 hex digits, lower-case)' })
  group!: string;
}
