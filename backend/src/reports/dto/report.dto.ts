import { NAME_SOURCES, type NameSource } from '../../naming/element-context.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DIMENSION_NAMES } from '@sluice/config';
import { GOAL_METRIC_NAMES, METRIC_NAMES, type MetricName } from '../query/metrics.js';
import { INTERVALS, type Interval } from '../query/report-query.js';
import type { VisitSource } from '../query/plan.js';
import { GoalResponse } from '../../goals/dto/goal.dto.js';

/** The values of the metrics a report asked for, by name. */
export class MetricValuesDto implements Partial<Record<MetricName, number>> {}
// One property per declared metric, from the one list, so the description can't drift from METRICS.
for (const name of [...METRIC_NAMES, ...GOAL_METRIC_NAMES]) {
  ApiPropertyOptional({ type: 'number' })(MetricValuesDto.prototype, name);
}

/** Percent change of each metric against the comparison range; null where the comparison is 0. */
export class MetricChangesDto implements Partial<Record<MetricName, number | null>> {}
for (const name of [...METRIC_NAMES, ...GOAL_METRIC_NAMES]) {
  ApiPropertyOptional({ type: 'number', nullable: true })(MetricChangesDto.prototype, name);
}

/**
 * Revenue by currency with an event goal: ISO 4217 code → the exact sum as a decimal string (at least two
 * decimals, up to the stored four). Currencies are never added together or converted.
 */
export type RevenueDto = Record<string, string>;
const REVENUE_PROPERTY = {
  type: 'object',
  additionalProperties: { type: 'string' },
  example: { EUR: '119.80', USD: '20.00' },
  description:
    'With an event goal only: the goal events’ revenue of these visits per currency, each an exact decimal ' +
    'string (never added across currencies; {} when none)',
} as const;

const SOURCES: VisitSource[] = ['rollup', 'events'];

/** What every report answers first: whose, which days, in which zone. */
export class ReportRangeDto {
  @ApiProperty({ type: 'integer' }) siteId!: number;
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ description: "The site's time zone, which the days are in", example: 'Europe/Berlin' })
  timezone!: string;
}

export class ReportHeaderDto extends ReportRangeDto {
  @ApiProperty({
    enum: SOURCES,
    description: 'Where the planner read the visits: the per-visit rollup or raw events',
  })
  source!: VisitSource;
}

/** How a sampled answer was read (`sample`): its counts are the sample's scaled up by `rate`. */
export class SamplingDto {
  @ApiProperty({
    minimum: 0.0001,
    maximum: 1,
    example: 0.1,
    description: 'The share of visitors read (1: every row, the answer is exact); counts are divided by it',
  })
  rate!: number;
  @ApiProperty({
    type: 'integer',
    description:
      'Events stored on the days the range is read from (bots and unmerged copies included): what sample=auto decides on',
  })
  estimatedRows!: number;
}

/** The header of a report that can be sampled. */
export class SampledReportHeaderDto extends ReportHeaderDto {
  @ApiProperty({ type: SamplingDto, nullable: true, description: 'With sample: the rate read; null without' })
  sampling!: SamplingDto | null;
}

export class ComparedRangeDto {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ type: MetricValuesDto }) metrics!: MetricValuesDto;
}

/** Every metric of the range, and of the comparison range beside it. */
export class OverviewReportDto extends SampledReportHeaderDto {
  @ApiProperty({ type: MetricValuesDto }) metrics!: MetricValuesDto;
  @ApiPropertyOptional(REVENUE_PROPERTY) revenue?: RevenueDto;
  @ApiProperty({ type: ComparedRangeDto, nullable: true }) comparison!: ComparedRangeDto | null;
  @ApiProperty({ type: MetricChangesDto, nullable: true }) change!: MetricChangesDto | null;
}

/** One goal of the site: its conversions and rate in the range as a report with that goal answers them. */
export class GoalConversionDto {
  @ApiProperty({ type: GoalResponse }) goal!: GoalResponse;
  @ApiProperty({ type: MetricValuesDto, description: GOAL_METRIC_NAMES.join(' and ') })
  metrics!: MetricValuesDto;
  @ApiPropertyOptional(REVENUE_PROPERTY) revenue?: RevenueDto;
  @ApiProperty({ type: ComparedRangeDto, nullable: true }) comparison!: ComparedRangeDto | null;
  @ApiProperty({ type: MetricChangesDto, nullable: true }) change!: MetricChangesDto | null;
}

/** Every goal of the site at once, in the order the site's goals are listed (oldest first). */
export class GoalConversionsReportDto extends SampledReportHeaderDto {
  @ApiProperty({ type: [GoalConversionDto] }) goals!: GoalConversionDto[];
}

export class TimeseriesPointDto {
  @ApiProperty({
    description: 'The bucket in the site’s zone: YYYY-MM-DD, or YYYY-MM-DD HH:MM for hours and minutes',
  })
  bucket!: string;
  @ApiProperty({ type: MetricValuesDto }) metrics!: MetricValuesDto;
}

export class ComparedSeriesDto {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ type: [TimeseriesPointDto] }) points!: TimeseriesPointDto[];
}

/** One point per bucket, empty buckets included (zeros). */
export class TimeseriesReportDto extends SampledReportHeaderDto {
  @ApiProperty({ enum: INTERVALS }) interval!: Interval;
  @ApiProperty({ type: [TimeseriesPointDto] }) points!: TimeseriesPointDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The bucket under way now in the site’s zone, where the range holds it: its numbers grow until it ends, ' +
      'and the buckets after it are yet to come (their zeros are not counts)',
  })
  inProgress!: string | null;
  @ApiProperty({ type: ComparedSeriesDto, nullable: true }) comparison!: ComparedSeriesDto | null;
}

export class BreakdownRowDto {
  @ApiProperty({ description: 'The dimension’s value; empty when the events had none' }) value!: string;
  @ApiPropertyOptional({
    description:
      'By element only: what the element is called, its stored name (autocapture_names) or the heuristic name ' +
      "made of its context (`Clicked 'Place Order' on /checkout`)",
  })
  name?: string;
  @ApiPropertyOptional({
    enum: NAME_SOURCES,
    description:
      'By element only: where the name came from: the model (ai), the element’s context (heuristic), or a person (manual)',
  })
  nameSource?: NameSource;
  @ApiProperty({ type: MetricValuesDto }) metrics!: MetricValuesDto;
  @ApiPropertyOptional(REVENUE_PROPERTY) revenue?: RevenueDto;
  @ApiProperty({
    type: MetricValuesDto,
    nullable: true,
    description: 'The same value in the comparison range',
  })
  comparison!: MetricValuesDto | null;
}

export class BreakdownReportDto extends SampledReportHeaderDto {
  @ApiProperty({ enum: DIMENSION_NAMES }) dimension!: string;
  @ApiProperty({ type: [BreakdownRowDto] }) rows!: BreakdownRowDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as cursor for the next page; null on the last',
  })
  nextCursor!: string | null;
}
