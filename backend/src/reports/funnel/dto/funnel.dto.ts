import { ApiProperty } from '@nestjs/swagger';
import { DIMENSION_NAMES, FUNNEL_STEP_KINDS } from '@sluice/config';
import type { FunnelStep } from '../../query/funnel.js';
import { ReportRangeDto } from '../../dto/report.dto.js';

export class FunnelStepResultDto {
  @ApiProperty({ type: 'integer', description: 'The step’s place, from 1' }) step!: number;
  @ApiProperty({ enum: FUNNEL_STEP_KINDS }) kind!: FunnelStep['kind'];
  @ApiProperty({ description: 'The step’s pattern, event name or element fingerprint, as asked' })
  match!: string;
  @ApiProperty({ type: 'string', nullable: true }) propertyKey!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) propertyValue!: string | null;
  @ApiProperty({
    type: 'integer',
    description: 'Visitors who reached the step after every earlier one, in order, within the window',
  })
  visitors!: number;
  @ApiProperty({ description: 'Percent of the entrants (step 1), two decimals, half up' })
  conversionFromStart!: number;
  @ApiProperty({ description: 'Percent of the previous step’s visitors, two decimals, half up' })
  conversionFromPrevious!: number;
  @ApiProperty({
    type: 'integer',
    description: 'The previous step’s visitors who did not reach this one (0 on step 1)',
  })
  dropOff!: number;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description:
      'Median whole seconds from the previous step (of an even count, the upper middle value); null on step 1 ' +
      'and where nobody reached the step',
  })
  medianSecondsFromPrevious!: number | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Mean seconds from the previous step, rounded half up; null as the median',
  })
  meanSecondsFromPrevious!: number | null;
}

export class FunnelRangeDto {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ type: [FunnelStepResultDto] }) steps!: FunnelStepResultDto[];
}

export class FunnelBreakdownRowDto {
  @ApiProperty({ description: 'The dimension’s value; empty when the events had none' }) value!: string;
  @ApiProperty({ type: [FunnelStepResultDto] }) steps!: FunnelStepResultDto[];
  @ApiProperty({
    type: [FunnelStepResultDto],
    nullable: true,
    description: 'The same value in the comparison range',
  })
  comparison!: FunnelStepResultDto[] | null;
}

export class FunnelReportDto extends ReportRangeDto {
  @ApiProperty({ type: 'integer', description: 'The conversion window, in seconds' }) window!: number;
  @ApiProperty({ type: [FunnelStepResultDto], description: 'Every entrant, whatever the dimension' })
  steps!: FunnelStepResultDto[];
  @ApiProperty({ type: FunnelRangeDto, nullable: true }) comparison!: FunnelRangeDto | null;
  @ApiProperty({ enum: DIMENSION_NAMES, nullable: true }) dimension!: string | null;
  @ApiProperty({
    type: [FunnelBreakdownRowDto],
    nullable: true,
    description: 'With a dimension: its top values by entrants, most first; null without one',
  })
  breakdown!: FunnelBreakdownRowDto[] | null;
}
