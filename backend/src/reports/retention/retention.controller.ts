import { Controller, Get, Param, Query, type StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { SiteReport } from '../../auth/access.decorator.js';
import { SiteIdParamDto } from '../../sites/dto/site-id-param.dto.js';
import { csvFile } from '../csv-file.js';
import { RetentionQueryDto } from './dto/retention-query.dto.js';
import { RetentionReportDto } from './dto/retention.dto.js';
import { RetentionService } from './retention.service.js';

@ApiTags('reports')
@ApiBearerAuth()
@ApiProduces('application/json', 'text/csv')
@Controller('sites/:siteId')
export class RetentionController {
  constructor(private readonly retention: RetentionService) {}

  @SiteReport()
  @Get('retention')
  @ApiOkResponse({ type: RetentionReportDto })
  async grid(
    @Param() { siteId }: SiteIdParamDto,
    @Query() query: RetentionQueryDto,
  ): Promise<RetentionReportDto | StreamableFile> {
    return query.format === 'csv'
      ? csvFile(await this.retention.csv(siteId, query), siteId, 'retention', query)
      : this.retention.retention(siteId, query);
  }
}
