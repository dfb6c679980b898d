import { Controller, Get, Param, Query, type StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { SiteReport } from '../auth/access.decorator.js';
import { SiteIdParamDto } from '../sites/dto/site-id-param.dto.js';
import { csvFile } from './csv-file.js';
import { EventsPageDto, EventsQueryDto } from './dto/events.dto.js';
import { EventsProfileDto, EventsProfileQueryDto } from './dto/events-profile.dto.js';
import {
  BreakdownQueryDto,
  ConversionsQueryDto,
  OverviewQueryDto,
  TimeseriesQueryDto,
} from './dto/report-query.dto.js';
import {
  BreakdownReportDto,
  GoalConversionsReportDto,
  OverviewReportDto,
  TimeseriesReportDto,
} from './dto/report.dto.js';
import { EventsService } from './events.service.js';
import { ReportsService } from './reports.service.js';

/**
 * Reports of one site, for its viewers: a site the caller can't see is a 404, like a missing one.
 * Each answers JSON, or with `format=csv` a CSV file (the goals' conversions JSON only).
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('sites/:siteId')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly events: EventsService,
  ) {}

  @SiteReport()
  @Get('overview')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: OverviewReportDto })
  async overview(
    @Param() { siteId }: SiteIdParamDto,
    @Query() query: OverviewQueryDto,
  ): Promise<OverviewReportDto | StreamableFile> {
    return query.format === 'csv'
      ? csvFile(await this.reports.overviewCsv(siteId, query), siteId, 'overview', query)
      : this.reports.overview(siteId, query);
  }

  @SiteReport()
  @Get('conversions')
  @ApiOperation({ summary: 'Every goal of the site with its conversions, rate and revenue, in one answer' })
  @ApiOkResponse({ type: GoalConversionsReportDto })
  conversions(
    @Param() { siteId }: SiteIdParamDto,
    @Query() query: ConversionsQueryDto,
  ): Promise<GoalConversionsReportDto> {
    return this.reports.conversions(siteId, query);
  }

  @SiteReport()
  @Get('timeseries')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: TimeseriesReportDto })
  async timeseries(
    @Param() { siteId }: SiteIdParamDto,
    @Query() query: TimeseriesQueryDto,
  ): Promise<TimeseriesReportDto | StreamableFile> {
    return query.format === 'csv'
      ? csvFile(await this.reports.timeseriesCsv(siteId, query), siteId, 'timeseries', query)
      : this.reports.timeseries(siteId, query);
  }

  @SiteReport()
  @Get('breakdown')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: BreakdownReportDto })
  async breakdown(
    @Param() { siteId }: SiteIdParamDto,
    @Query() query: BreakdownQueryDto,
  ): Promise<BreakdownReportDto | StreamableFile> {
    return query.format === 'csv'
      ? csvFile(await this.reports.breakdownCsv(siteId, query), siteId, 'breakdown', query)
      : this.reports.breakdown(siteId, query);
  }

  @SiteReport()
  @Get('events')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: EventsPageDto })
  async eventsPage(
    @Param() { siteId }: SiteIdParamDto,
    @Query() query: EventsQueryDto,
  ): Promise<EventsPageDto | StreamableFile> {
    return query.format === 'csv'
      ? csvFile(await this.events.csv(siteId, query), siteId, 'events', query)
      : this.events.page(siteId, query);
  }

  @SiteReport()
  @Get('events/profile')
  @ApiOkResponse({ type: EventsProfileDto })
  eventsProfile(
    @Param() { siteId }: SiteIdParamDto,
    @Query() query: EventsProfileQueryDto,
  ): Promise<EventsProfileDto> {
    return this.events.profile(siteId, query);
  }
}
