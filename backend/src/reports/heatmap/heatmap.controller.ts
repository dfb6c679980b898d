import { Controller, Get, Param, Query, type StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { SiteReport } from '../../auth/access.decorator.js';
import { SiteIdParamDto } from '../../sites/dto/site-id-param.dto.js';
import { csvFile } from '../csv-file.js';
import { HeatmapQueryDto } from './dto/heatmap-query.dto.js';
import { HeatmapReportDto } from './dto/heatmap-report.dto.js';
import { HeatmapService } from './heatmap.service.js';

/** A page's heatmap, for the site's viewers: a site the caller can't see is a 404, like a missing one. */
@ApiTags('reports')
@ApiBearerAuth()
@ApiProduces('application/json', 'text/csv')
@Controller('sites/:siteId/heatmap')
export class HeatmapController {
  constructor(private readonly heatmaps: HeatmapService) {}

  /** With `format=csv`, the click cells (column, row, clicks). */
  @SiteReport()
  @Get()
  @ApiOkResponse({ type: HeatmapReportDto })
  async heatmap(
    @Param() { siteId }: SiteIdParamDto,
    @Query() query: HeatmapQueryDto,
  ): Promise<HeatmapReportDto | StreamableFile> {
    return query.format === 'csv'
      ? csvFile(await this.heatmaps.cellsCsv(siteId, query), siteId, 'heatmap', query)
      : this.heatmaps.heatmap(siteId, query);
  }
}
