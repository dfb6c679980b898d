import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min, ValidateIf } from 'class-validator';
import { DIMENSION_NAMES } from '@sluice/config';
import { INTERVALS, type Interval } from '../query/report-query.js';
import { METRIC_NAMES } from '../query/metrics.js';
import { DateRangeDto, IsCalendarDate, MAX_RANGE_DAYS, RangeDays } from './date-range.dto.js';

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
}

const metricsProperty = (fallback: string) =>
  ApiPropertyOptional({
    description: `Comma-separated metrics, of ${METRIC_NAMES.join(', ')}; default ${fallback}`,
    example: 'visitors,pageviews',
  });

/** `GET /api/sites/:siteId/overview`. */
export class OverviewQueryDto extends ReportQueryDto {}

/** `GET /api/sites/:siteId/timeseries`. */
export class TimeseriesQueryDto extends ReportQueryDto {
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
export class BreakdownQueryDto extends ReportQueryDto {
  @ApiProperty({ enum: DIMENSION_NAMES, description: 'The dimension to break the range down by' })
  @IsString({ message: `$property must be one of ${DIMENSION_NAMES.join(', ')}` })
  dimension!: string;

  @metricsProperty('visitors,visits,pageviews')
  @IsOptional()
  @IsString()
  metrics?: string;

  @ApiPropertyOptional({
    description: '<metric or value>:<asc or desc>; default the first metric, descending',
  })
  @IsOptional()
  @IsString()
  order?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '$property must be an integer from 1 to 1000' })
  @Min(1, { message: '$property must be an integer from 1 to 1000' })
  @Max(1000, { message: '$property must be an integer from 1 to 1000' })
  limit?: number;

  @ApiPropertyOptional({ description: "The previous page's nextCursor" })
  @IsOptional()
  @IsString()
  cursor?: string;
}
