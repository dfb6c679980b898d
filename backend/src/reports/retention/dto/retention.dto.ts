import { ApiProperty } from '@nestjs/swagger';
import { PRIVACY_MODES, type PrivacyMode } from '@sluice/config';
import { RETENTION_PERIODS, type RetentionPeriod } from '../../query/retention.js';
import { ReportRangeDto } from '../../dto/report.dto.js';

export class RetentionCellDto {
  @ApiProperty({ type: 'integer', description: 'Periods after the cohort’s: 0 is the cohort’s own' })
  offset!: number;
  @ApiProperty({ format: 'date', description: 'The period’s first day' }) period!: string;
  @ApiProperty({ type: 'integer', description: 'Visitors of the cohort who returned in the period' })
  visitors!: number;
  @ApiProperty({ description: 'Percent of the cohort, two decimals, half up' }) percent!: number;
}

export class RetentionCohortDto {
  @ApiProperty({
    format: 'date',
    description: 'The cohort’s period’s first day (a week’s Monday, a month’s 1st), in the site’s zone',
  })
  cohort!: string;
  @ApiProperty({
    type: 'integer',
    description:
      'Visitors whose first-ever visit fell in the range within this period (and passes the filters)',
  })
  visitors!: number;
  @ApiProperty({
    type: [RetentionCellDto],
    description: 'Every period from the cohort’s to the range’s last, in order (zeros included)',
  })
  returning!: RetentionCellDto[];
}

export class RetentionRangeDto {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ type: [RetentionCohortDto] }) cohorts!: RetentionCohortDto[];
}

export class RetentionReportDto extends ReportRangeDto {
  @ApiProperty({ enum: RETENTION_PERIODS }) period!: RetentionPeriod;
  @ApiProperty({
    enum: PRIVACY_MODES,
    description:
      'How the site identifies visitors: persistent (the tracker’s first-party id) follows a visitor across ' +
      'days; cookieless (a hash under a salt that changes every UTC day) cannot, so a visitor is new every ' +
      'day and returns appear only within a cohort’s first day',
  })
  identity!: PrivacyMode;
  @ApiProperty({ type: 'string', nullable: true, description: 'The event a return is; null: any visit' })
  returnEvent!: string | null;
  @ApiProperty({ type: [RetentionCohortDto], description: 'Every period of the range, oldest first' })
  cohorts!: RetentionCohortDto[];
  @ApiProperty({ type: RetentionRangeDto, nullable: true }) comparison!: RetentionRangeDto | null;
}
