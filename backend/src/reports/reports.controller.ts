import { Controller, Get, Param, Query } from '@nestjs/common';
import { OverviewQueryDto } from './dto/overview-query.dto.js';
import { ReportsService } from './reports.service.js';
import { SiteIdPipe } from './site-id.pipe.js';

@Controller('sites/:siteId')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('overview')
  overview(@Param('siteId', SiteIdPipe) siteId: number, @Query() query: OverviewQueryDto) {
    return this.reports.overview(siteId, query);
  }
}
