import { Controller, Get, Param, Query, type StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { SiteReport } from '../../auth/access.decorator.js';
import { SiteIdParamDto } from '../../sites/dto/site-id-param.dto.js';
import { csvFile } from '../csv-file.js';
import { HeatmapQueryDto } from './dto/heatmap-query.dto.js';
import { HeatmapReportDto } from './dto/heatmap-report.dto.js';
import { PageFramingQueryDto } from './dto/page-framing-query.dto.js';
import { PageFramingDto } from './dto/page-framing.dto.js';
import { HeatmapService } from './heatmap.service.js';
import { PageFramingService } from './page-framing.service.js';

/** A page's heatmap, for the site's viewers: a site the caller can't see is a 404, like a missing one. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('sites/:siteId/heatmap')
export class HeatmapController {
  constructor(
    private readonly heatmaps: HeatmapService,
    private readonly framings: PageFramingService,
  ) {}

  /** With `format=csv`, the click cells (column, row, clicks). */
  @SiteReport()
  @Get()
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: HeatmapReportDto })
  async heatmap(
    @Param() { siteId }: SiteIdParamDto,
    @Query() query: HeatmapQueryDto,
  ): Promise<HeatmapReportDto | StreamableFile> {
    return query.format === 'csv'
      ? csvFile(await this.heatmaps.cellsCsv(siteId, query), siteId, 'heatmap', query)
      : this.heatmaps.heatmap(siteId, query);
  }

  /**
   * Whether the panel may draw the heatmap over the page itself, in a frame: the page's own answer to a GET
   * from the site's origin (X-Frame-Options, Content-Security-Policy frame-ancestors), remembered 10 minutes.
   */
  @SiteReport()
  @Get('framing')
  @ApiOkResponse({ type: PageFramingDto })
  framing(@Param() { siteId }: SiteIdParamDto, @Query() query: PageFramingQueryDto): Promise<PageFramingDto> {
    return this.framings.framing(siteId, query);
  }
}
