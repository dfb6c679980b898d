import { Controller, Get, Param, Query, type StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { SiteReport } from '../../auth/access.decorator.js';
import { SiteIdParamDto } from '../../sites/dto/site-id-param.dto.js';
import { csvFile } from '../csv-file.js';
import { ErrorGroupParamDto, ErrorGroupQueryDto, ErrorsQueryDto } from './dto/errors-query.dto.js';
import { ErrorGroupReportDto, ErrorsReportDto } from './dto/errors-report.dto.js';
import { ErrorsService } from './errors.service.js';

/** The errors report of one site: JSON, or with `format=csv` a CSV file. */
@ApiTags('reports')
@ApiBearerAuth()
@ApiProduces('application/json', 'text/csv')
@Controller('sites/:siteId/errors')
export class ErrorsController {
  constructor(private readonly errors: ErrorsService) {}

  @SiteReport()
  @Get()
  @ApiOkResponse({
    type: ErrorsReportDto,
    description: 'Error groups; as CSV, every group without its pages and browsers',
  })
  async groups(
    @Param() { siteId }: SiteIdParamDto,
    @Query() query: ErrorsQueryDto,
  ): Promise<ErrorsReportDto | StreamableFile> {
    return query.format === 'csv'
      ? csvFile(await this.errors.groupsCsv(siteId, query), siteId, 'errors', query)
      : this.errors.groups(siteId, query);
  }

  @SiteReport()
  @Get(':group')
  @ApiOkResponse({
    type: ErrorGroupReportDto,
    description: 'One error group; as CSV, its occurrences, newest first',
  })
  async group(
    @Param() { siteId, group }: ErrorGroupParamDto,
    @Query() query: ErrorGroupQueryDto,
  ): Promise<ErrorGroupReportDto | StreamableFile> {
    return query.format === 'csv'
      ? csvFile(await this.errors.groupCsv(siteId, group, query), siteId, `error-${group}`, query)
      : this.errors.group(siteId, group, query);
  }
}
