import { NAME_SOURCES, type NameSource } from '../../../naming/element-context.js';
import { ApiProperty } from '@nestjs/swagger';
import { ReportRangeDto } from '../../dto/report.dto.js';
import { GRID_COLUMNS, GRID_ROW_PX, SCROLL_DEPTHS, VIEWPORTS, type Viewport } from '../../query/heatmap.js';

export class HeatmapGridDto {
  @ApiProperty({ type: 'integer', example: GRID_COLUMNS, description: 'Columns across the viewport width' })
  columns!: number;
  @ApiProperty({ type: 'integer', example: GRID_ROW_PX, description: 'CSS px of page height per row' })
  rowPx!: number;
}

export class HeatmapCellDto {
  @ApiProperty({
    type: 'integer',
    description: `0 to ${GRID_COLUMNS - 1}: the click's x as a fraction of its viewport's width, in 1/${GRID_COLUMNS} steps`,
  })
  column!: number;
  @ApiProperty({
    type: 'integer',
    description: `The click's y from the top of the page, in ${GRID_ROW_PX} px rows`,
  })
  row!: number;
  @ApiProperty({ type: 'integer' }) clicks!: number;
}

export class HeatmapElementDto {
  @ApiProperty({ description: 'The element fingerprint (el_fingerprint)' }) fingerprint!: string;
  @ApiProperty({
    description:
      "Its name in autocapture_names, else the heuristic name of its context (`Clicked 'Place Order' on /checkout`)",
  })
  name!: string;
  @ApiProperty({ enum: NAME_SOURCES, description: 'Where the name came from' }) nameSource!: NameSource;
  @ApiProperty({ type: 'integer' }) clicks!: number;
  @ApiProperty({ type: 'integer' }) visitors!: number;
}

export class ScrollDepthDto {
  @ApiProperty({ type: 'integer', enum: SCROLL_DEPTHS, description: 'Percent of the page' }) depth!: number;
  @ApiProperty({ type: 'integer', description: 'Views that scrolled at least this far' }) views!: number;
  @ApiProperty({ description: 'Of all views, in percent, one decimal' }) percent!: number;
}

export class ScrollDto {
  @ApiProperty({
    type: 'integer',
    description:
      'Views of the page that reported engagement (per visit: a visit viewing it twice is one view)',
  })
  views!: number;
  @ApiProperty({ type: [ScrollDepthDto] }) depths!: ScrollDepthDto[];
}

/** `GET /api/sites/:siteId/heatmap`. */
export class HeatmapReportDto extends ReportRangeDto {
  @ApiProperty() page!: string;
  @ApiProperty({ enum: VIEWPORTS, nullable: true, description: 'null: every viewport width' })
  viewport!: Viewport | null;
  @ApiProperty() grid!: HeatmapGridDto;
  @ApiProperty({ type: [HeatmapCellDto], description: 'Cells with clicks, most clicks first' })
  cells!: HeatmapCellDto[];
  @ApiProperty({ type: [HeatmapElementDto], description: 'Most clicked elements first' })
  elements!: HeatmapElementDto[];
  @ApiProperty({ description: 'Scroll depth of the page, over every viewport width' }) scroll!: ScrollDto;
}
