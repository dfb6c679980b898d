import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DIMENSION_NAMES, QUESTION_VIEW_PERIODS } from '@sluice/config';
import { IsCalendarDate, MAX_RANGE_DAYS } from '../../reports/dto/date-range.dto.js';
import { GOAL_METRIC_NAMES, METRIC_NAMES } from '../../reports/query/metrics.js';
import { INTERVALS } from '../../reports/query/report-query.js';
import { RETENTION_PERIODS } from '../../reports/query/retention.js';

/**
 * The report query object a question is answered with: the model's only output, and what the panel saves
 * to a dashboard. It names a report kind of the reports engine and that report's options, as the report
 * routes take them (filters and funnel steps in the same shapes), with the range relative to today where
 * the question says so: the backend, not the model, turns it into days in the site's zone (question-range.ts).
 * There is no site, table or SQL in it: the site is the one the question was asked on, and every
 * property not declared here is refused (`forbidNonWhitelisted`, the API's validation pipe).
 */
export const REPORT_KINDS = ['overview', 'timeseries', 'breakdown', 'funnel', 'retention', 'paths'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Ranges a question names; `last_days` takes `days`, `custom` takes `from` and `to`. */
export const RANGE_PERIODS = [
  ...(Object.keys(QUESTION_VIEW_PERIODS) as (keyof typeof QUESTION_VIEW_PERIODS)[]),
  'last_days',
  'custom',
] as const;
export type RangePeriod = (typeof RANGE_PERIODS)[number];

const DAYS_RULE = `$property must be an integer from 1 to ${MAX_RANGE_DAYS}`;

export class QuestionRangeDto {
  @ApiProperty({ enum: RANGE_PERIODS, description: 'Relative periods end today, in the site’s time zone' })
  @IsIn(RANGE_PERIODS, { message: `$property must be one of ${RANGE_PERIODS.join(', ')}` })
  period!: RangePeriod;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_RANGE_DAYS, description: 'last_days' })
  @ValidateIf((range: QuestionRangeDto) => range.period === 'last_days' || range.days !== undefined)
  @IsInt({ message: DAYS_RULE })
  @Min(1, { message: DAYS_RULE })
  @Max(MAX_RANGE_DAYS, { message: DAYS_RULE })
  days?: number;

  @ApiPropertyOptional({
    format: 'date',
    description: 'custom: the first day; in an answer, the first day the range resolved to',
  })
  @ValidateIf((range: QuestionRangeDto) => range.period === 'custom' || range.from !== undefined)
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'custom: the last day, included; in an answer, the last day the range resolved to',
  })
  @ValidateIf((range: QuestionRangeDto) => range.period === 'custom' || range.to !== undefined)
  @IsCalendarDate()
  to?: string;
}

export class OrderDto {
  @ApiProperty({ description: 'One of the query’s metrics, or value' })
  @IsString()
  by!: string;

  @ApiProperty({ enum: ['asc', 'desc'] })
  @IsIn(['asc', 'desc'], { message: '$property must be asc or desc' })
  direction!: 'asc' | 'desc';
}

export class ReportRequestDto {
  @ApiProperty({ enum: REPORT_KINDS })
  @IsIn(REPORT_KINDS, { message: `$property must be one of ${REPORT_KINDS.join(', ')}` })
  report!: ReportKind;

  @ApiProperty({ type: QuestionRangeDto })
  @IsObject({ message: '$property must be an object {"period", …}' })
  @ValidateNested()
  @Type(() => QuestionRangeDto)
  range!: QuestionRangeDto;

  @ApiPropertyOptional({ description: 'Also answer the previous period of the same length' })
  @IsOptional()
  @IsBoolean()
  compare?: boolean;

  @ApiPropertyOptional({
    type: [String],
    description: `Of ${METRIC_NAMES.join(', ')}; with a goal also ${GOAL_METRIC_NAMES.join(', ')}`,
  })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  metrics?: string[];

  @ApiPropertyOptional({ enum: DIMENSION_NAMES, description: 'breakdown (required), funnel (optional)' })
  @IsOptional()
  @IsString()
  dimension?: string;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'The reports’ filter list: conditions {"dimension","operator","value"} and groups',
  })
  @IsOptional()
  @IsArray()
  filters?: unknown[];

  @ApiPropertyOptional({ description: 'The name of one of the site’s goals' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  goal?: string;

  @ApiPropertyOptional({ enum: INTERVALS, description: 'timeseries' })
  @IsOptional()
  @IsString()
  interval?: string;

  @ApiPropertyOptional({ type: OrderDto, description: 'breakdown' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => OrderDto)
  order?: OrderDto;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'breakdown: 1–1000 rows; funnel: 1–100 values; paths: 1–100 pages each way',
  })
  @IsOptional()
  @IsInt()
  limit?: number;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'funnel: the funnel report’s steps ({"kind":"page"|"event"|"action","match"})',
  })
  @IsOptional()
  @IsArray()
  steps?: unknown[];

  @ApiPropertyOptional({ type: 'integer', description: 'funnel: the conversion window in seconds' })
  @IsOptional()
  @IsInt()
  window?: number;

  @ApiPropertyOptional({ enum: RETENTION_PERIODS, description: 'retention: cohorts by day, week or month' })
  @IsOptional()
  @IsString()
  cohort?: string;

  @ApiPropertyOptional({ description: 'retention: a return is an event of this name (default any visit)' })
  @IsOptional()
  @IsString()
  returnEvent?: string;

  @ApiPropertyOptional({
    description: 'paths: the page (or path pattern) whose next and previous pages to answer',
  })
  @IsOptional()
  @IsString()
  page?: string;
}
