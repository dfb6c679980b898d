import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SiteReport } from '../auth/access.decorator.js';
import { SiteIdParamDto } from '../sites/dto/site-id-param.dto.js';
import { BreakdownQueryDto, OverviewQueryDto, TimeseriesQueryDto } from './dto/report-query.dto.js';
import { BreakdownReportDto, OverviewReportDto, TimeseriesReportDto } from './dto/report.dto.js';
import { ReportsService } from './reports.service.js';

/** Reports of one site, for its viewers: a site the caller can't see is a 404, like a missing one. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('sites/:siteId')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @SiteReport()
  @Get('overview')
  @ApiOkResponse({ type: OverviewReportDto })
  overview(
    @Param() { siteId }: SiteIdParamDto,
    @Query() query: OverviewQueryDto,
  ): Promise<OverviewReportDto> {
    return this.reports.overview(siteId, query);
  }

  @SiteReport()
  @Get('timeseries')
  @ApiOkResponse({ type: TimeseriesReportDto })
  timeseries(
    @Param() { siteId }: SiteIdParamDto,
    @Query() query: TimeseriesQueryDto,
  ): Promise<TimeseriesReportDto> {
    return this.reports.timeseries(siteId, query);
  }

  @SiteReport()
  @Get('breakdown')
  @ApiOkResponse({ type: BreakdownReportDto })
  breakdown(
    @Param() { siteId }: SiteIdParamDto,
    @Query() query: BreakdownQueryDto,
  ): Promise<BreakdownReportDto> {
    return this.reports.breakdown(siteId, query);
  }
}
