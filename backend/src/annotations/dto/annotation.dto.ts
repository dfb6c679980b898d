import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length, Max, ValidateBy, ValidateIf } from 'class-validator';
import { NoNul } from '../../common/no-nul.js';
import { IsRouteId } from '../../common/route-id.js';
import { IsCalendarDate, RangeDays } from '../../reports/dto/date-range.dto.js';
import { MAX_SITE_ID, SiteIdParamDto } from '../../sites/dto/site-id-param.dto.js';
import type { Annotation } from '../annotation.entity.js';

/** The longest note: a line a chart's tooltip shows whole. */
const MAX_TEXT_LENGTH = 280;
const TEXT_RULE = `$property must be 1 to ${MAX_TEXT_LENGTH} characters, not only spaces`;

/** The days a note may mark: any site's past and plans, while a mistyped year (0226, 20266) is caught. */
const FIRST_DAY = '2000-01-01';
const LAST_DAY = '2100-12-31';
const IsAnnotationDay = () =>
  ValidateBy({
    name: 'isAnnotationDay',
    validator: {
      // `YYYY-MM-DD` dates order as their text does.
      validate: (value: unknown) => typeof value === 'string' && value >= FIRST_DAY && value <= LAST_DAY,
      defaultMessage: () => `$property must be from ${FIRST_DAY} to ${LAST_DAY}`,
    },
  });

const BOTH_RULE = 'from and to go together: both or neither';
const inRange = (dto: AnnotationRangeDto) => dto.from !== undefined || dto.to !== undefined;

/** `GET /api/sites/:siteId/annotations`: every annotation of the site, or those on the days from `from` to `to`. */
export class AnnotationRangeDto {
  @ApiPropertyOptional({ format: 'date', example: '2026-11-01', description: 'First day (with to)' })
  @ValidateIf(inRange)
  @IsCalendarDate({ message: `$property must be a calendar date as YYYY-MM-DD (${BOTH_RULE})` })
  from?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-11-30',
    description: 'Last day, included (with from)',
  })
  @ValidateIf(inRange)
  @RangeDays('endsAfterStart', (days) => days >= 1, '$property must not be before from')
  @IsCalendarDate({ message: `$property must be a calendar date as YYYY-MM-DD (${BOTH_RULE})` })
  to?: string;
}

/** `POST /api/sites/:siteId/annotations`. Rules are checked from the bottom up, one at a time. */
export class CreateAnnotationDto {
  @ApiProperty({
    format: 'date',
    example: '2026-11-20',
    description: `The day it marks, ${FIRST_DAY} to ${LAST_DAY}`,
  })
  @IsAnnotationDay()
  @IsCalendarDate()
  date!: string;

  @ApiProperty({
    example: 'Launched the new pricing page',
    minLength: 1,
    maxLength: MAX_TEXT_LENGTH,
    description: 'Stored without the spaces around it; the rules hold for what is stored',
  })
  @NoNul()
  @Length(1, MAX_TEXT_LENGTH, { message: TEXT_RULE })
  @IsString({ message: '$property must be a string' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  text!: string;
}

/**
 * `PATCH /api/sites/:siteId/annotations/:annotationId`: the fields to change. A null is checked by the
 * field's rules, and refused, rather than skipped: an annotation has no day or text without a value.
 */
export class UpdateAnnotationDto extends PartialType(CreateAnnotationDto, { skipNullProperties: false }) {}

/** `:siteId/annotations/:annotationId` in a route. */
export class AnnotationIdParamDto extends SiteIdParamDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_SITE_ID, example: 7 })
  @Max(MAX_SITE_ID, { message: `$property must be a positive integer (at most ${MAX_SITE_ID})` })
  @IsRouteId()
  annotationId!: number;
}

export class AnnotationResponse {
  @ApiProperty({ type: 'integer', example: 7 })
  id!: number;

  @ApiProperty({ type: 'integer', example: 1 })
  siteId!: number;

  @ApiProperty({ format: 'date', example: '2026-11-20' })
  date!: string;

  @ApiProperty({ example: 'Launched the new pricing page' })
  text!: string;

  @ApiProperty({
    type: 'string',
    nullable: true,
    example: 'owner@shop.test',
    description: 'The email of the user who wrote it; null once that user is deleted',
  })
  author!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export const toAnnotationResponse = (annotation: Annotation): AnnotationResponse => ({
  id: annotation.id,
  siteId: annotation.siteId,
  date: annotation.date,
  text: annotation.text,
  author: annotation.author?.email ?? null,
  createdAt: annotation.createdAt.toISOString(),
});
