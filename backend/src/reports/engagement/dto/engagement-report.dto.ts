import { ApiProperty } from '@nestjs/swagger';
import { ReportRangeDto } from '../../dto/report.dto.js';

/** How some pages were read: by the visits that reported reading them. */
export class EngagementDto {
  @ApiProperty({
    type: 'integer',
    description:
      "Readings: visits that reported time or scroll on the page (a visit's views of a page are one)",
  })
  views!: number;
  @ApiProperty({
    type: 'integer',
    description:
      'Time on page: the mean of the readings’ seconds with the page visible, whole, half up; 0 over none',
  })
  timeOnPage!: number;
  @ApiProperty({
    type: 'integer',
    description:
      'Scroll depth: the mean of the readings’ deepest scroll, percent of the page, whole, half up; 0 where none measured one',
  })
  scrollDepth!: number;
}

export class EngagementRowDto extends EngagementDto {
  @ApiProperty({ description: 'The page path' }) value!: string;
}

export class EngagementReportDto extends ReportRangeDto {
  @ApiProperty({ type: EngagementDto, description: 'Every page of the range' }) overall!: EngagementDto;
  @ApiProperty({
    type: [EngagementRowDto],
    description: 'One row per page, most readings first, then by path',
  })
  rows!: EngagementRowDto[];
  @ApiProperty({ description: 'Whether more pages than limit were read' }) truncated!: boolean;
}
