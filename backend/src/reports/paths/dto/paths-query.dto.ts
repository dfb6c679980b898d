import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ReportQueryDto } from '../../dto/report-query.dto.js';
import { MAX_PATH_STEPS } from '../../query/paths.js';

const PAGE_RULE = '$property must be a path or a wildcard pattern starting with / (at most 2048 characters)';
const PAGE_DESCRIPTION =
  'an exact path, or a wildcard pattern as filters take it: * within a path segment, ** across';

/** A page option: a path or pattern, as the `matches` filter operator reads it. */
const PageOption = () => [
  IsString({ message: PAGE_RULE }),
  Matches(/^\//, { message: PAGE_RULE }),
  MaxLength(2048, { message: PAGE_RULE }),
];

const LIMIT_RULE = '$property must be an integer from 1 to 100';
const limitProperty = (fallback: number, description: string) =>
  ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: fallback, description });
const LimitOption = () => [
  IsOptional(),
  Type(() => Number),
  IsInt({ message: LIMIT_RULE }),
  Min(1, { message: LIMIT_RULE }),
  Max(100, { message: LIMIT_RULE }),
];
const apply =
  (decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) =>
    decorators.forEach((decorate) => decorate(target, key));

/** `GET /api/sites/:siteId/paths`. */
export class PathsQueryDto extends ReportQueryDto {
  @ApiProperty({
    description: `The page whose neighbours to answer: ${PAGE_DESCRIPTION}`,
    example: '/pricing',
  })
  @apply(PageOption())
  page!: string;

  @limitProperty(10, 'Next and previous pages to answer, each')
  @apply(LimitOption())
  limit?: number;
}

const STEPS_RULE = `$property must be an integer from 2 to ${MAX_PATH_STEPS}`;

/** `GET /api/sites/:siteId/paths/sessions`. */
export class SessionPathsQueryDto extends ReportQueryDto {
  @ApiPropertyOptional({
    description: `Paths from the first view of this page in a visit on (${PAGE_DESCRIPTION}); exactly one of start and end`,
    example: '/',
  })
  @IsOptional()
  @apply(PageOption())
  start?: string;

  @ApiPropertyOptional({
    description: `Paths up to the last view of this page in a visit (${PAGE_DESCRIPTION}); exactly one of start and end`,
    example: '/checkout',
  })
  @IsOptional()
  @apply(PageOption())
  end?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 2,
    maximum: MAX_PATH_STEPS,
    default: MAX_PATH_STEPS,
    description: 'Steps of each path, the entry and exit markers included',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: STEPS_RULE })
  @Min(2, { message: STEPS_RULE })
  @Max(MAX_PATH_STEPS, { message: STEPS_RULE })
  steps?: number;

  @limitProperty(10, 'Paths to answer')
  @apply(LimitOption())
  limit?: number;
}
