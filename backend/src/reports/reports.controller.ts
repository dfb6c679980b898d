import { Controller, Get, Param, Query } from '@nestjs/common';
import { SiteReport } from '../auth/access.decorator.js';
import { SiteIdParamDto } from '../sites/dto/site-id-param.dto.js';
import { OverviewQueryDto } from './dto/overview-query.dto.js';
import { ReportsService, type Overview } from './reports.service.js';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('sites/:siteId')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @SiteReport()
  @Get('overview')
  overview(@Param() { siteId }: SiteIdParamDto, @Query() range: OverviewQueryDto): Promise<Overview> {
    return this.reports.overview(siteId, range);
  }
}
