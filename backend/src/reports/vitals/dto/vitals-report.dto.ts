import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ReportRangeDto } from '../../dto/report.dto.js';
import { VITALS_DIMENSIONS } from '../../query/vitals.js';

const SHARE = { type: 'number', description: 'Percent of the samples, two decimals' } as const;

/** One vital over some engagement events. */
export class VitalDto {
  @ApiProperty({
    type: 'integer',
    description: 'Events that measured it (a vital of 0 is not measured, and left out)',
  })
  samples!: number;
  @ApiProperty({
    type: 'number',
    nullable: true,
    description:
      'The 75th percentile: the value at index floor(0.75 × samples) of the sorted samples, exact; null without samples',
  })
  p75!: number | null;
  @ApiProperty(SHARE) good!: number;
  @ApiProperty(SHARE) needsImprovement!: number;
  @ApiProperty(SHARE) poor!: number;
}

export class VitalsDto {
  @ApiProperty({ type: 'integer', description: 'Engagement events read (each event id once)' })
  engagements!: number;
  @ApiProperty({ type: VitalDto, description: 'Largest Contentful Paint, ms: good ≤ 2500, poor > 4000' })
  lcp!: VitalDto;
  @ApiProperty({ type: VitalDto, description: 'Interaction to Next Paint, ms: good ≤ 200, poor > 500' })
  inp!: VitalDto;
  @ApiProperty({ type: VitalDto, description: 'Cumulative Layout Shift: good ≤ 0.1, poor > 0.25' })
  cls!: VitalDto;
}

export class VitalsRowDto extends VitalsDto {
  @ApiProperty({ description: 'The page path or device type' }) value!: string;
}

export class VitalsReportDto extends ReportRangeDto {
  @ApiPropertyOptional({ enum: Object.keys(VITALS_DIMENSIONS) }) dimension?: string;
  @ApiProperty({ type: VitalsDto, description: 'Every engagement event of the range' }) overall!: VitalsDto;
  @ApiProperty({
    type: [VitalsRowDto],
    description: 'With a dimension: one row per value, most engagement events first; [] without',
  })
  rows!: VitalsRowDto[];
  @ApiProperty({ description: 'Whether more values than limit had engagement events' }) truncated!: boolean;
}
