import { Controller, Get, Param, Query, type StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { SiteReport } from '../../auth/access.decorator.js';
import { SiteIdParamDto } from '../../sites/dto/site-id-param.dto.js';
import { csvFile } from '../csv-file.js';
import { EngagementQueryDto } from './dto/engagement-query.dto.js';
import { EngagementReportDto } from './dto/engagement-report.dto.js';
import { EngagementService } from './engagement.service.js';

/** How one site's pages were read (time on page, scroll depth): JSON, or with `format=csv` a CSV file. */
@ApiTags('reports')
@ApiBearerAuth()
@ApiProduces('application/json', 'text/csv')
@Controller('sites/:siteId/engagement')
export class EngagementController {
  constructor(private readonly engagement: EngagementService) {}

  @SiteReport()
  @Get()
  @ApiOkResponse({
    type: EngagementReportDto,
    description: 'As CSV: one line per page, with its readings, time on page (s) and scroll depth (%)',
  })
  async report(
    @Param() { siteId }: SiteIdParamDto,
    @Query() query: EngagementQueryDto,
  ): Promise<EngagementReportDto | StreamableFile> {
    return query.format === 'csv'
      ? csvFile(await this.engagement.engagementCsv(siteId, query), siteId, 'engagement', query)
      : this.engagement.engagement(siteId, query);
  }
}
