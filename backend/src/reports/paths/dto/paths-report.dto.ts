import { ApiProperty } from '@nestjs/swagger';
import { ReportRangeDto } from '../../dto/report.dto.js';

export class PathNeighbourDto {
  @ApiProperty({ description: 'A page path; "entry" before a visit\'s first page, "exit" after its last' })
  page!: string;
  @ApiProperty({ type: 'integer', description: 'Visits that went from this page to the asked one, or on' })
  visits!: number;
  @ApiProperty({ description: 'Of the visits that viewed the asked page, in percent, one decimal' })
  percent!: number;
}

/** `GET /api/sites/:siteId/paths`. */
export class PathsReportDto extends ReportRangeDto {
  @ApiProperty({ description: 'The page or pattern asked for' }) page!: string;
  @ApiProperty({ type: 'integer', description: 'Visits begun in the range that viewed the page' })
  visits!: number;
  @ApiProperty({ type: [PathNeighbourDto], description: 'Pages viewed right after it, most visits first' })
  next!: PathNeighbourDto[];
  @ApiProperty({ type: [PathNeighbourDto], description: 'Pages viewed right before it, most visits first' })
  previous!: PathNeighbourDto[];
}

export class SessionPathDto {
  @ApiProperty({
    type: [String],
    description:
      'The steps in order: pages, "entry" first where the visit began within them, "exit" last where it ended',
  })
  pages!: string[];
  @ApiProperty({ type: 'integer' }) visits!: number;
}

/** `GET /api/sites/:siteId/paths/sessions`. */
export class SessionPathsReportDto extends ReportRangeDto {
  @ApiProperty({ type: 'string', nullable: true }) start!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) end!: string | null;
  @ApiProperty({ type: 'integer' }) steps!: number;
  @ApiProperty({ type: [SessionPathDto], description: 'Most visits first, then by pages' })
  paths!: SessionPathDto[];
}
