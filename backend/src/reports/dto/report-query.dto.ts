import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';
import { DIMENSION_NAMES } from '@sluice/config';
import { INTERVALS, type Interval } from '../query/report-query.js';
import { MAX_SITE_ID } from '../../sites/dto/site-id-param.dto.js';
import { GOAL_METRIC_NAMES, METRIC_NAMES } from '../query/metrics.js';
import { FormatProperty, type Format } from './format.js';
import { RowsLimitProperty } from './rows-limit.js';
import { DateRangeDto, IsCalendarDate, MAX_RANGE_DAYS, RangeDays } from './date-range.dto.js';

/** `auto`, or a fraction up to 1 of at most four decimals (a zero one is refused by `ReportsService`). */
const SAMPLE_PATTERN = /^(auto|0?\.\d{1,4}|1(\.0{1,4})?)$/;

const FILTERS_DESCRIPTION =
  'A JSON list of conditions, all of which must hold: {"dimension","operator","value"} (operators is, ' +
  'is_not, contains, does_not_contain, matches — a wildcard pattern, * within a path segment and ** across), ' +
  '{"dimension","operator":"one_of","values":[…]}, or groups {"and":[…]}, {"or":[…]}, {"not":…}. ' +
  'Or and not may not mix visit dimensions with event dimensions (page, hostname, event_name).';

/** What every report takes: the range, an optional comparison range, and filters. */
export class ReportQueryDto extends DateRangeDto {
  @ApiPropertyOptional({ description: 'First day of the comparison range (with compareTo)', format: 'date' })
  @ValidateIf((dto: ReportQueryDto) => dto.compareFrom !== undefined || dto.compareTo !== undefined)
  @IsCalendarDate()
  compareFrom?: string;

  @ApiPropertyOptional({ description: 'Last day of the comparison range, included', format: 'date' })
  @ValidateIf((dto: ReportQueryDto) => dto.compareFrom !== undefined || dto.compareTo !== undefined)
  @IsCalendarDate()
  @RangeDays('endsAfterStart', (days) => days >= 1, '$property must not be before compareFrom', 'compareFrom')
  @RangeDays(
    'spansAtMost',
    (days) => days <= MAX_RANGE_DAYS,
    `$property must be at most ${MAX_RANGE_DAYS - 1} days after compareFrom`,
    'compareFrom',
  )
  compareTo?: string;

  @ApiPropertyOptional({
    description: FILTERS_DESCRIPTION,
    example: '[{"dimension":"country","operator":"is","value":"DE"}]',
  })
  @IsOptional()
  @IsString()
  filters?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    description:
      `A goal of the site (its id): the report also answers ${GOAL_METRIC_NAMES.join(', ')} ` +
      '(visitors who converted, as a percent of the row’s visitors), and for an event goal revenue per currency',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: `$property must be a goal id (an integer from 1 to ${MAX_SITE_ID})` })
  @Min(1, { message: `$property must be a goal id (an integer from 1 to ${MAX_SITE_ID})` })
  @Max(MAX_SITE_ID, { message: `$property must be a goal id (an integer from 1 to ${MAX_SITE_ID})` })
  goal?: number;

  @FormatProperty()
  format?: Format;
}

/**
 * What the overview, timeseries and breakdowns take beyond every report's parameters: an opt-in sample.
 * A fraction of at most four decimals, as the SQL's `SAMPLE n/10000` takes it.
 */
export class SampledReportQueryDto extends ReportQueryDto {
  @ApiPropertyOptional({
    description:
      'Read a sample of the visitors and scale counts up (the answer says sampling.rate): auto samples only a range ' +
      'holding more events than SLUICE_SAMPLING_MIN_ROWS, to about that many; a fraction (0.0001 to 1, at most ' +
      '4 decimals) samples at that rate, 1 reads everything. Absent: everything, sampling null',
    example: 'auto',
  })
  @IsOptional()
  @Matches(SAMPLE_PATTERN, {
    message: '$property must be auto or a fraction from 0.0001 to 1 (at most 4 decimals)',
  })
  sample?: string;
}

const metricsProperty = (fallback: string) =>
  ApiPropertyOptional({
    description:
      `Comma-separated metrics, of ${METRIC_NAMES.join(', ')} (with a goal also ${GOAL_METRIC_NAMES.join(', ')}); ` +
      `default ${fallback}`,
    example: 'visitors,pageviews',
  });

/** `GET /api/sites/:siteId/overview`. */
export class OverviewQueryDto extends SampledReportQueryDto {}

/** `GET /api/sites/:siteId/conversions`: every goal of the site, so no goal of its own; JSON only. */
export class ConversionsQueryDto extends OmitType(SampledReportQueryDto, ['goal', 'format'] as const) {}

/** `GET /api/sites/:siteId/timeseries`. */
export class TimeseriesQueryDto extends SampledReportQueryDto {
  @ApiPropertyOptional({
    enum: INTERVALS,
    default: 'day',
    description: 'minute: at most 2 days; hour: at most 92',
  })
  @IsOptional()
  @IsIn(INTERVALS, { message: `$property must be one of ${INTERVALS.join(', ')}` })
  interval?: Interval;

  @metricsProperty('visitors')
  @IsOptional()
  @IsString()
  metrics?: string;
}

/** `GET /api/sites/:siteId/breakdown`. */
export class BreakdownQueryDto extends SampledReportQueryDto {
  @ApiProperty({ enum: DIMENSION_NAMES, description: 'The dimension to break the range down by' })
  @IsString({ message: `$property must be one of ${DIMENSION_NAMES.join(', ')}` })
  dimension!: string;

  @metricsProperty('visitors,visits,pageviews, and with a goal conversions,conversion_rate')
  @IsOptional()
  @IsString()
  metrics?: string;

  @ApiPropertyOptional({
    description: '<metric or value>:<asc or desc>; default the first metric, descending',
  })
  @IsOptional()
  @IsString()
  order?: string;

  @RowsLimitProperty()
  limit?: number;

  @ApiPropertyOptional({ description: "The previous page's nextCursor" })
  @IsOptional()
  @IsString()
  cursor?: string;
}
