import { Controller, Get, Param, Query, type StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { SiteReport } from '../../auth/access.decorator.js';
import { SiteIdParamDto } from '../../sites/dto/site-id-param.dto.js';
import { csvFile } from '../csv-file.js';
import { PathsQueryDto, SessionPathsQueryDto } from './dto/paths-query.dto.js';
import { PathsReportDto, SessionPathsReportDto } from './dto/paths-report.dto.js';
import { PathsService } from './paths.service.js';

/** Paths through a site's pages, for its viewers: a site the caller can't see is a 404, like a missing one. */
@ApiTags('reports')
@ApiBearerAuth()
@ApiProduces('application/json', 'text/csv')
@Controller('sites/:siteId/paths')
export class PathsController {
  constructor(private readonly paths: PathsService) {}

  @SiteReport()
  @Get()
  @ApiOkResponse({ type: PathsReportDto })
  async neighbours(
    @Param() { siteId }: SiteIdParamDto,
    @Query() query: PathsQueryDto,
  ): Promise<PathsReportDto | StreamableFile> {
    return query.format === 'csv'
      ? csvFile(await this.paths.neighboursCsv(siteId, query), siteId, 'paths', query)
      : this.paths.neighbours(siteId, query);
  }

  @SiteReport()
  @Get('sessions')
  @ApiOkResponse({ type: SessionPathsReportDto })
  async sessions(
    @Param() { siteId }: SiteIdParamDto,
    @Query() query: SessionPathsQueryDto,
  ): Promise<SessionPathsReportDto | StreamableFile> {
    return query.format === 'csv'
      ? csvFile(await this.paths.sessionsCsv(siteId, query), siteId, 'session-paths', query)
      : this.paths.sessions(siteId, query);
  }
}
