import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length, Max, MaxLength } from 'class-validator';
import { NoNul } from '../../common/no-nul.js';
import { IsRouteId } from '../../common/route-id.js';
import { MAX_SITE_ID, SiteIdParamDto } from '../../sites/dto/site-id-param.dto.js';

/** A name a picker shows whole. */
const MAX_NAME_LENGTH = 80;
/** More conditions than a filter bar can show are no segment anyone would read. */
export const MAX_SEGMENT_FILTERS = 20;
/** A condition's text: a dimension, an operator and a value as long as the longest filter value. */
const MAX_FILTER_LENGTH = 1100;

/** `POST /api/sites/:siteId/segments`. Rules are checked from the bottom up, one at a time. */
export class CreateSegmentDto {
  @ApiProperty({
    example: 'Germans on phones',
    minLength: 1,
    maxLength: MAX_NAME_LENGTH,
    description: "Stored without the spaces around it; one of the site's segments has it",
  })
  @NoNul()
  @Length(1, MAX_NAME_LENGTH, {
    message: `$property must be 1 to ${MAX_NAME_LENGTH} characters, not only spaces`,
  })
  @IsString({ message: '$property must be a string' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  name!: string;

  @ApiProperty({
    type: [String],
    example: ['country:DE', 'device:mobile'],
    minItems: 1,
    maxItems: MAX_SEGMENT_FILTERS,
    description:
      'Its conditions, all of which a visit meets, as a view’s link writes them: dimension:value, or ' +
      'dimension:operator:value (is_not, contains, does_not_contain, matches)',
  })
  @MaxLength(MAX_FILTER_LENGTH, {
    each: true,
    message: `each of $property must be at most ${MAX_FILTER_LENGTH} characters`,
  })
  @IsString({ each: true, message: 'each of $property must be a string' })
  @ArrayMaxSize(MAX_SEGMENT_FILTERS, {
    message: `$property must hold at most ${MAX_SEGMENT_FILTERS} conditions`,
  })
  @ArrayMinSize(1, { message: '$property must hold at least one condition' })
  @IsArray({ message: '$property must be a list of conditions' })
  filters!: string[];
}

/** `PATCH /api/sites/:siteId/segments/:segmentId`: its name, its conditions, or both. */
export class UpdateSegmentDto extends PartialType(CreateSegmentDto, { skipNullProperties: false }) {}

/** `:siteId/segments/:segmentId` in a route. */
export class SegmentIdParamDto extends SiteIdParamDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_SITE_ID, example: 3 })
  @Max(MAX_SITE_ID, { message: `$property must be a positive integer (at most ${MAX_SITE_ID})` })
  @IsRouteId()
  segmentId!: number;
}

export class SegmentResponse {
  @ApiProperty({ type: 'integer', example: 3 }) id!: number;
  @ApiProperty({ type: 'integer', example: 1 }) siteId!: number;
  @ApiProperty({ example: 'Germans on phones' }) name!: string;
  @ApiProperty({ type: [String], example: ['country:DE', 'device:mobile'] }) filters!: string[];
  @ApiProperty({
    type: 'string',
    nullable: true,
    example: 'owner@shop.test',
    description: 'The email of the user who saved it; null once that user is deleted',
  })
  author!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
