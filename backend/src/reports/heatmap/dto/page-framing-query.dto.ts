import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

const PAGE_RULE = '$property must be a path or a wildcard pattern starting with / (at most 2048 characters)';

/** `GET /api/sites/:siteId/heatmap/framing`. */
export class PageFramingQueryDto {
  @ApiProperty({
    description: 'The heatmap’s page: a path (a wildcard pattern names no one page, so it is never framed)',
    example: '/pricing',
  })
  @IsString({ message: PAGE_RULE })
  @Matches(/^\//, { message: PAGE_RULE })
  @MaxLength(2048, { message: PAGE_RULE })
  page!: string;
}
