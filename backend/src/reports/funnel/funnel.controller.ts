import { Controller, Get, Param, Query, type StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { SiteReport } from '../../auth/access.decorator.js';
import { SiteIdParamDto } from '../../sites/dto/site-id-param.dto.js';
import { csvFile } from '../csv-file.js';
import { FunnelQueryDto } from './dto/funnel-query.dto.js';
import { FunnelReportDto } from './dto/funnel.dto.js';
import { FunnelVisitorsQueryDto } from './dto/funnel-visitors-query.dto.js';
import { FunnelVisitorsDto } from './dto/funnel-visitors.dto.js';
import { FunnelService } from './funnel.service.js';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('sites/:siteId')
export class FunnelController {
  constructor(private readonly funnels: FunnelService) {}

  @SiteReport()
  @Get('funnel')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: FunnelReportDto })
  async funnel(
    @Param() { siteId }: SiteIdParamDto,
    @Query() query: FunnelQueryDto,
  ): Promise<FunnelReportDto | StreamableFile> {
    return query.format === 'csv'
      ? csvFile(await this.funnels.csv(siteId, query), siteId, 'funnel', query)
      : this.funnels.funnel(siteId, query);
  }

  /** The visitors behind a step's count or its drop-off. */
  @SiteReport()
  @Get('funnel/visitors')
  @ApiOkResponse({ type: FunnelVisitorsDto })
  visitors(
    @Param() { siteId }: SiteIdParamDto,
    @Query() query: FunnelVisitorsQueryDto,
  ): Promise<FunnelVisitorsDto> {
    return this.funnels.visitors(siteId, query);
  }
}
